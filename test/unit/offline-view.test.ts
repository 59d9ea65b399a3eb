import type Serverless from 'serverless';
import { readWebsocketConfig } from '../../src/config/read-config';
import type { ServiceDescription } from '../../src/config/types';
import { localCallbackEndpoint, offlineView } from '../../src/offline/offline-view';
import { serveRoutesOffline } from '../../src/offline/serve-offline';

const ENDPOINT_VARIABLE = 'WEBSOCKET_API_ENDPOINT';

const TOKEN_QUERY = 'route.request.querystring.token';
const AUTHORIZER_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:shared-auth';

type Functions = ServiceDescription['functions'];

function viewOf(functions: Functions, provider: Record<string, unknown> = {}) {
  const service: ServiceDescription = { service: 'chat', stage: 'dev', provider, functions };
  return offlineView(functions, readWebsocketConfig(service));
}

/** The example's shape: an authorizer by name on $connect, a two-way route, an HTTP event. */
const chat = (authorizer: Record<string, unknown> | 'aws_iam'): Functions => ({
  auth: { events: [] },
  connection: {
    events: [
      { websocket: { routeKey: '$connect', authorizer } },
      { websocket: { routeKey: '$disconnect' } },
    ],
  },
  ping: {
    events: [
      { websocket: { routeKey: 'ping', routeResponseSelectionExpression: '$default' } },
      { http: { path: 'ping', method: 'get' } },
    ],
  },
});

describe('offlineView', () => {
  it("presents every routeKey event as serverless-offline's { route } event, other events untouched", () => {
    const view = viewOf(chat({ name: 'auth', identitySources: [TOKEN_QUERY] }));
    expect(view?.events).toEqual({
      auth: [],
      connection: [
        { websocket: { route: '$connect', authorizer: { name: 'auth' } } },
        { websocket: { route: '$disconnect' } },
      ],
      ping: [
        { websocket: { route: 'ping', routeResponseSelectionExpression: '$default' } },
        { http: { path: 'ping', method: 'get' } },
      ],
    });
  });

  it('routes by the configured expression, or the default', () => {
    const functions = chat({ name: 'auth', identitySources: [TOKEN_QUERY] });
    expect(viewOf(functions)?.routeSelectionExpression).toBe('$request.body.action');
    const custom = { websocketApiRouteSelectionExpression: '$request.body.message.type' };
    expect(viewOf(functions, custom)?.routeSelectionExpression).toBe('$request.body.message.type');
    expect(viewOf(functions, custom)?.warnings).toHaveLength(1); // the identity sources only
  });

  it('warns, once, that identity sources are not checked before an authorizer given by name', () => {
    const view = viewOf(chat({ name: 'auth', identitySources: [TOKEN_QUERY] }));
    expect(view?.warnings).toEqual([
      `$connect: serverless-offline does not check the identity sources (${TOKEN_QUERY}) before running authorizer "auth": a connection without them gets the authorizer's answer (403 when it denies), not API Gateway's 401`,
    ]);
  });

  it('drops an authorizer given by arn and says that $connect is open locally', () => {
    const view = viewOf(chat({ arn: AUTHORIZER_ARN, identitySources: [TOKEN_QUERY] }));
    expect(view?.events.connection[0]).toEqual({ websocket: { route: '$connect' } });
    expect(view?.warnings).toEqual([
      `$connect: authorizer "shared-auth" is given by arn (${AUTHORIZER_ARN}); serverless-offline runs only functions of this service, so $connect is open locally: every connection is accepted`,
    ]);
  });

  it('says nothing about a service that offline serves as on AWS', () => {
    const view = viewOf({ chat: { events: [{ websocket: { routeKey: '$default' } }] } });
    expect(view?.warnings).toEqual([]);
  });

  it('says when the route selection expression is not one serverless-offline evaluates', () => {
    const view = viewOf(
      { chat: { events: [{ websocket: { routeKey: '$default' } }] } },
      { websocketApiRouteSelectionExpression: '${request.body.action}' },
    );
    expect(view?.warnings).toEqual([
      'route selection expression ${request.body.action}: serverless-offline routes only by a field of the JSON message ($request.body.<field>), so locally every message reaches $default',
    ]);
  });

  it("passes on the configuration's own warnings (an authorizer on another route)", () => {
    const view = viewOf({
      chat: {
        events: [
          {
            websocket: {
              routeKey: 'hello',
              authorizer: { name: 'chat', identitySources: [TOKEN_QUERY] },
            },
          },
        ],
      },
    });
    expect(view?.events.chat).toEqual([{ websocket: { route: 'hello' } }]);
    expect(view?.warnings).toEqual([
      expect.stringContaining('the authorizer on route "hello" is ignored'),
    ]);
  });

  it("says that the framework's own websocket events share the one local endpoint", () => {
    const view = viewOf({
      ours: {
        events: [{ websocket: { routeKey: '$connect' } }, { websocket: { routeKey: 'ping' } }],
      },
      theirs: { events: [{ websocket: '$connect' }, { websocket: { route: 'other' } }] },
    });
    expect(view?.events.theirs).toEqual([
      { websocket: '$connect' },
      { websocket: { route: 'other' } },
    ]);
    expect(view?.warnings).toEqual([
      "the framework's own websocket events (route: $connect, other) are a separate API on AWS; serverless-offline serves them and this plugin's routes on one local endpoint, routed by $request.body.action; route keys used by both ($connect) reach one function",
    ]);
  });

  it('says that an aws_iam $connect is open locally', () => {
    const view = viewOf(chat('aws_iam'));
    expect(view?.events.connection[0]).toEqual({ websocket: { route: '$connect' } });
    expect(view?.warnings).toEqual([expect.stringContaining('does not check SigV4 signatures')]);
  });

  it('leaves a service without routeKey events alone', () => {
    expect(viewOf({ theirs: { events: [{ websocket: '$connect' }] } })).toBeUndefined();
  });
});

describe('localCallbackEndpoint', () => {
  it("is serverless-offline's WebSocket port on its host, without a stage", () => {
    expect(localCallbackEndpoint({})).toBe('http://localhost:3001');
    expect(localCallbackEndpoint({ websocketPort: '4001', host: '0.0.0.0' })).toBe(
      'http://0.0.0.0:4001',
    );
    expect(localCallbackEndpoint({ websocketPort: 4001, httpsProtocol: 'certs' })).toBe(
      'https://localhost:4001',
    );
  });
});

describe('serveRoutesOffline', () => {
  const warnings: string[] = [];
  const log = {
    info: () => undefined,
    warning: (line: string) => warnings.push(line),
    text: () => undefined,
    progress: () => () => undefined,
  };
  const serverless = (custom: Record<string, unknown>) =>
    ({ service: { custom } }) as unknown as Serverless;

  beforeEach(() => warnings.splice(0));

  function service(provider: Record<string, unknown>): ServiceDescription {
    return {
      service: 'chat',
      stage: 'dev',
      provider,
      functions: chat({ name: 'auth', identitySources: [TOKEN_QUERY] }),
    };
  }

  it("changes the in-memory service into serverless-offline's terms and warns", () => {
    const described = service({
      websocketApiRouteSelectionExpression: '$request.body.type',
      environment: { A: 'b' },
    });
    serveRoutesOffline(
      serverless({ 'serverless-offline': { websocketPort: 4001 } }),
      { websocketPort: '4002' },
      described,
      log,
    );
    expect(described.functions.ping.events?.[0]).toEqual({
      websocket: { route: 'ping', routeResponseSelectionExpression: '$default' },
    });
    expect(described.provider).toMatchObject({
      websocketsApiRouteSelectionExpression: '$request.body.type',
      environment: { A: 'b', [ENDPOINT_VARIABLE]: 'http://localhost:4002' },
    });
    expect(warnings).toEqual([expect.stringContaining('does not check the identity sources')]);
  });

  it("takes serverless-offline's settings from custom when the command line has none", () => {
    const described = service({});
    serveRoutesOffline(
      serverless({ 'serverless-offline': { websocketPort: 4001 } }),
      {},
      described,
      log,
    );
    expect(described.provider.environment).toEqual({
      [ENDPOINT_VARIABLE]: 'http://localhost:4001',
    });
  });

  it("keeps the service's own endpoint variable", () => {
    const described = service({ environment: { [ENDPOINT_VARIABLE]: 'http://elsewhere' } });
    serveRoutesOffline(serverless({}), {}, described, log);
    expect(described.provider.environment).toEqual({ [ENDPOINT_VARIABLE]: 'http://elsewhere' });
  });

  it('sets the variable a deploy would set: renamed, or none when turned off', () => {
    const renamed = service({ websocketApiEndpointVariable: 'CALLBACK_URL' });
    serveRoutesOffline(serverless({}), {}, renamed, log);
    expect(renamed.provider.environment).toEqual({ CALLBACK_URL: 'http://localhost:3001' });

    const off = service({ websocketApiEndpointVariable: false });
    serveRoutesOffline(serverless({}), {}, off, log);
    expect(off.provider.environment).toBeUndefined();
  });

  it('does nothing more when run a second time', () => {
    const described = service({});
    serveRoutesOffline(serverless({}), {}, described, log);
    const once = JSON.parse(JSON.stringify(described)) as ServiceDescription;
    serveRoutesOffline(serverless({}), {}, described, log);
    expect(described).toEqual(once);
    expect(warnings).toHaveLength(1);
  });
});
