import {
  describeHolder,
  judgeLock,
  lockDescription,
  lockHolderOf,
  LOCK_LEASE_MS,
} from '../../src/reconcile/deploy-lock';

const holder = { token: 'mine', host: 'ci-7', pid: 4242, since: '2026-12-02T10:00:00.000Z' };
const takenAt = Date.parse(holder.since);
const lock = (token: string) => ({
  Description: lockDescription({ ...holder, token }),
  CreatedDate: new Date(takenAt),
});

describe('the deploy lock record', () => {
  it('reads back the holder it wrote', () => {
    expect(lockHolderOf(lock('mine'))).toEqual(holder);
    expect(describeHolder(lock('mine'))).toBe(
      'host "ci-7", pid 4242, since 2026-12-02T10:00:00.000Z',
    );
  });

  it('tells a stage it did not describe by its creation time', () => {
    const handmade = { Description: 'made by hand', CreatedDate: new Date(takenAt) };
    expect(lockHolderOf(handmade)).toBeUndefined();
    expect(lockHolderOf({ Description: 'serverless-websockets-plugin deploy lock {oops' })).toBe(
      undefined,
    );
    expect(describeHolder(handmade)).toBe('an unknown holder, since 2026-12-02T10:00:00.000Z');
  });

  it.each([
    ['ours, whatever its age', 'mine', LOCK_LEASE_MS * 2, 'ours'],
    ['held within the lease', 'theirs', LOCK_LEASE_MS, 'held'],
    ['abandoned past the lease', 'theirs', LOCK_LEASE_MS + 1, 'abandoned'],
  ] as const)('judges a lock %s', (_, token, age, state) => {
    expect(judgeLock(lock(token), 'mine', takenAt + age)).toBe(state);
  });

  it('ages a lock by AWS’s creation time, not the holder’s clock', () => {
    const skewed = { ...lock('theirs'), CreatedDate: new Date(takenAt + LOCK_LEASE_MS) };
    expect(judgeLock(skewed, 'mine', takenAt + LOCK_LEASE_MS + 1)).toBe('held');
  });
});
