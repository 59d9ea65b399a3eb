/**
 * `npm run demo`: deploys example/ through the real Serverless Framework against the in-memory
 * AWS stand-in (no AWS account needed): deploy, info, an unchanged redeploy, remove. Prints what
 * the framework and the plugin print, the resulting API and the AWS calls of each step.
 */
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { summarize } from '../test/support/api-summary';
import { FakeAws, type AwsCall } from '../test/support/fake-aws';
import { copyFixture, runServerless } from '../test/support/run-serverless';

const ROOT = path.resolve(__dirname, '..');
/** The built package, loaded as a user's service loads it. */
const PLUGIN = path.join(ROOT, 'dist', 'index.js');
const STEPS = [['deploy'], ['info'], ['deploy'], ['remove']];

function countCalls(calls: AwsCall[]): string[] {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const key = `${call.service}.${call.operation}${call.error ? ` (${call.error})` : ''}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => `    ${String(count).padStart(3)}  ${key}`);
}

function describeApis(fake: FakeAws): string[] {
  const apis = fake.apigw.apis().filter((state) => state.api.ProtocolType === 'WEBSOCKET');
  if (apis.length === 0) return ['  (no WebSocket API)'];
  return apis.flatMap((state) => {
    const draft = summarize(fake.apigw.draft(state.apiId));
    const stages = state.stages.values().map((stage) => {
      const live = fake.apigw.live(state.apiId, stage.StageName ?? '');
      const current = live && isDeepStrictEqual(summarize(live), draft);
      return `    ${stage.StageName}: deployment ${stage.DeploymentId}, ${current ? 'serves the current routes' : 'serves an older deployment'}`;
    });
    return [
      `  API ${state.apiId} "${state.api.Name}", route selection ${state.api.RouteSelectionExpression}`,
      `  tags: ${JSON.stringify(state.api.Tags)}`,
      '  routes:',
      ...Object.entries(draft.routes).map(([key, route]) => {
        const notes = [
          route.authorizer,
          route.routeResponses && `route response ${route.routeResponses.join(', ')}`,
        ];
        const shown = notes.filter(Boolean).join(', ');
        return `    ${key} -> ${route.function}${shown ? ` (${shown})` : ''}`;
      }),
      '  integrations:',
      ...draft.integrations.map((integration) => `    ${integration}`),
      '  authorizers:',
      ...Object.entries(draft.authorizers).map(
        ([name, a]) =>
          `    ${name}: ${a.type} -> ${a.function}, identity ${a.identitySource?.join(', ')}`,
      ),
      `  stages (${state.deployments.size} deployments in all):`,
      ...stages,
    ];
  });
}

async function main(): Promise<number> {
  const fake = new FakeAws();
  fake.install();
  const servicePath = copyFixture(path.join(ROOT, 'example'));
  try {
    for (const argv of STEPS) {
      fake.resetCalls();
      console.log(`\n$ sls ${argv.join(' ')}`);
      const { output, error } = await runServerless({
        servicePath,
        argv,
        pluginModulePath: PLUGIN,
      });
      console.log(output.trimEnd());
      console.log(`\n  AWS calls of \`sls ${argv.join(' ')}\` (${fake.calls.length} in all):`);
      console.log(countCalls(fake.calls).join('\n'));
      console.log('\n  The account afterwards:');
      console.log(describeApis(fake).join('\n'));
      if (error) {
        console.error(`\nsls ${argv.join(' ')} failed: ${error.message}`);
        return 1;
      }
    }
    return 0;
  } finally {
    fake.restore();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
