import { expectSmallServiceDeployed, SMALL, testDriftRepairs } from './small-service';
import {
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  summarize,
  useFakeAws,
  websocketApis,
} from './support';

describe('drift: what was changed by hand is repaired by the next deploy', () => {
  const aws = useFakeAws();

  testDriftRepairs(aws);
});

describe('AWS faults', () => {
  const aws = useFakeAws();

  test('throttled calls are retried and the deploy converges', async () => {
    // Each throttled call costs the framework's 4-7 s back-off; a few are enough to prove it.
    aws().throttle({ rate: 0.08, services: ['ApiGatewayV2', 'Lambda'], seed: 7 });

    const output = await slsOk(serviceWith(SMALL), 'deploy');

    expect(
      aws().calls.filter((call) => call.error === 'TooManyRequestsException').length,
    ).toBeGreaterThan(0);
    expect(output).toContain('Recoverable error occurred');
    aws().throttle(null);
    expectSmallServiceDeployed(aws());
  }, 120_000);

  test('a socket reset on a read is retried', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    aws().failNext(
      { service: 'ApiGatewayV2', operation: 'getRoutes' },
      { code: 'ECONNRESET', message: 'socket hang up', statusCode: 0, retryable: true },
    );

    await slsOk(service, 'deploy');

    expect(aws().calls.filter((call) => call.error === 'ECONNRESET')).toHaveLength(1);
    expectSmallServiceDeployed(aws());
  }, 30_000);

  test('a read that keeps failing is reported with what was being read', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    aws().failNext(
      { service: 'ApiGatewayV2', operation: 'getRoutes' },
      {
        code: 'TimeoutError',
        message: 'Connection timed out after 120000ms',
        statusCode: 0,
        retryable: false,
      },
    );

    const result = await sls(service, 'deploy');

    expect(result.error?.message).toMatch(
      /^serverless-websockets-plugin could not read the routes, integrations and authorizers of API \w+: TimeoutError: Connection timed out after 120000ms$/,
    );
  });
});

/** 50 functions with 2 routes each; the $connect route has an authorizer. */
function largeService(): string {
  const functions = Array.from({ length: 50 }, (_, i) => {
    const first = i === 0 ? '$connect' : i === 1 ? '$default' : `action${i}a`;
    const authorizer =
      i === 0
        ? '\n          authorizer: { name: auth0, identitySources: route.request.header.Auth }'
        : '';
    return `  fn${i}:
    handler: handler.fn${i}
    events:
      - websocket:
          routeKey: ${first}${authorizer}
      - websocket:
          routeKey: action${i}b`;
  });
  const authorizers = Array.from(
    { length: 5 },
    (_, i) => `  auth${i}:\n    handler: handler.auth${i}`,
  );
  return `service: big
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x
functions:
${[...authorizers, ...functions].join('\n')}
`;
}

describe('a large service with a page size of 5', () => {
  const aws = useFakeAws({ maxPageSize: 5 });

  test('is deployed whole, without duplicates, and a second deploy writes nothing', async () => {
    const service = serviceWith(largeService());
    await slsOk(service, 'deploy');

    const { apiId } = onlyWebsocketApi(aws());
    const live = aws().apigw.live(apiId, 'dev')!;
    expect(live.routes).toHaveLength(100);
    expect(live.integrations).toHaveLength(50);
    expect(new Set(live.integrations.map((i) => i.IntegrationUri)).size).toBe(50);
    const summary = summarize(live);
    expect(summary.routes.$connect).toEqual({
      function: 'big-dev-fn0',
      authorizer: 'CUSTOM:auth0',
    });
    expect(summary.routes.action49b).toEqual({ function: 'big-dev-fn49' });
    expect(Object.values(summary.routes).filter((route) => route.function === '?')).toEqual([]);

    aws().resetCalls();
    await slsOk(service, 'deploy');

    expect(pluginWrites(aws())).toEqual([]);
    expect(websocketApis(aws())).toHaveLength(1);
  });
});

describe('removal', () => {
  const aws = useFakeAws();
  const SHARED = SMALL.replace(
    'runtime: nodejs20.x',
    'runtime: nodejs20.x\n  websocketApiName: shared',
  );

  test.each([
    ['dev', 'prod'],
    ['prod', 'dev'],
  ])('two stages sharing a name, removed %s first, keep their own APIs', async (first, second) => {
    const service = serviceWith(SHARED);
    await slsOk(service, 'deploy', '--stage', 'dev');
    await slsOk(service, 'deploy', '--stage', 'prod');
    const apiOf = (stage: string) =>
      websocketApis(aws()).find(
        (state) => state.api.Tags?.['serverless-websockets-plugin:stage'] === stage,
      );
    const secondApi = apiOf(second)!.apiId;

    await slsOk(service, 'remove', '--stage', first);

    expect(apiOf(first)).toBeUndefined();
    expect(aws().apigw.live(secondApi, second)?.routes).toHaveLength(3);
    await slsOk(service, 'remove', '--stage', second);
    expect(websocketApis(aws())).toEqual([]);
  });

  test('remove after the stack is gone still deletes the API; a second remove finds none', async () => {
    const service = serviceWith(SMALL);
    await slsOk(service, 'deploy');
    aws().cloudformation.stack('tide-dev')!.status = 'DELETE_COMPLETE';

    const first = await sls(service, 'remove');
    const second = await sls(service, 'remove');

    expect(websocketApis(aws())).toEqual([]);
    expect(first.output).toMatch(/removed WebSocket API "tide-dev-websockets-api" \(\w+\)/);
    expect(second.output).toContain('no WebSocket API to remove for service "tide" stage "dev"');
    // What fails, if anything, is the framework's own stack removal, never the plugin.
    for (const result of [first, second]) {
      if (result.error) expect(result.error.message).toMatch(/Stack .*tide-dev.* does not exist/);
    }
  });
});
