import { MANAGED_TAGS_TAG, planTags, wantedTags } from '../../src/reconcile/tags-plan';

const OWNERSHIP = { 'serverless-websockets-plugin:service': 'chat' };

describe('wantedTags', () => {
  it('lists the names of the user tags beside them, and ownership wins', () => {
    expect(wantedTags(OWNERSHIP, { team: 'chat', 'cost-center': '42' })).toEqual({
      ...OWNERSHIP,
      team: 'chat',
      'cost-center': '42',
      [MANAGED_TAGS_TAG]: 'cost-center team',
    });
  });

  it('has no list when the user has no tags', () => {
    expect(wantedTags(OWNERSHIP, {})).toEqual(OWNERSHIP);
  });
});

describe('planTags', () => {
  const wanted = wantedTags(OWNERSHIP, { team: 'chat' });

  it('writes nothing when every wanted tag is there, whatever else is', () => {
    expect(planTags(wanted, { ...wanted, foreign: 'x' })).toEqual({ tag: {}, untag: [] });
  });

  it('adds missing and changed tags only', () => {
    expect(planTags(wanted, { ...OWNERSHIP, team: 'old' })).toEqual({
      tag: { team: 'chat', [MANAGED_TAGS_TAG]: 'team' },
      untag: [],
    });
  });

  it('removes the tags it put there that the config no longer has, and no others', () => {
    const existing = {
      ...wantedTags(OWNERSHIP, { team: 'chat', owner: 'ops' }),
      foreign: 'x',
    };
    expect(planTags(wanted, existing)).toEqual({
      tag: { [MANAGED_TAGS_TAG]: 'team' },
      untag: ['owner'],
    });
    expect(planTags(OWNERSHIP, existing)).toEqual({
      tag: {},
      untag: ['owner', 'team', MANAGED_TAGS_TAG],
    });
  });

  it('tags an API without tags (adoption)', () => {
    expect(planTags(wanted, undefined)).toEqual({ tag: wanted, untag: [] });
  });
});
