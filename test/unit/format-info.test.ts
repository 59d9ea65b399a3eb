import type { ApiGatewayV2 } from 'aws-sdk';
import { formatInfo, type LiveRoutes } from '../../src/commands/info';
import {
  draftRouteContent,
  routeEntry,
  routesDigest,
  type RouteContent,
} from '../../src/reconcile/stage-state';

const URL = 'wss://abc123.execute-api.us-east-1.amazonaws.com/dev';

function integration(id: string, functionName: string): ApiGatewayV2.Integration {
  return {
    IntegrationId: id,
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${functionName}/invocations`,
  };
}

function route(routeKey: string, extra: Partial<ApiGatewayV2.Route> = {}): ApiGatewayV2.Route {
  return { RouteKey: routeKey, RouteId: `r-${routeKey}`, ...extra };
}

const integrations = [integration('i1', 'chat-dev-connect'), integration('i2', 'chat-dev-message')];
const authorizers: ApiGatewayV2.Authorizer[] = [{ AuthorizerId: 'a1', Name: 'auth' }];

type Draft = {
  routes: ApiGatewayV2.Route[];
  integrations: ApiGatewayV2.Integration[];
  authorizers: ApiGatewayV2.Authorizer[];
};

const contentsOf = (draft: Draft): RouteContent[] =>
  draft.routes.map((r) => draftRouteContent(r, draft));

/** What the stage serves when it serves these routes, recorded route by route. */
function listed(contents: RouteContent[]): LiveRoutes {
  return {
    kind: 'recorded',
    routes: {
      kind: 'listed',
      digest: routesDigest(contents),
      entries: new Set(contents.map(routeEntry)),
    },
  };
}

/** The info of a stage that serves exactly its draft. */
const served = (draft: Draft & { url?: string }) =>
  formatInfo({ stageName: 'dev', live: listed(contentsOf(draft)), ...draft });

describe('formatInfo', () => {
  it('prints the URL and one line per route, sorted, with function, authorizer and two-way', () => {
    const lines = served({
      url: URL,
      integrations,
      authorizers,
      routes: [
        route('sendMessage', { Target: 'integrations/i2' }),
        route('$default', {
          Target: 'integrations/i2',
          RouteResponseSelectionExpression: '$default',
        }),
        route('$connect', {
          Target: 'integrations/i1',
          AuthorizationType: 'CUSTOM',
          AuthorizerId: 'a1',
        }),
        route('$disconnect', { Target: 'integrations/i1' }),
      ],
    });
    expect(lines).toEqual([
      'WebSockets:',
      `  Base URL: ${URL}`,
      '  Routes:',
      '    $connect -> chat-dev-connect (authorizer: auth)',
      '    $default -> chat-dev-message (two-way)',
      '    $disconnect -> chat-dev-connect',
      '    sendMessage -> chat-dev-message',
    ]);
  });

  it('shows both notes on a two-way route with an authorizer', () => {
    const lines = served({
      url: URL,
      integrations,
      authorizers,
      routes: [
        route('$connect', {
          Target: 'integrations/i1',
          AuthorizerId: 'a1',
          RouteResponseSelectionExpression: '$default',
        }),
      ],
    });
    expect(lines[3]).toBe('    $connect -> chat-dev-connect (authorizer: auth, two-way)');
  });

  it('says so for a route whose integration is missing or that has none', () => {
    const lines = served({
      url: URL,
      integrations,
      authorizers,
      routes: [route('gone', { Target: 'integrations/deleted' }), route('bare')],
    });
    expect(lines.slice(3)).toEqual(['    bare -> no integration', '    gone -> no integration']);
  });

  it('says when there are no routes', () => {
    expect(served({ url: URL, integrations: [], authorizers: [], routes: [] })).toEqual([
      'WebSockets:',
      `  Base URL: ${URL}`,
      '  Routes:',
      '    none',
    ]);
  });

  it('prints no undefined or null for incomplete resources', () => {
    const lines = served({
      url: URL,
      integrations: [
        { IntegrationId: 'no-uri' },
        { IntegrationId: 'http', IntegrationUri: 'https://example.com/hook' },
      ],
      authorizers,
      routes: [
        route('a', { Target: 'integrations/no-uri', AuthorizerId: 'a1' }),
        route('b', { Target: 'integrations/http', AuthorizerId: 'unknown' }),
        route('c', { RouteResponseSelectionExpression: '' }),
      ],
    });
    expect(lines.join('\n')).not.toMatch(/undefined|null/);
    expect(lines.slice(3)).toEqual([
      '    a -> ? (authorizer: auth)',
      '    b -> https://example.com/hook (authorizer: unknown)',
      '    c -> no integration',
    ]);
  });

  describe('against what the stage serves', () => {
    const draft: Draft = {
      integrations,
      authorizers: [
        {
          AuthorizerId: 'a1',
          Name: 'auth',
          AuthorizerUri: 'auth-uri',
          IdentitySource: ['route.request.header.Auth'],
        },
      ],
      routes: [
        route('$connect', {
          Target: 'integrations/i1',
          AuthorizationType: 'CUSTOM',
          AuthorizerId: 'a1',
        }),
        route('ping', { Target: 'integrations/i2', RouteResponseSelectionExpression: '$default' }),
      ],
    };
    const [connect, ping] = contentsOf(draft);
    const info = (live: LiveRoutes) => formatInfo({ stageName: 'dev', url: URL, live, ...draft });

    it('marks a route whose live version differs: other function, one-way, other authorizer', () => {
      for (const changed of [
        { ...ping, integrationUri: 'other' },
        { ...ping, twoWay: false },
        { ...connect, authorization: 'NONE' as const },
        {
          ...connect,
          authorization: { name: 'auth', uri: 'auth-uri', identitySource: ['context.x'] },
        },
      ]) {
        const live = changed.routeKey === 'ping' ? [connect, changed] : [changed, ping];
        const lines = info(listed(live));
        expect(lines.filter((line) => line.includes('not deployed'))).toHaveLength(2);
        expect(lines.join('\n')).not.toMatch(/no longer in the draft/);
      }
    });

    it('marks a route only in the draft and says so', () => {
      expect(info(listed([connect]))).toEqual([
        'WebSockets:',
        `  Base URL: ${URL}`,
        '  Routes:',
        '    $connect -> chat-dev-connect (authorizer: auth)',
        '    ping -> chat-dev-message (two-way, not deployed)',
        '  routes marked "not deployed" are only in the draft: `sls deploy` puts them live',
      ]);
    });

    it('counts live routes deleted from the draft', () => {
      const gone = (routeKey: string): RouteContent => ({ ...ping, routeKey });
      expect(info(listed([connect, ping, gone('a')])).slice(3)).toEqual([
        '    $connect -> chat-dev-connect (authorizer: auth)',
        '    ping -> chat-dev-message (two-way)',
        '  1 live route is no longer in the draft (`sls deploy` removes it)',
      ]);
      expect(info(listed([connect, ping, gone('a'), gone('b')])).at(-1)).toBe(
        '  2 live routes are no longer in the draft (`sls deploy` removes them)',
      );
    });

    it('without a stage: no URL, and every route marked', () => {
      expect(formatInfo({ stageName: 'dev', live: { kind: 'nothing' }, ...draft })).toEqual([
        'WebSockets:',
        '  stage "dev" is not deployed yet (`sls deploy` creates it)',
        '  Routes:',
        '    $connect -> chat-dev-connect (authorizer: auth, not deployed)',
        '    ping -> chat-dev-message (two-way, not deployed)',
      ]);
    });

    it('a deployment with no record: says the routes cannot be checked, marks none', () => {
      const why = 'the stage serves deployment d1, not made by serverless-websockets-plugin';
      expect(info({ kind: 'unchecked', why }).slice(3)).toEqual([
        '    $connect -> chat-dev-connect (authorizer: auth)',
        '    ping -> chat-dev-message (two-way)',
        `  ${why}: its routes cannot be checked`,
      ]);
    });

    it('too many routes to list: compares the whole set only', () => {
      const summarized = (contents: RouteContent[]): LiveRoutes => ({
        kind: 'recorded',
        routes: { kind: 'summarized', digest: routesDigest(contents) },
      });
      expect(info(summarized([ping, connect]))).toHaveLength(5);
      expect(info(summarized([connect])).at(-1)).toBe(
        '  the draft differs from what the stage serves (too many routes to record which); `sls deploy` puts it live',
      );
    });
  });
});
