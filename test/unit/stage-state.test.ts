import { cloneDeep } from 'lodash';
import { wantedStageSettings } from '../../src/reconcile/stage-settings-plan';
import type { DesiredApi } from '../../src/desired-state';
import type { ResolvedIds } from '../../src/reconcile/apply-draft-plan';
import {
  deploymentDescription,
  deploymentHasFingerprint,
  draftFingerprint,
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
  const fingerprint = fingerprintOf(draft());

  it('is true for a deployment made from this draft', () => {
    expect(
      deploymentHasFingerprint({ Description: deploymentDescription(fingerprint) }, fingerprint),
    ).toBe(true);
  });

  it.each([
    ['the draft has changed', deploymentDescription('0123abcd')],
    ['the deployment has no description', undefined],
    ['the deployment was made by hand', 'my deployment'],
  ])('is false when %s', (_, Description) => {
    expect(deploymentHasFingerprint({ Description }, fingerprint)).toBe(false);
  });
});
