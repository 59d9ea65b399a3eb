/**
 * Run by fake-aws-v3-hook.test.ts in a plain node process (scripts/run-ts.js), as the compat
 * harness runs: loads copies of the SDK v3 base client the way a framework's node_modules
 * would be loaded and reloaded, and prints as JSON what each copy's clients got.
 */
// The real module object: the test checks that its loader is put back.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');
import { closedPort } from './closed-port';
import { FakeAws, interceptSdkV3ClientModules } from './fake-aws';

interface StsModule {
  STSClient: new (config: object) => { send(command: unknown): Promise<{ Account?: string }> };
  GetCallerIdentityCommand: new (input: object) => unknown;
}
interface SdkCopy {
  sts: StsModule;
  send: unknown;
  Client: { prototype: { send: unknown } };
}

const loader = Module as unknown as { _load: unknown };
const SDK_FILE = /[\\/]node_modules[\\/](@smithy|@aws-sdk)[\\/]/;

/** A new copy of the SDK, as a framework's modules are reloaded before each command. */
function loadSdkCopy(): SdkCopy {
  for (const file of Object.keys(require.cache)) {
    if (SDK_FILE.test(file)) delete require.cache[file];
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sts = require('@aws-sdk/client-sts') as StsModule;
  const { Client } = require('@smithy/core/client') as SdkCopy;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { sts, Client, send: Client.prototype.send };
}

/** The account FakeAws answers with, or the error of a real request to a closed port. */
async function callerOf(copy: SdkCopy, port: number): Promise<string> {
  const client = new copy.sts.STSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' },
    endpoint: `http://127.0.0.1:${port}`,
    maxAttempts: 1,
  });
  return client.send(new copy.sts.GetCallerIdentityCommand({})).then(
    (identity) => `account ${identity.Account}`,
    (error: Error) => (/ECONNREFUSED/.test(error.message) ? 'ECONNREFUSED' : error.message),
  );
}

async function main(): Promise<Record<string, unknown>> {
  const port = await closedPort();
  const pristineLoad = loader._load;
  const stopHook = interceptSdkV3ClientModules();
  const beforeInstall = loadSdkCopy();
  const fake = new FakeAws();
  fake.install();
  const atInstall = { beforeInstall: await callerOf(beforeInstall, port) };
  const whileInstalled = loadSdkCopy(); // the same files again: beforeInstall is released
  const installed = {
    whileInstalled: await callerOf(whileInstalled, port),
    beforeInstall: await callerOf(beforeInstall, port),
    beforeInstallSendBack: beforeInstall.Client.prototype.send === beforeInstall.send,
  };
  fake.restore();
  const restored = { whileInstalled: await callerOf(whileInstalled, port) };
  stopHook();
  const afterHook = loadSdkCopy();
  fake.install();
  const reinstalled = {
    whileInstalled: await callerOf(whileInstalled, port),
    afterHook: await callerOf(afterHook, port),
  };
  fake.restore();
  return {
    atInstall,
    installed,
    restored,
    reinstalled,
    loaderRestored: loader._load === pristineLoad,
  };
}

main().then(
  (result) => {
    console.log(JSON.stringify(result));
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
