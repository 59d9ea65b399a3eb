import { cloneDeep } from 'lodash';
import { wantedStageSettings } from '../../src/reconcile/stage-settings-plan';
import type { DesiredApi } from '../../src/desired-state';
import type { ResolvedIds } from '../../src/reconcile/apply-draft-plan';
import {
  DEPLOYMENT_DESCRIPTION_MAX,
  deploymentDescription,
  deploymentHasFingerprint,
  deploymentRecord,
  desiredRouteContents,
  draftFingerprint,
  draftRouteContent,
  entryRoute,
  recordedRoutes,
  routeEntry,
  routesDigest,
  type RouteContent,
} from '../../src/reconcile/stage-state';

const CONNECT_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/connect/invocations';
const AUTH_URI = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/auth/invocations';

interface Draft {
  desired: DesiredApi;
  ids: ResolvedIds;
}

function draft(): Draft {
  return {
    desired: {
      name: 'chat-dev-websockets-api',
      routeSelectionExpression: '$request.body.action',
      description: '',
      tags: {},
      stageSettings: wantedStageSettings({ tags: {} }, []),
      stageName: 'dev',
      integrations: [{ uri: CONNECT_URI }],
      authorizers: [{ name: 'auth', uri: AUTH_URI, identitySource: ['route.request.header.Auth'] }],
      routes: [
        { routeKey: '$connect', integrationUri: CONNECT_URI, authorizerName: 'auth' },
        {
          routeKey: '$default',
          integrationUri: CONNECT_URI,
          routeResponseSelectionExpression: '$default',
        },
      ],
      permissions: [],
    },
    ids: {
      integrationIdByUri: { [CONNECT_URI]: 'int1' },
      authorizerIdByName: { auth: 'auth1' },
      routeIdByKey: { $connect: 'route1', $default: 'route2' },
    },
  };
}

const fingerprintOf = ({ desired, ids }: Draft) => draftFingerprint(desired, ids);

describe('draftFingerprint', () => {
  it('is the same for equal drafts', () => {
    expect(fingerprintOf(draft())).toBe(fingerprintOf(draft()));
    expect(fingerprintOf(draft())).toMatch(/^[0-9a-f]+$/);
  });

  it.each<[string, (d: Draft) => void]>([
    ['the API name', (d) => (d.desired.name = 'renamed')],
    [
      'the route selection expression',
      (d) => (d.desired.routeSelectionExpression = '$request.body.type'),
    ],
    ['an integration URI', (d) => (d.desired.integrations[0].uri = AUTH_URI)],
    ['an integration id', (d) => (d.ids.integrationIdByUri[CONNECT_URI] = 'int2')],
    ['an authorizer id', (d) => (d.ids.authorizerIdByName.auth = 'auth2')],
    ['an authorizer URI', (d) => (d.desired.authorizers[0].uri = CONNECT_URI)],
    [
      'an authorizer identity source',
      (d) => d.desired.authorizers[0].identitySource.push('route.request.querystring.t'),
    ],
    ['a route id', (d) => (d.ids.routeIdByKey.$default = 'route3')],
    ['a route key', (d) => (d.desired.routes[1].routeKey = 'sendMessage')],
    ['a route target', (d) => (d.desired.routes[1].integrationUri = AUTH_URI)],
    ['a route authorizer', (d) => delete d.desired.routes[0].authorizerName],
    ['a two-way setting', (d) => delete d.desired.routes[1].routeResponseSelectionExpression],
    ['the set of routes', (d) => d.desired.routes.pop()],
  ])('changes when %s changes', (_, change) => {
    const changed = cloneDeep(draft());
    change(changed);
    expect(fingerprintOf(changed)).not.toBe(fingerprintOf(draft()));
  });
});

describe('deploymentHasFingerprint', () => {
  const record = deploymentRecord(draft().desired, draft().ids);

  it('is true for a deployment made from this draft', () => {
    expect(
      deploymentHasFingerprint({ Description: deploymentDescription(record) }, record.fingerprint),
    ).toBe(true);
  });

  it.each([
    ['the draft has changed', deploymentDescription({ ...record, fingerprint: '0123abcd' })],
    ['the deployment has no description', undefined],
    ['the deployment was made by hand', 'my deployment'],
    [
      'an earlier version made it (no record of its routes, which `sls info` needs)',
      `serverless-websockets-plugin state ${record.fingerprint}`,
    ],
  ])('is false when %s', (_, Description) => {
    expect(deploymentHasFingerprint({ Description }, record.fingerprint)).toBe(false);
  });
});

describe('the routes a deployment records', () => {
  const { desired, ids } = draft();
  const record = deploymentRecord(desired, ids);
  const description = deploymentDescription(record);

  it('lists every route, read back as written', () => {
    expect(description).toMatch(
      /^serverless-websockets-plugin state [0-9a-f]{16} routes \S{8} \S{12}$/,
    );
    expect(recordedRoutes({ Description: description })).toEqual({
      kind: 'listed',
      digest: routesDigest(record.routes),
      entries: new Set(record.routes.map(routeEntry)),
    });
  });

  it('says nothing of routes in a description without a record', () => {
    expect(recordedRoutes({ Description: 'by hand' })).toBeUndefined();
    expect(recordedRoutes({})).toBeUndefined();
  });

  it('keeps only the digest of the set when the list does not fit in 1024 characters', () => {
    const many: RouteContent[] = Array.from({ length: 200 }, (_, i) => ({
      ...record.routes[1],
      routeKey: `action${i}`,
    }));
    const long = deploymentDescription({ ...record, routes: many });
    expect(long.length).toBeLessThanOrEqual(DEPLOYMENT_DESCRIPTION_MAX);
    expect(recordedRoutes({ Description: long })).toEqual({
      kind: 'summarized',
      digest: routesDigest(many),
    });
    const fitting = deploymentDescription({ ...record, routes: many.slice(0, 150) });
    expect(recordedRoutes({ Description: fitting })?.kind).toBe('listed');
  });

  it('reads the same content from the draft AWS holds as from the desired state', () => {
    const draftInAws = {
      integrations: [{ IntegrationId: 'int1', IntegrationUri: CONNECT_URI }],
      authorizers: [
        {
          AuthorizerId: 'auth1',
          Name: 'auth',
          AuthorizerUri: AUTH_URI,
          IdentitySource: ['route.request.header.Auth'],
        },
      ],
    };
    const routes = [
      {
        RouteKey: '$connect',
        Target: 'integrations/int1',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: 'auth1',
      },
      {
        RouteKey: '$default',
        Target: 'integrations/int1',
        RouteResponseSelectionExpression: '$default',
      },
    ];
    expect(routes.map((route) => draftRouteContent(route, draftInAws))).toEqual(
      desiredRouteContents(desired),
    );
    const iam = {
      ...desired,
      routes: [
        { ...desired.routes[0], authorizerName: undefined, iamAuthorization: true as const },
      ],
    };
    expect(desiredRouteContents(iam)[0].authorization).toBe('AWS_IAM');
    expect(
      draftRouteContent(
        { ...routes[0], AuthorizationType: 'AWS_IAM', AuthorizerId: undefined },
        draftInAws,
      ).authorization,
    ).toBe('AWS_IAM');
  });

  it('gives a route the same key part whatever its content, and another entry when it changes', () => {
    const [connect] = record.routes;
    const changed = { ...connect, integrationUri: AUTH_URI };
    expect(entryRoute(routeEntry(changed))).toBe(entryRoute(routeEntry(connect)));
    expect(routeEntry(changed)).not.toBe(routeEntry(connect));
    expect(routesDigest([...record.routes].reverse())).toBe(routesDigest(record.routes));
  });
});
