/**
 * The compat run of one framework release, in a process of its own (a release's modules and
 * its aws-sdk must not meet another release's):
 *
 *   node scripts/run-ts.js test/compat/worker.ts <osls@4.3.1|3.40.0|...> <result.json> [scenario...]
 *
 * Writes a VersionResult as JSON. COMPAT_SHOW_OUTPUT=1 echoes what `sls` prints;
 * COMPAT_KEEP_TRANSCRIPTS=1 keeps every command's output in the result, not only failures'.
 */
import * as fs from 'fs';
import { frameworkInstall, parseFramework } from './framework-install';
import { NetworkGuard } from './network-guard';
import { useFrameworkSdk } from './sdk-redirect';

async function main(): Promise<void> {
  const [spec, resultFile, ...only] = process.argv.slice(2);
  if (!spec || !resultFile)
    throw new Error('usage: worker.ts <framework@version> <result.json> [scenario...]');
  const install = frameworkInstall(parseFramework(spec));
  // Before anything loads aws-sdk: FakeAws must stub the framework's own copy.
  useFrameworkSdk(install.projectDir);
  const guard = new NetworkGuard();
  guard.install();
  // Before the framework loads: its own SDK v3 copies (and the plugin's) answer from FakeAws.
  const { interceptSdkV3ClientModules } = await import('../support/fake-aws');
  interceptSdkV3ClientModules();
  // Every command of every framework version adds process listeners; none of them leak.
  process.setMaxListeners(0);
  const { runScenarios } = await import('./run-scenarios');
  const result = await runScenarios(install, guard, {
    echo: process.env.COMPAT_SHOW_OUTPUT === '1',
    keepTranscripts: process.env.COMPAT_KEEP_TRANSCRIPTS === '1',
    only: only.length ? only : undefined,
    progress: (line) => console.log(`[${install.label}] ${line}`),
  });
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
}

main().then(
  // Exit at once: a framework may leave timers behind (the results are written).
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
