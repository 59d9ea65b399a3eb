import type { FakeAws } from '../support/fake-aws';
import { applyEnv } from '../support/run-serverless';
import { expectSmallServiceDeployed, SMALL } from './small-service';
import {
  clubService,
  expectRefusedBeforeAnyWrite,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
} from './support';

// The framework reads SLS_AWS_REQUEST_MAX_RETRIES when it first loads (once per test file):
// every deploy here runs with the framework's retries off, so only the plugin's own pacing
// and back-off stand between a 429 and a failed deploy.
let restoreEnv: () => void;
beforeAll(() => (restoreEnv = applyEnv({ SLS_AWS_REQUEST_MAX_RETRIES: '0' })));
afterAll(() => restoreEnv());

/** `count` functions with two routes each (`fNa`, `fNb`). */
function manyRoutes(count: number): string {
  return Array.from(
    { length: count },
    (_, n) => `  f${n}:
    handler: handler.f${n}
    events:
      - websocket:
          routeKey: f${n}a
      - websocket:
          routeKey: f${n}b
`,
  ).join('');
}

const apiGatewayErrors = (fake: FakeAws) =>
  fake.callsTo('ApiGatewayV2').flatMap((call) => (call.error ? [call.error] : []));

describe('AWS quotas checked before any write', () => {
  const aws = useFakeAws();

  test('302 routes fail the deploy before CloudFormation, saying how to raise the quota', async () => {
    const result = await sls(serviceWith(clubService('', manyRoutes(151))), 'deploy');

    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      'the service has 302 routes, more than the 300 routes API Gateway allows per WebSocket API (from route "f150a" of function "f150" on); request an increase of "Routes per API" (L-01C8A9E0) for this API in the Service Quotas console, then set provider.websocketApiMaxRoutes to the raised quota',
    );
  });

  test('a long API name, a malformed identity source and a reserved route key, together', async () => {
    const result = await sls(
      serviceWith(
        clubService(
          `  websocketApiName: ${'n'.repeat(129)}`,
          `  auth:
    handler: handler.auth
  chat:
    handler: handler.chat
    events:
      - websocket:
          routeKey: $connect
          authorizer: { name: auth, identitySources: $request.header.Auth }
      - websocket:
          routeKey: $ping
`,
        ),
      ),
      'deploy',
    );

    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      'provider.websocketApiName is 129 characters long; API Gateway allows at most 128',
      'function "chat", events[0] (websocket): authorizer.identitySources "$request.header.Auth" is not a WebSocket identity source; use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>',
      'function "chat", events[1] (websocket): routeKey "$ping" is reserved by API Gateway: route keys starting with "$" are $connect, $disconnect, $default only',
    );
  });

  test('a bad pacing key fails the deploy before any write', async () => {
    const result = await sls(
      serviceWith(clubService('  websocketApiRequestRate: 0', manyRoutes(1))),
      'deploy',
    );

    expectRefusedBeforeAnyWrite(
      aws(),
      result,
      'provider.websocketApiRequestRate must be a positive number of API Gateway calls per second (AWS allows 10 per account), got 0',
    );
  });
});

describe('pacing against the account rate limits, with the framework retries off', () => {
  const aws = useFakeAws({ rateLimits: { ratePerSecond: 20, burst: 4 } });

  test('at the configured rate the deploy draws no 429', async () => {
    await slsOk(
      serviceWith(
        SMALL.replace(
          '  runtime: nodejs20.x\n',
          '  runtime: nodejs20.x\n  websocketApiRequestRate: 20\n  websocketApiRequestBurst: 4\n',
        ),
      ),
      'deploy',
    );

    expect(apiGatewayErrors(aws())).toEqual([]);
    expectSmallServiceDeployed(aws());
  });

  test('when the account is slower than the plugin thinks, the plugin backs off on 429s', async () => {
    // The plugin's defaults (10/s, burst 40) against an account that bursts only 4.
    await slsOk(serviceWith(SMALL), 'deploy');

    const errors = apiGatewayErrors(aws());
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors)).toEqual(new Set(['TooManyRequestsException']));
    expectSmallServiceDeployed(aws());
  });
});
