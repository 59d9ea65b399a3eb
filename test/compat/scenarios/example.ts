import { pluginWrites, summarize } from '../../integration/support';
import { EXAMPLE_API, exampleFunction, packagedResourceTypes } from '../../support/example-service';
import { manageConnectionsResources, variableOf } from '../../support/talk-back-state';
import { pluginLines, type Scenario, type ScenarioContext } from '../scenario-kit';
import { checkDeployed, EXAMPLE_DIR, expectedUrl, schemaComplaints } from './helpers';

const SERVICE = 'websockets-chat';
const fn = exampleFunction;
const WHERE = {
  service: SERVICE,
  stage: 'dev',
  region: 'us-east-1',
  functions: ['authorize', 'connection', 'fallback', 'message', 'ping'],
};

/**
 * `sls websockets plan --detailed-exitcode`: no write, the summary line last, and the exit code
 * (2: changes, 0: none).
 */
async function checkPlan(
  context: ScenarioContext,
  service: string,
  label: string,
  exitCode: number,
): Promise<void> {
  const { checks, fake } = context;
  const writesBefore = fake.calls.filter((call) => call.write).length;
  const argv = ['websockets', 'plan', '--stage', 'dev', '--detailed-exitcode'];
  const run = await context.sls(service, ...argv);
  checks.equal(`${label}: exit code`, run.exitCode, exitCode);
  checks.equal(
    `${label}: AWS writes`,
    fake.calls.filter((call) => call.write).length,
    writesBefore,
  );
  const lines = run.output.split('\n').map((line) => line.replace(/^Serverless: /, '').trimEnd());
  const summary = lines.filter((line) => line.startsWith('WebSockets plan: '));
  checks.equal(`${label}: one summary line, the last of the plan`, summary.length, 1);
  const header = lines.findIndex((line) => line.startsWith('WebSockets: API '));
  context.observe(`${label}: lines`, lines.slice(header, lines.indexOf(summary[0]) + 1));
}

/** example/ as users run it: package, plan, deploy, info, an unchanged redeploy, plan, remove. */
export const exampleScenario: Scenario = {
  name: 'example',
  async run(context) {
    const { checks, fake } = context;
    const service = context.copyOf(EXAMPLE_DIR);

    const packaged = await context.slsOk(service, 'package');
    checks.equal('package: warnings about the plugin keys', schemaComplaints(packaged), []);
    const types = packagedResourceTypes(service);
    checks.equal(
      'package: Lambda functions in the template',
      types.filter((type) => type === 'AWS::Lambda::Function').length,
      5,
    );
    checks.equal(
      "package: the framework's own WebSocket resources (routeKey events are the plugin's)",
      types.filter((type) => type.startsWith('AWS::ApiGatewayV2::')),
      [],
    );
    context.observe('package: lines', pluginLines(packaged));

    await checkPlan(context, service, 'plan before the first deploy', 2);

    const api = checkDeployed(context, 'deploy', await context.slsOk(service, 'deploy'), WHERE);
    if (!api) return;
    checks.equal('deploy: API', summarize(fake.apigw.draft(api.apiId)), EXAMPLE_API);
    const url = expectedUrl(api.apiId, WHERE.region, WHERE.stage);
    checks.equal(
      'deploy: WEBSOCKET_API_ENDPOINT of every function',
      WHERE.functions.map((name) => variableOf(fake, fn(name))),
      WHERE.functions.map(() => url.replace('wss://', 'https://')),
    );
    checks.equal(
      'deploy: ManageConnections in the role, this API and stage only',
      manageConnectionsResources(fake, `${SERVICE}-dev`),
      [`arn:aws:execute-api:us-east-1:123456789012:${api.apiId}/dev/*/@connections/*`],
    );

    const info = pluginLines(await context.slsOk(service, 'info'));
    checks.equal('info: section', info, [
      'WebSockets:',
      `  Base URL: ${url}`,
      '  Routes:',
      `    $connect -> ${fn('connection')} (authorizer: authorize)`,
      `    $default -> ${fn('fallback')}`,
      `    $disconnect -> ${fn('connection')}`,
      `    message -> ${fn('message')}`,
      `    ping -> ${fn('ping')} (two-way)`,
    ]);
    context.observe('info: lines', info);

    fake.resetCalls();
    const redeploy = pluginLines(await context.slsOk(service, 'deploy'));
    checks.equal('redeploy: API Gateway and Lambda writes', pluginWrites(fake), []);
    checks.equal('redeploy: lines', redeploy, [
      'WebSockets: stage "dev" already serves the current routes; nothing to deploy',
      `WebSockets: ${url}`,
    ]);
    context.observe('redeploy: lines', redeploy);
    await checkPlan(context, service, 'plan when up to date', 0);
    if (!context.version.startsWith('1.')) {
      const help = await context.slsOk(service, 'websockets', 'plan', '--help');
      checks.contains('plan --help: usage', help, 'Shows every change `sls deploy` would make');
      checks.contains('plan --help: option', help, '--detailed-exitcode');
    }

    const removed = pluginLines(await context.slsOk(service, 'remove'));
    checks.equal('remove: API left', fake.apigw.api(api.apiId), undefined);
    checks.equal('remove: lines', removed, [
      `WebSockets: removed WebSocket API "websockets-chat-dev" (${api.apiId})`,
    ]);
    context.observe('remove: lines', removed);
  },
};
