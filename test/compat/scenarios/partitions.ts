import { ACCOUNT } from '../../integration/support';
import {
  pluginLines,
  withProviderSetting,
  type Scenario,
  type ScenarioContext,
} from '../scenario-kit';
import { checkDeployed, EXAMPLE_DIR, expectedUrl, partitionOf } from './helpers';

const FUNCTIONS = ['authorize', 'connection', 'fallback', 'message', 'ping'];

/** example/ deployed to one region: every ARN in that region's partition, the URL its domain. */
async function deployTo(context: ScenarioContext, region: string): Promise<void> {
  const { checks, fake } = context;
  const service = context.copyOf(EXAMPLE_DIR, (yml) => withProviderSetting(yml, 'region', region));
  const where = { service: 'websockets-chat', stage: 'dev', region, functions: FUNCTIONS };
  const api = checkDeployed(context, region, await context.slsOk(service, 'deploy'), where);
  if (!api) return;

  const partition = partitionOf(region);
  const functionArn = `arn:${partition}:lambda:${region}:${ACCOUNT}:function:`;
  const invocation = `arn:${partition}:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}`;
  const draft = fake.apigw.draft(api.apiId);
  const uris = [
    ...draft.integrations.map((integration) => integration.IntegrationUri ?? ''),
    ...draft.authorizers.map((authorizer) => authorizer.AuthorizerUri ?? ''),
  ].sort();
  checks.equal(
    `${region}: integration and authorizer URIs`,
    uris.filter((uri) => !uri.startsWith(invocation)),
    [],
  );
  context.observe(`${region}: URIs`, uris);

  const info = pluginLines(await context.slsOk(service, 'info'));
  checks.equal(
    `${region}: info URL`,
    info[1],
    `  Base URL: ${expectedUrl(api.apiId, region, 'dev')}`,
  );
  await context.slsOk(service, 'remove');
  checks.equal(`${region}: API after remove`, fake.apigw.api(api.apiId), undefined);
}

/** China and GovCloud: `aws-cn` / `aws-us-gov` ARNs, `amazonaws.com.cn` URLs in China. */
export const partitionsScenario: Scenario = {
  name: 'partitions',
  async run(context) {
    await deployTo(context, 'cn-north-1');
    await deployTo(context, 'us-gov-west-1');
  },
};
