import { readWebsocketConfig } from '../../src/config/read-config';
import type { ServiceDescription } from '../../src/config/types';
import {
  AUTHORIZER_KEYS,
  closestKey,
  EVENT_KEYS,
  PROVIDER_KEYS,
  unknownKeyMessages,
  unknownProviderKeyMessages,
} from '../../src/config/unknown-keys';
import { ConfigurationError } from '../../src/errors';

describe('closestKey', () => {
  it('finds the key a slip was meant to be', () => {
    expect(closestKey('routeResponseSelectionExpresion', EVENT_KEYS)).toBe(
      'routeResponseSelectionExpression',
    );
    expect(closestKey('routekey', EVENT_KEYS)).toBe('routeKey');
    expect(closestKey('autorizer', EVENT_KEYS)).toBe('authorizer');
    expect(closestKey('identitySorces', AUTHORIZER_KEYS)).toBe('identitySources');
    expect(closestKey('websocketApiNmae', PROVIDER_KEYS)).toBe('websocketApiName');
    expect(closestKey('websocketAPIName', PROVIDER_KEYS)).toBe('websocketApiName');
  });

  it('suggests nothing for a key that resembles none', () => {
    expect(closestKey('timeout', EVENT_KEYS)).toBeUndefined();
    expect(closestKey('websocketApiKeepAlive', PROVIDER_KEYS)).toBeUndefined();
    expect(closestKey('x', [])).toBeUndefined();
  });
});

describe('the known keys', () => {
  it('are what the plugin reads', () => {
    expect(EVENT_KEYS).toEqual([
      'routeKey',
      'routeResponseSelectionExpression',
      'authorizer',
      'throttling',
    ]);
    expect(AUTHORIZER_KEYS).toEqual([
      'name',
      'arn',
      'identitySources',
      'identitySource',
      'managedExternally',
    ]);
    expect(PROVIDER_KEYS).toEqual(
      expect.arrayContaining([
        'websocketApiName',
        'websocketApiRouteSelectionExpression',
        'websocketApiDescription',
        'websocketApiTags',
        'websocketApiThrottling',
        'websocketApiDomain',
        'websocketApiRequestRate',
        'websocketApiRequestBurst',
        'websocketApiMaxRoutes',
        'websocketApiMaxIntegrations',
        'websocketApiManageConnections',
        'websocketApiEndpointVariable',
      ]),
    );
  });
});

describe('unknownKeyMessages', () => {
  const where = 'function "chat", events[0] (websocket)';

  it('names the place, the key and the likely key', () => {
    expect(
      unknownKeyMessages(
        { routeKey: 'a', routeResponseSelectionExpresion: '$default' },
        EVENT_KEYS,
        {
          where,
          ignored: true,
        },
      ),
    ).toEqual([
      `${where}: unknown key "routeResponseSelectionExpresion" is ignored; did you mean routeResponseSelectionExpression?`,
    ]);
    expect(
      unknownKeyMessages({ identitySorces: 'x' }, AUTHORIZER_KEYS, {
        where,
        path: 'authorizer.',
        ignored: false,
      }),
    ).toEqual([
      `${where}: unknown key "authorizer.identitySorces"; did you mean authorizer.identitySources?`,
    ]);
  });

  it('lists the known keys when none is close', () => {
    expect(
      unknownKeyMessages({ timeout: 3 }, ['routeKey', 'throttling'], { where, ignored: true }),
    ).toEqual([
      `${where}: unknown key "timeout" is ignored; the known keys are routeKey, throttling`,
    ]);
  });

  it("checks only the provider keys meant for the plugin, not the framework's websockets keys", () => {
    expect(
      unknownProviderKeyMessages(
        {
          websocketApiName: 'a',
          websocketsApiName: 'framework',
          websocketsApiRouteSelectionExpression: '$request.body.a',
          runtime: 'nodejs20.x',
          WebsocketApiNmae: 'b',
        },
        true,
      ),
    ).toEqual([
      'provider: unknown key "WebsocketApiNmae" is ignored; did you mean websocketApiName?',
    ]);
  });
});

describe('readWebsocketConfig and unknown keys', () => {
  const input = (frameworkValidation?: ServiceDescription['frameworkValidation']) => ({
    service: 'chat',
    stage: 'dev',
    provider: { websocketApiNmae: 'x' },
    functions: {
      chat: {
        events: [
          {
            websocket: {
              routeKey: '$connect',
              routeResponseSelectionExpresion: '$default',
              authorizer: { name: 'chat', identitySources: 'route.request.header.A', arm: 'x' },
            },
          },
        ],
      },
    },
    frameworkValidation,
  });
  const event = 'function "chat", events[0] (websocket)';

  it('warns without framework validation, and reads on', () => {
    const config = readWebsocketConfig(input());
    expect(config.warnings).toEqual([
      'provider: unknown key "websocketApiNmae" is ignored; did you mean websocketApiName?',
      `${event}: unknown key "routeResponseSelectionExpresion" is ignored; did you mean routeResponseSelectionExpression?`,
      `${event}: unknown key "authorizer.arm" is ignored; did you mean authorizer.arn?`,
    ]);
    expect(config.routes[0].routeResponseSelectionExpression).toBeUndefined();
  });

  it('leaves provider keys to a framework that reports them', () => {
    const config = readWebsocketConfig(input({ mode: 'warn', reportsUnknownProviderKeys: true }));
    expect(config.warnings.filter((w) => w.startsWith('provider'))).toEqual([]);
    expect(config.warnings).toHaveLength(2);
  });

  it('stops under configValidationMode: error', () => {
    expect(() =>
      readWebsocketConfig(input({ mode: 'error', reportsUnknownProviderKeys: false })),
    ).toThrow(
      new ConfigurationError([
        'provider: unknown key "websocketApiNmae"; did you mean websocketApiName?',
        `${event}: unknown key "routeResponseSelectionExpresion"; did you mean routeResponseSelectionExpression?`,
        `${event}: unknown key "authorizer.arm"; did you mean authorizer.arn?`,
      ]),
    );
  });
});
