import { readRequestPacing, readWebsocketConfig } from '../../src/config/read-config';
import type { ServiceDescription } from '../../src/config/types';
import { ConfigurationError } from '../../src/errors';

/** A service whose functions `f001`.. each have the given number of routes. */
function serviceWithRoutes(
  functionCount: number,
  routesPerFunction: number,
  provider: Record<string, unknown> = {},
): ServiceDescription {
  const functions: ServiceDescription['functions'] = {};
  for (let f = 1; f <= functionCount; f += 1) {
    const key = `f${String(f).padStart(3, '0')}`;
    functions[key] = {
      events: Array.from({ length: routesPerFunction }, (_, r) => ({
        websocket: { routeKey: `${key}-${r}` },
      })),
    };
  }
  return { service: 'chat', stage: 'dev', provider, functions };
}

function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigurationError');
}

describe('readWebsocketConfig / AWS quotas', () => {
  it('accepts 300 routes and refuses 301, saying how to raise the quota', () => {
    expect(readWebsocketConfig(serviceWithRoutes(150, 2)).routes).toHaveLength(300);
    const problems = problemsOf(() => readWebsocketConfig(serviceWithRoutes(101, 3)));
    expect(problems).toEqual([
      'the service has 303 routes, more than the 300 routes API Gateway allows per WebSocket API (from route "f101-0" of function "f101" on); request an increase of "Routes per API" (L-01C8A9E0) for this API in the Service Quotas console, then set provider.websocketApiMaxRoutes to the raised quota',
    ]);
  });

  it('follows provider.websocketApiMaxRoutes and websocketApiMaxIntegrations', () => {
    const raised = { websocketApiMaxRoutes: 400, websocketApiMaxIntegrations: 400 };
    expect(readWebsocketConfig(serviceWithRoutes(310, 1, raised)).routes).toHaveLength(310);
    const problems = problemsOf(() =>
      readWebsocketConfig(serviceWithRoutes(310, 1, { websocketApiMaxRoutes: 400 })),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('310 functions with routes (one integration each)');
    expect(problems[0]).toContain('from function "f301" on');
    expect(problems[0]).toContain('provider.websocketApiMaxIntegrations');
    expect(
      problemsOf(() => readWebsocketConfig(serviceWithRoutes(1, 1, { websocketApiMaxRoutes: 0 }))),
    ).toEqual([
      "provider.websocketApiMaxRoutes must be a positive whole number (the routes quota of this API, AWS's default is 300), got 0",
    ]);
  });

  it('refuses an API name over 128 characters, given or made from service and stage', () => {
    const given = serviceWithRoutes(1, 1, { websocketApiName: 'n'.repeat(129) });
    expect(problemsOf(() => readWebsocketConfig(given))).toEqual([
      'provider.websocketApiName is 129 characters long; API Gateway allows at most 128',
    ]);
    const made = { ...serviceWithRoutes(1, 1), service: 's'.repeat(120) };
    const [problem] = problemsOf(() => readWebsocketConfig(made));
    expect(problem).toContain('is 139 characters long');
    expect(problem).toContain('set a shorter provider.websocketApiName');
    expect(
      readWebsocketConfig(serviceWithRoutes(1, 1, { websocketApiName: 'n'.repeat(128) })).name,
    ).toHaveLength(128);
  });

  it('refuses identity sources WebSocket APIs do not accept, naming function and event', () => {
    const withSources = (identitySources: string[]) => ({
      service: 'chat',
      stage: 'dev',
      provider: {},
      functions: {
        connect: {
          events: [
            { websocket: { routeKey: '$connect', authorizer: { name: 'auth', identitySources } } },
          ],
        },
        auth: {},
      },
    });
    const accepted = [
      'route.request.header.Auth',
      'route.request.querystring.token',
      'stageVariables.key',
      'context.sourceIp',
    ];
    expect(readWebsocketConfig(withSources(accepted)).authorizers[0].identitySource).toEqual(
      accepted,
    );
    expect(
      problemsOf(() => readWebsocketConfig(withSources(['$request.header.Auth', 'header.Auth']))),
    ).toEqual([
      'function "connect", events[0] (websocket): authorizer.identitySources "$request.header.Auth", "header.Auth" are not a WebSocket identity source; use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>',
    ]);
  });

  it('refuses reserved $ route keys other than $connect, $disconnect and $default', () => {
    const service: ServiceDescription = {
      service: 'chat',
      stage: 'dev',
      provider: {},
      functions: {
        handler: {
          events: ['$connect', '$disconnect', '$default', '$ping', 'ping$'].map((routeKey) => ({
            websocket: { routeKey },
          })),
        },
      },
    };
    expect(problemsOf(() => readWebsocketConfig(service))).toEqual([
      'function "handler", events[3] (websocket): routeKey "$ping" is reserved by API Gateway: route keys starting with "$" are $connect, $disconnect, $default only',
    ]);
  });
});

describe('readRequestPacing', () => {
  it("defaults to AWS's quota and takes the provider keys", () => {
    expect(readRequestPacing(serviceWithRoutes(1, 1))).toEqual({ ratePerSecond: 10, burst: 40 });
    expect(
      readRequestPacing(
        serviceWithRoutes(1, 1, { websocketApiRequestRate: 2.5, websocketApiRequestBurst: 5 }),
      ),
    ).toEqual({ ratePerSecond: 2.5, burst: 5 });
  });

  it('reports bad values, also with the rest of the configuration', () => {
    const bad = serviceWithRoutes(1, 1, {
      websocketApiRequestRate: '10',
      websocketApiRequestBurst: 1.5,
    });
    const expected = [
      'provider.websocketApiRequestRate must be a positive number of API Gateway calls per second (AWS allows 10 per account), got "10"',
      'provider.websocketApiRequestBurst must be a positive whole number of API Gateway calls (AWS allows bursts of 40 per account), got 1.5',
    ];
    expect(problemsOf(() => readRequestPacing(bad))).toEqual(expected);
    expect(problemsOf(() => readWebsocketConfig(bad))).toEqual(expected);
  });
});
