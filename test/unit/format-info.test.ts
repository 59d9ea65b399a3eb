import type { ApiGatewayV2 } from 'aws-sdk';
import { formatInfo } from '../../src/commands/info';

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

describe('formatInfo', () => {
  it('prints the URL and one line per route, sorted, with function, authorizer and two-way', () => {
    const lines = formatInfo({
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
    const lines = formatInfo({
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
    const lines = formatInfo({
      url: URL,
      integrations,
      authorizers,
      routes: [route('gone', { Target: 'integrations/deleted' }), route('bare')],
    });
    expect(lines.slice(3)).toEqual(['    bare -> no integration', '    gone -> no integration']);
  });

  it('says when there are no routes', () => {
    expect(formatInfo({ url: URL, integrations: [], authorizers: [], routes: [] })).toEqual([
      'WebSockets:',
      `  Base URL: ${URL}`,
      '  Routes:',
      '    none',
    ]);
  });

  it('prints no undefined or null for incomplete resources', () => {
    const lines = formatInfo({
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
});
