import type { ApiGatewayV2 } from 'aws-sdk';
import { ownershipTags } from '../../src/desired-state';
import { ConfigurationError } from '../../src/errors';
import {
  duplicateWarnings,
  findOwnApi,
  foreignApiError,
  type ApiIdentity,
} from '../../src/reconcile/find-api';

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
  const { found } = findOwnApi(apis, identity);
  return found && { id: found.api.ApiId, adopt: found.adopt };
}

describe('findOwnApi', () => {
  it('finds nothing in an empty account', () => {
    expect(findOwnApi([], identity)).toEqual({ found: undefined, foreign: [] });
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

  it('takes the oldest of several tagged APIs when none serves, the id breaking ties', () => {
    const { found } = findOwnApi(
      [
        api({ id: 'newer', tags: ours, created: '2024-05-01T00:00:00Z' }),
        api({ id: 'tie-b', tags: ours, created: '2021-01-01T00:00:00Z' }),
        api({ id: 'tie-a', tags: ours, created: '2021-01-01T00:00:00Z' }),
      ],
      identity,
    );
    expect(found?.api.ApiId).toBe('tie-a');
    expect(found?.duplicates.map((d) => [d.api.ApiId, d.serving])).toEqual([
      ['tie-b', false],
      ['newer', false],
    ]);
    expect(found?.keptBecause).toBe('no stage "dev" serves a deployment yet and it is the oldest');
  });

  it('keeps the one whose stage serves, even when younger', () => {
    const apis = [
      api({ id: 'old', tags: ours, created: '2021-01-01T00:00:00Z' }),
      api({ id: 'live', tags: ours, created: '2024-01-01T00:00:00Z' }),
    ];
    const { found } = findOwnApi(apis, identity, new Set(['live']));
    expect(found?.api.ApiId).toBe('live');
    expect(found?.duplicates).toEqual([{ api: apis[0], serving: false }]);
    expect(found?.keptBecause).toBe('its stage "dev" serves a deployment');
  });

  it('keeps the oldest serving one when several serve', () => {
    const apis = [
      api({ id: 'idle', tags: ours, created: '2020-01-01T00:00:00Z' }),
      api({ id: 'second', tags: ours, created: '2023-01-01T00:00:00Z' }),
      api({ id: 'first', tags: ours, created: '2022-01-01T00:00:00Z' }),
    ];
    const { found } = findOwnApi(apis, identity, new Set(['first', 'second']));
    expect(found?.api.ApiId).toBe('first');
    expect(found?.keptBecause).toBe(
      'it is the oldest of the 2 whose stage "dev" serves a deployment',
    );
  });

  it('has no duplicates and no reason with a single tagged API', () => {
    const { found } = findOwnApi([api({ id: 'only', tags: ours })], identity);
    expect(found).toEqual({
      api: expect.objectContaining({ ApiId: 'only' }),
      adopt: false,
      duplicates: [],
    });
  });

  describe('APIs another tool owns', () => {
    const stackTags = {
      'aws:cloudformation:stack-name': 'chat-dev',
      'aws:cloudformation:logical-id': 'WebsocketsApi',
    };

    it.each([
      [
        'a CloudFormation stack',
        stackTags,
        'CloudFormation stack "chat-dev" (tag aws:cloudformation:stack-name)',
      ],
      ['AWS (any aws: tag)', { 'AWS:Something': 'x' }, 'AWS (tag AWS:Something: x)'],
      ['SAM (a createdBy tag)', { 'httpapi:createdBy': 'SAM' }, 'SAM (tag httpapi:createdBy)'],
    ])('an untagged API of the name owned by %s is never adopted', (_, tags, owner) => {
      const foreignApi = api({ id: 'theirs', tags });
      expect(findOwnApi([foreignApi], identity)).toEqual({
        found: undefined,
        foreign: [{ api: foreignApi, owner }],
      });
    });

    it("a foreign API beside the plugin's own is ignored, not chosen", () => {
      const { found } = findOwnApi(
        [api({ id: 'theirs', tags: stackTags }), api({ id: 'mine', tags: ours })],
        identity,
      );
      expect(found?.api.ApiId).toBe('mine');
      expect(found?.duplicates).toEqual([]);
    });

    it("an API of the plugin's tags that a stack owns (adopted by an older version) is not used", () => {
      const { found, foreign } = findOwnApi(
        [api({ id: 'hijacked', tags: { ...ours, ...stackTags } })],
        identity,
      );
      expect(found).toBeUndefined();
      expect(foreign.map((f) => f.api.ApiId)).toEqual(['hijacked']);
    });

    it('the error names the API, the owner, why and what to do', () => {
      const { foreign } = findOwnApi([api({ id: 'theirs', tags: stackTags })], identity);
      expect(foreignApiError(foreign, identity, 'us-east-1').message).toBe(
        'serverless-websockets-plugin: WebSocket API "chat-dev-websockets-api" (theirs) belongs to CloudFormation stack "chat-dev" (tag aws:cloudformation:stack-name); the plugin never adopts or changes an API another tool owns (its routes and stage are that tool\'s). Set provider.websocketApiName to another name than "chat-dev-websockets-api" (the plugin then creates its own API), or remove the framework\'s own `websocket` events (`route`) or the other stack that made it',
      );
    });

    it("for an API carrying the plugin's tags, the error says how to untag it", () => {
      const { foreign } = findOwnApi(
        [api({ id: 'hijacked', tags: { ...ours, ...stackTags } })],
        identity,
      );
      expect(foreignApiError(foreign, identity, 'eu-west-1').message).toContain(
        'aws apigatewayv2 untag-resource --resource-arn arn:aws:apigateway:eu-west-1::/apis/hijacked --tag-keys serverless-websockets-plugin:service serverless-websockets-plugin:stage --region eu-west-1',
      );
    });
  });
});

describe('duplicateWarnings', () => {
  it('says nothing without duplicates', () => {
    const { found } = findOwnApi([api({ id: 'only', tags: ours })], identity);
    expect(duplicateWarnings(found!, identity, 'us-east-1', 'deleted')).toEqual([]);
  });

  it('names every id, the one kept and why, the fate of the idle ones and the command for the serving ones', () => {
    const apis = [
      api({ id: 'aaa', tags: ours, created: '2021-01-01T00:00:00Z' }),
      api({ id: 'bbb', tags: ours, created: '2022-01-01T00:00:00Z' }),
      api({ id: 'ccc', tags: ours, created: '2023-01-01T00:00:00Z' }),
    ];
    const { found } = findOwnApi(apis, identity, new Set(['bbb', 'ccc']));
    expect(duplicateWarnings(found!, identity, 'us-east-1', 'deleted by this deploy')).toEqual([
      '3 WebSocket APIs are tagged for service "chat" stage "dev" (bbb, aaa, ccc); using bbb: it is the oldest of the 2 whose stage "dev" serves a deployment',
      'aaa serves no stage: deleted by this deploy',
      'ccc also serves stage "dev" (wss://ccc.execute-api.us-east-1.amazonaws.com/dev) and is left as it is; once no client uses it, delete it: aws apigatewayv2 delete-api --api-id ccc --region us-east-1',
    ]);
  });
});
