import { ACCOUNT } from '../../integration/support';
import { pluginLines, type Scenario, type ScenarioContext } from '../scenario-kit';
import { checkDeployed, expectedUrl } from './helpers';

const yml = (providerLines: string) => `service: opts
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
${providerLines}functions:
  hello:
    handler: handler.hello
    events:
      - websocket:
          routeKey: $default
`;

/** Deploys, shows and removes with these options; the API must be that stage's, in that region. */
async function roundTrip(
  context: ScenarioContext,
  servicePath: string,
  options: string[],
  expected: { stage: string; region: string },
): Promise<void> {
  const { checks, fake } = context;
  const label = `${expected.stage}/${expected.region}`;
  const where = { service: 'opts', functions: ['hello'], ...expected };
  const output = await context.slsOk(servicePath, 'deploy', ...options);
  const api = checkDeployed(context, label, output, where);
  if (!api) return;
  checks.equal(`${label}: API name`, api.api.Name, `opts-${expected.stage}-websockets-api`);
  checks.equal(
    `${label}: stage tag`,
    api.api.Tags?.['serverless-websockets-plugin:stage'],
    expected.stage,
  );
  checks.equal(
    `${label}: function behind $default`,
    fake.apigw.draft(api.apiId).integrations.map((i) => i.IntegrationUri),
    [
      `arn:aws:apigateway:${expected.region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${expected.region}:${ACCOUNT}:function:opts-${expected.stage}-hello/invocations`,
    ],
  );
  const info = pluginLines(await context.slsOk(servicePath, 'info', ...options));
  checks.equal(
    `${label}: info URL`,
    info[1],
    `  Base URL: ${expectedUrl(api.apiId, expected.region, expected.stage)}`,
  );
  await context.slsOk(servicePath, 'remove', ...options);
  checks.equal(`${label}: API after remove`, fake.apigw.api(api.apiId), undefined);
}

/**
 * Stage and region come from where the framework takes them: `--stage`/`--region` (and their
 * short forms) over `provider.stage`/`provider.region` (variables resolved) over the defaults.
 */
export const stageRegionScenario: Scenario = {
  name: 'stage-region',
  async run(context) {
    const defaults = context.service('opts', yml(''));
    await roundTrip(context, defaults, [], { stage: 'dev', region: 'us-east-1' });
    await roundTrip(context, defaults, ['--stage', 'prod', '--region', 'eu-west-1'], {
      stage: 'prod',
      region: 'eu-west-1',
    });
    const configured = context.service(
      'opts',
      yml("  stage: ${opt:stage, 'qa'}\n  region: ap-southeast-2\n"),
    );
    await roundTrip(context, configured, [], { stage: 'qa', region: 'ap-southeast-2' });
    await roundTrip(context, configured, ['-s', 'staging'], {
      stage: 'staging',
      region: 'ap-southeast-2',
    });
  },
};
