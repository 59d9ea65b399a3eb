import { DEPLOY_LOCK_STAGE } from '../../src/reconcile/deploy-lock';
import type { FakeAws } from '../support/fake-aws';
import {
  ACCOUNT,
  apiGatewayGrants,
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
} from './support';
import { summarizeServed } from '../support/api-summary';

/**
 * A failure at any single write leaves the live stage as it was, the error names the step, and
 * the next deploy converges. Each case fails one kind of write once.
 */

type Version = 'v1' | 'v2' | 'v3' | 'v1-new-expression';

const FUNCTIONS: Record<Exclude<Version, 'v1-new-expression'>, string> = {
  // v1: an authorizer on $connect, a two-way route, three integrated functions.
  v1: `
  auth:
    handler: handler.auth
  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect
          authorizer: { name: auth, identitySources: [route.request.header.Auth] }
      - websocket:
          routeKey: $disconnect
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: message
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
  extra:
    handler: handler.extra
    events:
      - websocket:
          routeKey: $default
`,
  // v2: identity source changed, `message` moved to extra, $default removed, `shout` added.
  v2: `
  auth:
    handler: handler.auth
  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect
          authorizer: { name: auth, identitySources: [route.request.querystring.token] }
      - websocket:
          routeKey: $disconnect
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
      - websocket:
          routeKey: shout
  extra:
    handler: handler.extra
    events:
      - websocket:
          routeKey: message
`,
  // v3: no authorizer, `extra` has no events any more.
  v3: `
  auth:
    handler: handler.auth
  conn:
    handler: handler.conn
    events:
      - websocket:
          routeKey: $connect
      - websocket:
          routeKey: $disconnect
  talk:
    handler: handler.talk
    events:
      - websocket:
          routeKey: message
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
  extra:
    handler: handler.extra
`,
};

function serverlessYml(version: Version): string {
  const expression =
    version === 'v1-new-expression'
      ? '\n  websocketApiRouteSelectionExpression: $request.body.type'
      : '';
  return `service: relay
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x${expression}
functions:${FUNCTIONS[version === 'v1-new-expression' ? 'v1' : version]}`;
}

const fn = (name: string) => `relay-dev-${name}`;
const authorizer = (identity: string) => ({
  auth: { type: 'REQUEST', function: fn('auth'), identitySource: [identity] },
});
const integrations = (...names: string[]) => names.map((name) => `AWS_PROXY POST ${fn(name)}`);
const ping = {
  function: fn('talk'),
  routeResponseSelectionExpression: '$default',
  routeResponses: ['$default'],
};

const EXPECTED = {
  v1: {
    routes: {
      $connect: { function: fn('conn'), authorizer: 'CUSTOM:auth' },
      $disconnect: { function: fn('conn') },
      message: { function: fn('talk') },
      ping,
      $default: { function: fn('extra') },
    },
    integrations: integrations('conn', 'extra', 'talk'),
    authorizers: authorizer('route.request.header.Auth'),
  },
  v2: {
    routes: {
      $connect: { function: fn('conn'), authorizer: 'CUSTOM:auth' },
      $disconnect: { function: fn('conn') },
      message: { function: fn('extra') },
      ping,
      shout: { function: fn('talk') },
    },
    integrations: integrations('conn', 'extra', 'talk'),
    authorizers: authorizer('route.request.querystring.token'),
  },
  v3: {
    routes: {
      $connect: { function: fn('conn') },
      $disconnect: { function: fn('conn') },
      message: { function: fn('talk') },
      ping,
    },
    integrations: integrations('conn', 'talk'),
    authorizers: {},
  },
};

interface Case {
  service: 'ApiGatewayV2' | 'Lambda';
  operation: string;
  /** Only the call on this stage (createStage also takes the deploy lock). */
  stageName?: string;
  /** What the error must say was being done. */
  step: RegExp;
  /** The version deployed before the failing deploy; none for a first deploy. */
  from?: Version;
  /** Something changed by hand before the failing deploy. */
  drift?: (aws: FakeAws, apiId: string) => void;
  to: Version;
  /**
   * The write comes after the new deployment is live (deleting what it no longer uses, and
   * taking those functions' permissions back first): the stage already serves `to`.
   */
  afterLive?: true;
}

const CASES: Case[] = [
  {
    service: 'ApiGatewayV2',
    operation: 'createApi',
    step: /create WebSocket API "relay-dev-websockets-api"/,
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createIntegration',
    step: /create the integration for .*function:relay-dev-/,
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createAuthorizer',
    step: /create authorizer "auth"/,
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createRoute',
    step: /create route "shout"/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createRouteResponse',
    step: /create the route response of route "ping"/,
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createStage',
    stageName: 'dev',
    step: /create stage "dev" of API \w+ with deployment \w+/,
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createStage',
    stageName: DEPLOY_LOCK_STAGE,
    step: /take the deploy lock of service "relay" stage "dev" \(stage "sls-websockets-lock" of API \w+\)/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'createDeployment',
    step: /create a deployment of API/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'updateStage',
    step: /put deployment \w+ on stage "dev"/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'updateRoute',
    step: /update route "message"/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'deleteRoute',
    step: /delete route "\$default"/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'updateAuthorizer',
    step: /update authorizer "auth"/,
    from: 'v1',
    to: 'v2',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'deleteAuthorizer',
    step: /delete stale authorizer "auth"/,
    from: 'v1',
    to: 'v3',
    afterLive: true,
  },
  {
    service: 'ApiGatewayV2',
    operation: 'deleteIntegration',
    step: /delete stale integration \w+ \(.*relay-dev-extra/,
    from: 'v1',
    to: 'v3',
    afterLive: true,
  },
  {
    service: 'Lambda',
    operation: 'removePermission',
    step: /remove the permission websockets-\w+-relay-dev-\w+ no longer needed from function arn:aws:lambda:us-east-1:\d+:function:relay-dev-(extra|auth)/,
    from: 'v1',
    to: 'v3',
    afterLive: true,
  },
  {
    service: 'ApiGatewayV2',
    operation: 'updateIntegration',
    step: /update integration \w+ for .*relay-dev-/,
    from: 'v1',
    drift: (aws, apiId) => {
      const integrations = aws.apigw.api(apiId)!.integrations;
      const first = integrations.values()[0];
      integrations.set(first.IntegrationId!, { ...first, IntegrationMethod: 'GET' });
    },
    to: 'v1',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'updateApi',
    step: /update the name, route selection expression and description of API/,
    from: 'v1',
    to: 'v1-new-expression',
  },
  {
    service: 'ApiGatewayV2',
    operation: 'tagResource',
    step: /tag API \w+ for service "relay" stage "dev"/,
    from: 'v1',
    drift: (aws, apiId) => {
      aws.apigw.api(apiId)!.api.Tags = {};
    },
    to: 'v1',
  },
  {
    service: 'Lambda',
    operation: 'addPermission',
    step: /allow API Gateway to invoke function relay-dev-/,
    to: 'v1',
  },
  {
    service: 'Lambda',
    operation: 'removePermission',
    step: /remove the outdated permission websockets-\w+-relay-dev-\w+ of function relay-dev-/,
    from: 'v1',
    // The API is gone (deleted by hand): the next deploy makes a new one, and every
    // permission must move to the new API id.
    drift: (aws, apiId) => aws.apigw.deleteApiDirectly(apiId),
    to: 'v1',
  },
];

const expectedOf = (version: Version) => EXPECTED[version === 'v1-new-expression' ? 'v1' : version];

describe('a failure at any single write', () => {
  const aws = useFakeAws({ maxPageSize: 2 });

  const titled = CASES.map((c) => ({
    ...c,
    title: `${c.service}.${c.operation}${c.stageName ? ` on stage ${c.stageName}` : ''}`,
  }));
  test.each(titled)(
    '$title',
    async ({ service, operation, stageName, step, from, drift, to, afterLive }) => {
      const servicePath = serviceWith(serverlessYml(from ?? to));
      let liveBefore: unknown;
      if (from) {
        await slsOk(servicePath, 'deploy');
        const { apiId } = onlyWebsocketApi(aws());
        liveBefore = aws().apigw.live(apiId, 'dev');
        drift?.(aws(), apiId);
        editServerlessYml(servicePath, () => serverlessYml(to));
      }
      const apisBefore = aws()
        .apigw.apis()
        .map((state) => state.apiId);
      aws().failNext<{ StageName?: string }>({
        service,
        operation,
        params: (params) => !stageName || params.StageName === stageName,
      });

      const failed = await sls(servicePath, 'deploy');

      expect(failed.error?.constructor.name).toBe('ServerlessError');
      expect(failed.error?.message).toMatch(step);
      expect(failed.error?.message).toContain('Injected failure');
      // The live stage still serves what it served before the failing deploy, or already the
      // new routes when the failure came after they went live.
      for (const apiId of apisBefore) {
        if (!aws().apigw.api(apiId)) continue;
        if (afterLive)
          expect(summarizeServed(aws().apigw.live(apiId, 'dev')!)).toEqual(expectedOf(to));
        else expect(aws().apigw.live(apiId, 'dev')).toEqual(liveBefore);
      }

      await slsOk(servicePath, 'deploy');

      const { apiId, api } = onlyWebsocketApi(aws());
      expect(summarize(aws().apigw.draft(apiId))).toEqual(expectedOf(to));
      expect(summarizeServed(aws().apigw.live(apiId, 'dev')!)).toEqual(expectedOf(to));
      expect(api.RouteSelectionExpression).toBe(
        to === 'v1-new-expression' ? '$request.body.type' : '$request.body.action',
      );
      const executeApi = `arn:aws:execute-api:us-east-1:${ACCOUNT}:${apiId}`;
      for (const name of expectedOf(to).integrations.map((line) => line.split(' ')[2])) {
        expect(apiGatewayGrants(aws(), name)).toEqual([`${executeApi}/*`]);
      }
      if (to !== 'v3')
        expect(apiGatewayGrants(aws(), fn('auth'))).toEqual([`${executeApi}/authorizers/*`]);
      // No stale grant: a function without events, and an authorizer no longer used, have none.
      else
        for (const name of ['auth', 'extra']) expect(apiGatewayGrants(aws(), fn(name))).toEqual([]);

      // Converged: one more deploy has nothing to do.
      aws().resetCalls();
      await slsOk(servicePath, 'deploy');
      expect(pluginWrites(aws())).toEqual([]);
    },
  );
});
