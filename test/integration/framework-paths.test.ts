import { EXAMPLE_API, exampleFunction } from '../support/example-service';
import { useFrameworkPath, type FrameworkPath } from '../support/framework-paths';
import { expectSmallServiceDeployed, SMALL, testDriftRepairs } from './small-service';
import {
  ACCOUNT,
  apiGatewayGrants,
  copyOfExample,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  slsOk,
  summarize,
  useFakeAws,
  websocketApis,
} from './support';

/**
 * The plugin on the AWS paths of today's frameworks: Serverless v4's provider.request with SDK v3
 * errors, and osls 4's SDK v3 clients. Both must converge wherever the SDK v2 path converges,
 * which needs every AWS error code read right (NotFoundException, ResourceConflictException...).
 */
describe.each<[string, FrameworkPath, 'v2' | 'v3']>([
  ['Serverless v4 (SDK v3 errors through provider.request)', 'serverless-v4', 'v2'],
  ['osls 4 (SDK v3 clients, no provider.request)', 'osls-4', 'v3'],
])('%s', (_label, framework, pluginSdk) => {
  const aws = useFakeAws({ maxPageSize: 2 });
  useFrameworkPath(framework);

  test('the example deploys, redeploys without writes, shows its URL and is removed', async () => {
    const service = copyOfExample();
    await slsOk(service, 'deploy');
    const { apiId } = onlyWebsocketApi(aws());
    // The fake's v2 front stands for Serverless v4's provider.request (which the framework
    // runs on either SDK); on osls 4 every plugin call goes through an SDK v3 client.
    const pluginCalls = aws().calls.filter(
      (call) =>
        call.service === 'ApiGatewayV2' ||
        ['addPermission', 'removePermission', 'getPolicy'].includes(call.operation),
    );
    expect(new Set(pluginCalls.map((call) => call.sdk))).toEqual(new Set([pluginSdk]));
    expect(summarize(aws().apigw.draft(apiId))).toEqual(EXAMPLE_API);
    expect(summarize(aws().apigw.live(apiId, 'dev')!)).toEqual(EXAMPLE_API);
    const executeApi = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;
    expect(apiGatewayGrants(aws(), exampleFunction('message'))).toEqual([`${executeApi}/*`]);

    aws().resetCalls();
    await slsOk(service, 'deploy');
    expect(pluginWrites(aws())).toEqual([]);

    expect(await slsOk(service, 'info')).toContain(
      `wss://${apiId}.execute-api.us-east-1.amazonaws.com/dev`,
    );
    await slsOk(service, 'remove');
    expect(websocketApis(aws())).toEqual([]);
  });

  testDriftRepairs(aws);

  test('the API deleted by hand is recreated and the permissions move to the new id', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    aws().apigw.deleteApiDirectly(onlyWebsocketApi(aws()).apiId);
    // addPermission now answers ResourceConflictException for the old statement ids.
    await slsOk(service, 'deploy');
    expectSmallServiceDeployed(aws());
  });
});
