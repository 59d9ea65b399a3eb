import * as path from 'path';
import type { AwsCall, FakeAws } from '../test/support/fake-aws';
import { runServerless } from '../test/support/run-serverless';
import { hookRecorder, type HookWindow } from './hook-recorder';

/** The built plugin behind the timing shim (see timed-plugin.ts). */
const TIMED_PLUGIN = path.resolve(__dirname, 'timed-plugin.ts');

/** The services the plugin talks to; a call to any other inside a hook means the windows leak. */
const PLUGIN_SERVICES = new Set([
  'ApiGatewayV2',
  'APIGateway',
  'CloudWatchLogs',
  'Lambda',
  'Route53',
  'STS',
]);

export interface PhaseRun {
  /** The AWS calls made while one of the plugin's hooks ran. */
  pluginCalls: AwsCall[];
  /** All calls of the command, the framework's included. */
  allCalls: number;
  /** Time spent inside the plugin's hooks. */
  pluginWallMs: number;
  /** Total time of the command, the framework's CloudFormation work included. */
  commandWallMs: number;
  hooks: HookWindow[];
  /** The plugin's warnings, e.g. authorizers it ignores. */
  warnings: string[];
}

/** Runs one `sls` command against the fake and attributes calls and time to the plugin. */
export async function runPhase(
  fake: FakeAws,
  servicePath: string,
  argv: string[],
): Promise<PhaseRun> {
  const firstCall = fake.calls.length;
  hookRecorder.start(() => fake.calls.length);
  const started = Date.now();
  const result = await runServerless({ servicePath, argv, pluginModulePath: TIMED_PLUGIN });
  const commandWallMs = Date.now() - started;
  const hooks = hookRecorder.stop();
  if (result.error) {
    throw new Error(`sls ${argv.join(' ')} failed: ${result.error.message}\n${result.output}`);
  }
  if (hooks.length === 0) throw new Error(`sls ${argv.join(' ')} ran none of the plugin's hooks`);

  const pluginCalls = hooks.flatMap((hook) => fake.calls.slice(hook.firstCall, hook.endCall));
  const foreign = pluginCalls.find((call) => !PLUGIN_SERVICES.has(call.service));
  if (foreign) {
    throw new Error(`a ${foreign.service}.${foreign.operation} call happened inside a plugin hook`);
  }
  return {
    pluginCalls,
    allCalls: fake.calls.length - firstCall,
    pluginWallMs: hooks.reduce((sum, hook) => sum + hook.endMs - hook.startMs, 0),
    commandWallMs,
    hooks,
    warnings: result.output.split('\n').filter((line) => line.includes('WebSockets: Warning:')),
  };
}
