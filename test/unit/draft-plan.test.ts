import type { ApiGatewayV2 } from 'aws-sdk';
import { cloneDeep } from 'lodash';
import type { DesiredApi, DesiredRoute } from '../../src/desired-state';
import { wantedStageSettings } from '../../src/reconcile/stage-settings-plan';
import {
  countDraftWrites,
  routesWithResponsesToRead,
  type DraftPlan,
} from '../../src/reconcile/draft-plan';
import {
  applyPlan,
  EMPTY_DRAFT,
  planFor,
  RefusedByApiGateway,
  shapeOfDesired,
  shapeOfDraft,
  type DraftModel,
} from './helpers/draft-simulator';

const AUTH_HEADER = 'route.request.header.Auth';

/** The invocation URI of a function of the service. */
function uri(functionKey: string): string {
  return `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:chat-dev-${functionKey}/invocations`;
}

interface RouteSpec {
  fn: string;
  authorizer?: string;
  /** `authorizer: aws_iam`. */
  iam?: boolean;
  twoWay?: boolean;
}

type Routes = Record<string, RouteSpec>;

/** A desired API: one integration per function, one authorizer (named after its function) per name used. */
function desired(routes: Routes): DesiredApi {
  const specs = Object.entries(routes);
  const unique = (values: (string | undefined)[]) =>
    [...new Set(values)].filter((value): value is string => value !== undefined);
  return {
    name: 'chat-dev-websockets-api',
    routeSelectionExpression: '$request.body.action',
    description: '',
    tags: {},
    stageSettings: wantedStageSettings({ tags: {} }, []),
    stageName: 'dev',
    integrations: unique(specs.map(([, spec]) => spec.fn)).map((fn) => ({ uri: uri(fn) })),
    authorizers: unique(specs.map(([, spec]) => spec.authorizer)).map((name) => ({
      name,
      uri: uri(name),
      identitySource: [AUTH_HEADER],
    })),
    routes: specs.map(([routeKey, spec]): DesiredRoute => {
      const route: DesiredRoute = { routeKey, integrationUri: uri(spec.fn) };
      if (spec.authorizer) route.authorizerName = spec.authorizer;
      if (spec.iam) route.iamAuthorization = true;
      if (spec.twoWay) route.routeResponseSelectionExpression = '$default';
      return route;
    }),
    permissions: [],
  };
}

const CHAT: Routes = {
  $connect: { fn: 'connect', authorizer: 'auth' },
  $disconnect: { fn: 'connect' },
  $default: { fn: 'message', twoWay: true },
  sendMessage: { fn: 'message' },
};

const integrationIdOf = (fn: string) => `int-${fn}`;
const routeIdOf = (routeKey: string) => `route-${routeKey}`;
const authorizerIdOf = (name: string) => `authz-${name}`;

/** The draft an earlier deploy of `routes` left, built by hand with readable ids. */
function deployedDraft(routes: Routes): DraftModel {
  const want = desired(routes);
  const fnOfUri = (integrationUri: string) =>
    Object.values(routes).find((spec) => uri(spec.fn) === integrationUri)?.fn as string;
  const draft: DraftModel = {
    integrations: want.integrations.map((integration) => ({
      IntegrationId: integrationIdOf(fnOfUri(integration.uri)),
      IntegrationUri: integration.uri,
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
    })),
    authorizers: want.authorizers.map((authorizer) => ({
      AuthorizerId: authorizerIdOf(authorizer.name),
      Name: authorizer.name,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: authorizer.uri,
      IdentitySource: [...authorizer.identitySource],
    })),
    routes: want.routes.map((route) => ({
      RouteId: routeIdOf(route.routeKey),
      RouteKey: route.routeKey,
      Target: `integrations/${integrationIdOf(fnOfUri(route.integrationUri))}`,
      AuthorizationType: route.authorizerName
        ? 'CUSTOM'
        : route.iamAuthorization
          ? 'AWS_IAM'
          : 'NONE',
      ...(route.authorizerName ? { AuthorizerId: authorizerIdOf(route.authorizerName) } : {}),
      ...(route.routeResponseSelectionExpression
        ? { RouteResponseSelectionExpression: route.routeResponseSelectionExpression }
        : {}),
    })),
    routeResponses: {},
  };
  for (const route of want.routes) {
    if (route.routeResponseSelectionExpression) {
      draft.routeResponses[routeIdOf(route.routeKey)] = [
        { RouteResponseId: `resp-${route.routeKey}`, RouteResponseKey: '$default' },
      ];
    }
  }
  return draft;
}

/** A copy of `draft` with `change` made to it, as someone editing the API by hand would. */
function edited(draft: DraftModel, change: (copy: DraftModel) => void): DraftModel {
  const copy = cloneDeep(draft);
  change(copy);
  return copy;
}

function routeIn(draft: DraftModel, routeKey: string): ApiGatewayV2.Route {
  const found = draft.routes.find((route) => route.RouteKey === routeKey);
  if (!found) throw new Error(`no route ${routeKey} in the draft`);
  return found;
}

/**
 * Plans, applies the plan to the model, and checks the outcome: the draft is what is desired,
 * the resolved ids name the draft's resources, and a second plan has nothing left to do.
 */
function expectConverges(want: DesiredApi, start: DraftModel) {
  const plan = planFor(want, start);
  const { draft, ids } = applyPlan(start, plan);
  expect(shapeOfDraft(draft)).toEqual(shapeOfDesired(want));
  for (const route of want.routes) {
    expect(routeIn(draft, route.routeKey).RouteId).toBe(ids.routeIdByKey[route.routeKey]);
  }
  for (const integration of want.integrations) {
    const id = ids.integrationIdByUri[integration.uri];
    expect(draft.integrations.find((i) => i.IntegrationId === id)?.IntegrationUri).toBe(
      integration.uri,
    );
  }
  for (const authorizer of want.authorizers) {
    const id = ids.authorizerIdByName[authorizer.name];
    expect(draft.authorizers.find((a) => a.AuthorizerId === id)?.Name).toBe(authorizer.name);
  }
  expect(countDraftWrites(planFor(want, draft))).toBe(0);
  return { plan, draft, ids };
}

const routeIdsOf = (draft: DraftModel) =>
  Object.fromEntries(draft.routes.map((route) => [route.RouteKey, route.RouteId]));

describe('planDraft, applied to a model of the draft', () => {
  const chat = desired(CHAT);
  const chatDraft = deployedDraft(CHAT);

  it('builds the whole API on an empty draft', () => {
    const { draft } = expectConverges(chat, EMPTY_DRAFT);
    expect(draft.routes).toHaveLength(4);
  });

  it('writes nothing when the draft is as desired, and keeps every id', () => {
    const plan = planFor(chat, chatDraft);
    expect(countDraftWrites(plan)).toBe(0);
    expect(plan.kept).toEqual({
      integrationIdByUri: { [uri('connect')]: 'int-connect', [uri('message')]: 'int-message' },
      authorizerIdByName: { auth: 'authz-auth' },
      routeIdByKey: routeIdsOf(chatDraft),
    });
    expect(shapeOfDraft(applyPlan(chatDraft, plan).draft)).toEqual(shapeOfDesired(chat));
  });

  it('moves a route to another function in place', () => {
    const moved = desired({ ...CHAT, sendMessage: { fn: 'other' } });
    const { draft } = expectConverges(moved, chatDraft);
    expect(routeIdsOf(draft)).toEqual(routeIdsOf(chatDraft));
    expect(routeIn(draft, '$connect').AuthorizerId).toBe('authz-auth');
  });

  it('replaces an authorizer whose function changed, keeping the old one (renamed) until after the deployment', () => {
    const moved = desired(CHAT);
    moved.authorizers[0] = { ...moved.authorizers[0], uri: uri('other-auth') };
    const plan = planFor(moved, chatDraft);
    expect(plan.authorizersToSetAside).toEqual([
      { authorizerId: 'authz-auth', name: 'auth-retired' },
    ]);
    expect(plan.authorizersToCreate).toEqual(moved.authorizers);
    expect(plan.authorizersToUpdate).toEqual([]);
    expect(plan.authorizersToDelete.map((authorizer) => authorizer.AuthorizerId)).toEqual([
      'authz-auth',
    ]);
    expect(countDraftWrites(plan)).toBe(3); // set aside, create, and $connect's new authorizer
    expectConverges(moved, chatDraft);
  });

  it('removes routes, and the integration of a function left without routes', () => {
    const { $connect, $disconnect } = CHAT;
    const { draft } = expectConverges(desired({ $connect, $disconnect }), chatDraft);
    expect(draft.integrations.map((integration) => integration.IntegrationId)).toEqual([
      'int-connect',
    ]);
  });

  it('adds routes to an existing function and to a new one', () => {
    const { draft } = expectConverges(
      desired({ ...CHAT, typing: { fn: 'message' }, join: { fn: 'rooms', twoWay: true } }),
      chatDraft,
    );
    expect(routeIn(draft, 'sendMessage').RouteId).toBe('route-sendMessage');
  });

  it('takes the authorizer off $connect and deletes it', () => {
    const { draft } = expectConverges(desired({ ...CHAT, $connect: { fn: 'connect' } }), chatDraft);
    expect(draft.authorizers).toEqual([]);
    expect(routeIn(draft, '$disconnect').RouteId).toBe('route-$disconnect');
  });

  it('puts an authorizer on an open $connect', () => {
    const open = { ...CHAT, $connect: { fn: 'connect' } };
    expectConverges(chat, deployedDraft(open));
  });

  it.each([
    ['a Lambda authorizer', CHAT.$connect],
    ['aws_iam', { fn: 'connect', iam: true }],
    ['nothing', { fn: 'connect' }],
  ])('switches $connect from %s to each other authorization', (_from, before) => {
    const start = deployedDraft({ ...CHAT, $connect: before });
    for (const after of [CHAT.$connect, { fn: 'connect', iam: true }, { fn: 'connect' }]) {
      const { draft } = expectConverges(desired({ ...CHAT, $connect: after }), start);
      expect(draft.authorizers.map((a) => a.Name)).toEqual(after.authorizer ? ['auth'] : []);
      expect(routeIn(draft, '$disconnect').RouteId).toBe('route-$disconnect');
    }
  });

  it('replaces a renamed authorizer that $connect still uses', () => {
    const { draft } = expectConverges(
      desired({ ...CHAT, $connect: { fn: 'connect', authorizer: 'gate' } }),
      chatDraft,
    );
    expect(draft.authorizers.map((authorizer) => authorizer.Name)).toEqual(['gate']);
  });

  it('makes a two-way route one-way, dropping its route response', () => {
    expectConverges(desired({ ...CHAT, $default: { fn: 'message' } }), chatDraft);
  });

  it('makes a one-way route two-way in place, with a route response', () => {
    const { draft } = expectConverges(
      desired({ ...CHAT, sendMessage: { fn: 'message', twoWay: true } }),
      chatDraft,
    );
    expect(routeIn(draft, 'sendMessage').RouteId).toBe('route-sendMessage');
  });

  it('leaves one integration of a function that has two', () => {
    const start = edited(chatDraft, (draft) => {
      draft.integrations.push({
        IntegrationId: 'int-connect-copy',
        IntegrationUri: uri('connect'),
        IntegrationType: 'AWS_PROXY',
        IntegrationMethod: 'POST',
      });
      routeIn(draft, '$disconnect').Target = 'integrations/int-connect-copy';
    });
    expectConverges(chat, start);
  });

  it('leaves one authorizer of a name that has two', () => {
    const start = edited(chatDraft, (draft) => {
      draft.authorizers.push({ ...draft.authorizers[0], AuthorizerId: 'authz-auth-copy' });
      routeIn(draft, '$connect').AuthorizerId = 'authz-auth-copy';
    });
    expectConverges(chat, start);
  });

  it('deletes stale integrations, authorizers and routes', () => {
    const start = edited(chatDraft, (draft) => {
      draft.integrations.push({
        IntegrationId: 'int-gone',
        IntegrationUri: uri('gone'),
        IntegrationType: 'AWS_PROXY',
        IntegrationMethod: 'POST',
      });
      draft.integrations.push({ IntegrationId: 'int-http', IntegrationUri: 'https://example.com' });
      draft.authorizers.push({ AuthorizerId: 'authz-old', Name: 'old', AuthorizerType: 'REQUEST' });
      draft.routes.push({ RouteId: 'route-old', RouteKey: 'old', Target: 'integrations/int-gone' });
    });
    const { draft } = expectConverges(chat, start);
    expect(routeIdsOf(draft)).toEqual(routeIdsOf(chatDraft));
  });

  it.each<[string, (draft: DraftModel) => void]>([
    [
      'a route pointed at another function',
      (draft) => (routeIn(draft, 'sendMessage').Target = 'integrations/int-connect'),
    ],
    [
      'the authorizer taken off $connect',
      (draft) => {
        const route = routeIn(draft, '$connect');
        route.AuthorizationType = 'NONE';
        delete route.AuthorizerId;
      },
    ],
    [
      '$connect switched to IAM',
      (draft) => (routeIn(draft, '$connect').AuthorizationType = 'AWS_IAM'),
    ],
    [
      'the two-way setting removed',
      (draft) => delete routeIn(draft, '$default').RouteResponseSelectionExpression,
    ],
    ['a route response deleted', (draft) => (draft.routeResponses['route-$default'] = [])],
    [
      'an authorizer on a route that should be open',
      (draft) =>
        Object.assign(routeIn(draft, 'sendMessage'), {
          AuthorizationType: 'CUSTOM',
          AuthorizerId: 'authz-auth',
        }),
    ],
    [
      'a one-way route made two-way',
      (draft) => {
        routeIn(draft, 'sendMessage').RouteResponseSelectionExpression = '$default';
        draft.routeResponses['route-sendMessage'] = [
          { RouteResponseId: 'resp-x', RouteResponseKey: '$default' },
        ];
      },
    ],
    [
      'an integration turned into a non-proxy one',
      (draft) =>
        Object.assign(draft.integrations[0], { IntegrationType: 'AWS', IntegrationMethod: 'GET' }),
    ],
    [
      'the authorizer’s identity source changed',
      (draft) => (draft.authorizers[0].IdentitySource = ['route.request.querystring.token']),
    ],
    [
      'the authorizer pointed at another function',
      (draft) => (draft.authorizers[0].AuthorizerUri = uri('message')),
    ],
    [
      'a route deleted',
      (draft) => (draft.routes = draft.routes.filter((route) => route.RouteKey !== '$disconnect')),
    ],
  ])('repairs a draft edited by hand: %s', (_, change) => {
    expectConverges(chat, edited(chatDraft, change));
  });
});

describe('the draft model (the oracle these tests rely on)', () => {
  const chat = desired(CHAT);
  const chatDraft = deployedDraft(CHAT);
  const noWrites = (): DraftPlan => planFor(chat, chatDraft);

  it('refuses to delete an integration a route still uses', () => {
    const plan = { ...noWrites(), integrationsToDelete: [chatDraft.integrations[0]] };
    expect(() => applyPlan(chatDraft, plan)).toThrow(RefusedByApiGateway);
  });

  it('refuses a second route with the same key', () => {
    const plan = { ...noWrites(), routesToCreate: [chat.routes[0]] };
    expect(() => applyPlan(chatDraft, plan)).toThrow(RefusedByApiGateway);
  });

  it('does not unset an authorizer on update, so only recreating the route removes it', () => {
    const open = desired({ ...CHAT, $connect: { fn: 'connect' } });
    const plan = {
      ...noWrites(),
      routesToUpdate: [{ routeId: 'route-$connect', desired: open.routes[0] }],
    };
    expect(shapeOfDraft(applyPlan(chatDraft, plan).draft)).not.toEqual(shapeOfDesired(open));
  });

  it('leaves its input untouched', () => {
    const before = cloneDeep(chatDraft);
    applyPlan(chatDraft, planFor(desired({ other: { fn: 'other' } }), chatDraft));
    expect(chatDraft).toEqual(before);
  });
});

describe('routesWithResponsesToRead', () => {
  it('picks the routes that are two-way now or should be', () => {
    const want = desired({ ...CHAT, sendMessage: { fn: 'message', twoWay: true } });
    const existing: ApiGatewayV2.Route[] = [
      { RouteId: 'r1', RouteKey: '$default', RouteResponseSelectionExpression: '$default' },
      { RouteId: 'r2', RouteKey: 'sendMessage' },
      { RouteId: 'r3', RouteKey: '$connect' },
      { RouteId: 'r4', RouteKey: 'stale', RouteResponseSelectionExpression: '$default' },
    ];
    expect(routesWithResponsesToRead(existing, want).map((route) => route.RouteId)).toEqual([
      'r1',
      'r2',
      'r4',
    ]);
  });

  it('picks none when nothing is or should be two-way', () => {
    const want = desired({ $connect: { fn: 'connect' } });
    expect(routesWithResponsesToRead([{ RouteId: 'r1', RouteKey: '$connect' }], want)).toEqual([]);
  });
});
