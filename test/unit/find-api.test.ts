import type { ApiGatewayV2 } from 'aws-sdk';
import { ownershipTags } from '../../src/desired-state';
import { ConfigurationError } from '../../src/errors';
import { findOwnApi, type ApiIdentity } from '../../src/reconcile/find-api';

const identity: ApiIdentity = { name: 'chat-dev-websockets-api', service: 'chat', stage: 'dev' };

interface ApiSpec {
  id: string;
  name?: string;
  protocol?: 'WEBSOCKET' | 'HTTP';
  tags?: Record<string, string>;
  created?: string;
}

function api({ id, name = identity.name, protocol = 'WEBSOCKET', tags, created }: ApiSpec) {
  const result: ApiGatewayV2.Api = {
    ApiId: id,
    Name: name,
    ProtocolType: protocol,
    RouteSelectionExpression: '$request.body.action',
  };
  if (tags) result.Tags = tags;
  if (created) result.CreatedDate = new Date(created);
  return result;
}

const ours = ownershipTags('chat', 'dev');

function foundId(apis: ApiGatewayV2.Api[]) {
  const found = findOwnApi(apis, identity);
  return found && { id: found.api.ApiId, adopt: found.adopt };
}

describe('findOwnApi', () => {
  it('finds nothing in an empty account', () => {
    expect(findOwnApi([], identity)).toBeUndefined();
  });

  it('finds the API tagged for this service and stage, whatever its name', () => {
    expect(
      foundId([
        api({ id: 'untagged' }),
        api({ id: 'renamed', name: 'something-else', tags: ours }),
      ]),
    ).toEqual({ id: 'renamed', adopt: false });
  });

  it('adopts the one untagged WebSocket API with the configured name', () => {
    expect(foundId([api({ id: 'other', name: 'other-api' }), api({ id: 'legacy' })])).toEqual({
      id: 'legacy',
      adopt: true,
    });
  });

  it('ignores an HTTP API of the same name, tagged or not', () => {
    expect(
      foundId([
        api({ id: 'http', protocol: 'HTTP' }),
        api({ id: 'http-tagged', protocol: 'HTTP', tags: ours }),
      ]),
    ).toBeUndefined();
  });

  it.each([
    ['another stage', ownershipTags('chat', 'prod')],
    ['another service', ownershipTags('mail', 'dev')],
  ])('ignores an API of the same name tagged for %s', (_, tags) => {
    expect(foundId([api({ id: 'theirs', tags })])).toBeUndefined();
  });

  it('prefers its tagged API over an untagged one of the same name', () => {
    expect(foundId([api({ id: 'legacy' }), api({ id: 'tagged', name: 'x', tags: ours })])).toEqual({
      id: 'tagged',
      adopt: false,
    });
  });

  it('refuses to guess between two untagged APIs of the same name', () => {
    const apis = [api({ id: 'first' }), api({ id: 'second' })];
    expect(() => findOwnApi(apis, identity)).toThrow(ConfigurationError);
    expect(() => findOwnApi(apis, identity)).toThrow(/2 untagged WebSocket APIs.*first, second/);
    expect(() => findOwnApi(apis, identity)).toThrow('provider.websocketApiName');
  });

  it('takes the oldest of several tagged APIs', () => {
    expect(
      foundId([
        api({ id: 'newer', tags: ours, created: '2024-05-01T00:00:00Z' }),
        api({ id: 'oldest', tags: ours, created: '2021-01-01T00:00:00Z' }),
        api({ id: 'middle', tags: ours, created: '2023-01-01T00:00:00Z' }),
      ]),
    ).toEqual({ id: 'oldest', adopt: false });
  });
});
