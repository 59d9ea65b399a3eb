import {
  countChanges,
  create,
  remove,
  renderChange,
  renderPlan,
  summaryLine,
  update,
} from '../../src/plan/changes';
import { describeLogGroup, describeStage, describeTags } from '../../src/plan/describe';

describe('plan rendering', () => {
  test('a line per kind of change: + create -> detail, ~ update: what, - delete', () => {
    expect(renderChange(create('route', 'shout', 'chat-prod-message'))).toBe(
      '  + route shout -> chat-prod-message',
    );
    expect(renderChange(create('integration', 'chat-prod-message'))).toBe(
      '  + integration chat-prod-message',
    );
    expect(renderChange(update('route', 'message', 'target a -> b'))).toBe(
      '  ~ route message: target a -> b',
    );
    expect(
      renderChange(
        update('permission', 'chat-prod-message', undefined, 'SourceArn points at an older API'),
      ),
    ).toBe('  ~ permission chat-prod-message (SourceArn points at an older API)');
    expect(renderChange(remove('route', '$disconnect'))).toBe('  - route $disconnect');
    expect(renderChange(remove('permission', 'auth', 'authorizer grant'))).toBe(
      '  - permission auth (authorizer grant)',
    );
  });

  test('header with the API id, or (new); the summary line always last', () => {
    const changes = [
      create('route', 'a'),
      update('stage', 'prod', 'new deployment'),
      remove('route', 'b'),
      remove('route', 'c'),
    ];
    expect(countChanges(changes)).toEqual({ create: 1, update: 1, delete: 2 });
    expect(
      renderPlan({ apiName: 'chat', apiId: 'a1b2', stageName: 'prod', changes, notes: ['a note'] }),
    ).toEqual([
      'WebSockets: API chat (a1b2), stage prod',
      '  + route a',
      '  ~ stage prod: new deployment',
      '  - route b',
      '  - route c',
      '  a note',
      'WebSockets plan: 1 to create, 1 to update, 2 to delete',
    ]);
    expect(renderPlan({ apiName: 'chat', stageName: 'prod', changes: [], notes: [] })).toEqual([
      'WebSockets: API chat (new), stage prod',
      'WebSockets plan: 0 to create, 0 to update, 0 to delete',
    ]);
    expect(summaryLine([])).toBe('WebSockets plan: 0 to create, 0 to update, 0 to delete');
  });

  test('tags: one change per call (untag, tag)', () => {
    expect(describeTags('stage prod', { tag: {}, untag: [] })).toEqual([]);
    expect(
      describeTags('stage prod', { tag: { a: '1', b: '2' }, untag: ['c'] }).map(renderChange),
    ).toEqual(['  ~ tags stage prod: remove c', '  ~ tags stage prod: set a, b']);
  });

  test('log group: created first for a new API, or as read; retention', () => {
    const wanted = { name: '/g', retentionInDays: 7 };
    expect(describeLogGroup(undefined)).toEqual([]);
    expect(describeLogGroup({ wanted, createFirst: true }).map(renderChange)).toEqual([
      '  + log group /g (created without a read: if it exists already, it is read then)',
      '  ~ log group /g: retention -> 7 days',
    ]);
    const plan = { create: false, deleteRetention: true };
    expect(
      describeLogGroup({ wanted: { name: '/g' }, createFirst: false, plan }).map(renderChange),
    ).toEqual(['  ~ log group /g: retention -> forever']);
  });

  test('stage: new deployment and settings in one update, then route settings and tags', () => {
    const deployment = {
      region: 'us-east-1',
      apiId: 'a1',
      stageName: 'prod',
      record: { fingerprint: 'f', routes: [] },
      apiIsNew: false,
      draftChanged: true,
      settings: { Description: '', DefaultRouteSettings: {}, RouteSettings: {} },
      tags: {},
    };
    expect(describeStage({ deployment, newDeployment: true }).map(renderChange)).toEqual([
      '  + stage prod -> new deployment',
    ]);
    const existing = {
      settings: {
        update: { DefaultRouteSettings: {}, AccessLogSettings: {} },
        deleteRouteSettings: ['ping'],
        deleteAccessLogSettings: false,
      },
      tags: { tag: {}, untag: [] },
    };
    expect(describeStage({ deployment, newDeployment: true, existing }).map(renderChange)).toEqual([
      '  ~ stage prod: new deployment, default route settings, access log settings',
      '  ~ stage prod: remove the settings of route ping',
    ]);
    const unchanged = {
      ...existing,
      settings: { update: {}, deleteRouteSettings: [], deleteAccessLogSettings: false },
    };
    expect(describeStage({ deployment, newDeployment: false, existing: unchanged })).toEqual([]);
  });
});
