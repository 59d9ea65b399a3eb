import type { FakeAws } from '../support/fake-aws';
import {
  ACCOUNT,
  apiGatewayGrants,
  onlyWebsocketApi,
  serviceWith,
  slsOk,
  summarize,
} from './support';

/** A small service with every kind of resource: authorizer, two-way route, $default. */
export const SMALL = `service: tide
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x
functions:
  auth:
    handler: handler.auth
  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect
          authorizer: { name: auth, identitySources: route.request.header.Auth }
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: $default
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
`;

export const EXPECTED_SMALL = {
  routes: {
    $connect: { function: 'tide-dev-conn', authorizer: 'CUSTOM:auth' },
    $default: { function: 'tide-dev-talk' },
    ping: {
      function: 'tide-dev-talk',
      routeResponseSelectionExpression: '$default',
      routeResponses: ['$default'],
    },
  },
  integrations: ['AWS_PROXY POST tide-dev-conn', 'AWS_PROXY POST tide-dev-talk'],
  authorizers: {
    auth: {
      type: 'REQUEST',
      function: 'tide-dev-auth',
      identitySource: ['route.request.header.Auth'],
    },
  },
};

/** The deployed API is exactly the small service, live, with every permission in place. */
export function expectSmallServiceDeployed(aws: FakeAws): void {
  const { apiId } = onlyWebsocketApi(aws);
  expect(summarize(aws.apigw.draft(apiId))).toEqual(EXPECTED_SMALL);
  expect(summarize(aws.apigw.live(apiId, 'dev')!)).toEqual(EXPECTED_SMALL);
  const executeApi = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;
  expect(apiGatewayGrants(aws, 'tide-dev-conn')).toEqual([`${executeApi}/*`]);
  expect(apiGatewayGrants(aws, 'tide-dev-talk')).toEqual([`${executeApi}/*`]);
  expect(apiGatewayGrants(aws, 'tide-dev-auth')).toEqual([`${executeApi}/authorizers/*`]);
}

/** Changes made by hand to a deployed small service, each of which the next deploy repairs. */
export const DRIFTS: [string, (aws: FakeAws, apiId: string) => void][] = [
  ['a route deleted', (aws, apiId) => aws.apigw.deleteRouteDirectly(apiId, 'ping')],
  [
    "a route's target changed",
    (aws, apiId) => {
      const other = aws.apigw.draft(apiId).routes.find((r) => r.RouteKey === '$connect')!.Target;
      aws.apigw.updateRouteDirectly(apiId, '$default', { Target: other });
    },
  ],
  [
    'an integration deleted',
    (aws, apiId) =>
      aws.apigw.deleteIntegrationDirectly(
        apiId,
        aws.apigw.draft(apiId).integrations[0].IntegrationId!,
      ),
  ],
  [
    'the authorizer deleted',
    (aws, apiId) =>
      aws.apigw.deleteAuthorizerDirectly(
        apiId,
        aws.apigw.draft(apiId).authorizers[0].AuthorizerId!,
      ),
  ],
  ['the stage deleted', (aws, apiId) => aws.apigw.api(apiId)!.stages.delete('dev')],
  [
    'an older deployment put on the stage',
    (aws, apiId) => {
      const state = aws.apigw.api(apiId)!;
      state.routes.delete(state.routes.find((r) => r.RouteKey === 'ping')!.RouteId!);
      const partial = aws.apigw.draft(apiId);
      state.deployments.set('handmade', {
        deployment: { DeploymentId: 'handmade' },
        snapshot: {
          routes: partial.routes,
          integrations: partial.integrations,
          authorizers: partial.authorizers,
          routeResponses: {},
        },
      });
      state.stages.set('dev', { ...state.stages.get('dev')!, DeploymentId: 'handmade' });
    },
  ],
  [
    'a permission removed',
    (aws) =>
      aws.lambda.removePermission({
        FunctionName: 'tide-dev-talk',
        StatementId: aws.lambda.statements('tide-dev-talk')[0].Sid,
      }),
  ],
];

/** One test per drift: deploy, change by hand, deploy again, and the service is whole again. */
export function testDriftRepairs(aws: () => FakeAws): void {
  test.each(DRIFTS)('drift repaired: %s', async (_name, drift) => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    drift(aws(), onlyWebsocketApi(aws()).apiId);

    await slsOk(service, 'deploy');

    expectSmallServiceDeployed(aws());
  });
}
