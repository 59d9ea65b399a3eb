import type { ApiGatewayV2 } from 'aws-sdk';

/**
 * The deploy lock: a stage of the service's own API that only exists while a deploy reconciles
 * the API. API Gateway has no conditional writes, but CreateStage refuses a stage name the API
 * already has (409 ConflictException, "The resource already exists": API reference, Stages,
 * docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-stages.html), so creating
 * this stage is an atomic test-and-set. DeploymentId is optional on CreateStage (only ApiId and
 * StageName are required, same page), so the lock stage serves nothing. The name keeps to what
 * API Gateway documents for stage names: letters, digits, hyphens and underscores, at most 128
 * characters (CreateStage stageName, docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html;
 * the v2 SDK types it as a string of 1 to 128).
 */
export const DEPLOY_LOCK_STAGE = 'sls-websockets-lock';

/**
 * How long a deploy waits for another one's lock before it gives up. The slowest reconcile
 * measured (300 routes under AWS's rate limits, bench/README.md) takes about 82 s; five minutes
 * covers a few of those queued up without leaving a CI job hanging for long.
 */
export const LOCK_WAIT_MS = 5 * 60_000;

/** Pause between two looks at a held lock: a read every 5 s is a sliver of the 10 calls/s quota. */
export const LOCK_POLL_MS = 5_000;

/**
 * A lock older than this was left by a deploy that was killed (its `finally` never ran): it is
 * broken and taken. Ten times the slowest measured reconcile, so a live deploy never loses it.
 */
export const LOCK_LEASE_MS = 15 * 60_000;

/** Who holds the lock, as its stage description records it. */
export interface LockHolder {
  /** Random, per deploy: tells our own lock from another's (also after a retried createStage). */
  token: string;
  host: string;
  pid: number;
  /** ISO time the lock was taken. */
  since: string;
}

const PREFIX = 'serverless-websockets-plugin deploy lock ';

/** What the lock logic reads of a stage. */
export type LockStage = Pick<ApiGatewayV2.GetStageResponse, 'Description' | 'CreatedDate'>;

export function lockDescription(holder: LockHolder): string {
  return PREFIX + JSON.stringify(holder);
}

/** The holder recorded on a lock stage; undefined when the description is not ours. Pure. */
export function lockHolderOf(stage: LockStage): LockHolder | undefined {
  const description = stage.Description ?? '';
  if (!description.startsWith(PREFIX)) return undefined;
  try {
    const holder = JSON.parse(description.slice(PREFIX.length)) as Partial<LockHolder>;
    return typeof holder.token === 'string' ? (holder as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** "host "ci-7", pid 4242, since 2026-12-02T10:00:00.000Z", for messages. Pure. */
export function describeHolder(stage: LockStage): string {
  const holder = lockHolderOf(stage);
  if (holder) return `host "${holder.host}", pid ${holder.pid}, since ${holder.since}`;
  const created = stage.CreatedDate ? new Date(stage.CreatedDate).toISOString() : 'an unknown time';
  return `an unknown holder, since ${created}`;
}

export type LockState = 'ours' | 'held' | 'abandoned';

/**
 * What a found lock stage means for the deploy holding `token`. Its age comes from AWS's own
 * CreatedDate (the recorded time is the holder's clock) and is compared with ours: clocks a few
 * minutes apart still leave a live deploy well inside the lease. Pure.
 */
export function judgeLock(stage: LockStage, token: string, now: number): LockState {
  const holder = lockHolderOf(stage);
  if (holder?.token === token) return 'ours';
  const taken = new Date(stage.CreatedDate ?? holder?.since ?? now).getTime();
  return now - taken > LOCK_LEASE_MS ? 'abandoned' : 'held';
}
