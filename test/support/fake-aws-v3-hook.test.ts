import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'fake-aws-v3-hook.fixture.ts');

describe('interceptSdkV3ClientModules (plain node, as in the compat harness)', () => {
  it('intercepts every copy of the v3 base client loaded while hooked, and only those', async () => {
    // Node's own loader: jest's module registry does not go through Module._load.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(ROOT, 'scripts/run-ts.js'), FIXTURE],
      { cwd: ROOT, timeout: 60_000 },
    );
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({
      // A copy loaded before install is answered from install on...
      atInstall: { beforeInstall: 'account 123456789012' },
      installed: {
        // ...one loaded while installed at once; reloading the same files releases the old copy.
        whileInstalled: 'account 123456789012',
        beforeInstall: 'ECONNREFUSED',
        beforeInstallSendBack: true,
      },
      // restore() puts send back: a real (refused) request.
      restored: { whileInstalled: 'ECONNREFUSED' },
      // Copies intercepted stay so when the hook goes; copies loaded after it are not.
      reinstalled: { whileInstalled: 'account 123456789012', afterHook: 'ECONNREFUSED' },
      loaderRestored: true,
    });
  });
});
