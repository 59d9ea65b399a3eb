import { randomUUID } from 'crypto';
import { hostname } from 'os';
import { awsErrorCode, AwsStepError, awsStep, ConfigurationError, unlessNotFound } from '../errors';
import {
  DEPLOY_LOCK_STAGE,
  describeHolder,
  judgeLock,
  lockDescription,
  lockHolderOf,
  LOCK_LEASE_MS,
  LOCK_POLL_MS,
  LOCK_WAIT_MS,
} from '../reconcile/deploy-lock';
import type { CommandContext } from './context';
import { describeServiceStage } from './find-deployed-api';

/** The clock and pause the lock waits with; tests pass a virtual pair. */
export interface LockTiming {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_LOCK_TIMING: LockTiming = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const minutes = (ms: number) => `${ms / 60_000} minutes`;

/** The service's stage must not be the lock's: a deploy would wait on its own stage. */
export function checkStageIsNotTheLock(stage: string): void {
  if (stage === DEPLOY_LOCK_STAGE) {
    throw new ConfigurationError([
      `stage "${stage}" is the name of the plugin's deploy lock stage; deploy with another --stage`,
    ]);
  }
}

interface HeldLock {
  apiId: string;
  token: string;
  /** When this deploy took it, by `LockTiming.now`. */
  takenAt: number;
}

/** The command that deletes a lock by hand, for messages. */
const breakCommand = (context: CommandContext, apiId: string) =>
  `aws apigatewayv2 delete-stage --api-id ${apiId} --stage-name ${DEPLOY_LOCK_STAGE} --region ${context.region}`;

type LockWhere = { ApiId: string; StageName: string };

/** Creates the lock stage: undefined once taken, AWS's ConflictException when the name is. */
function createLockStage(context: CommandContext, where: LockWhere, token: string, now: number) {
  const description = lockDescription({
    token,
    host: hostname(),
    pid: process.pid,
    since: new Date(now).toISOString(),
  });
  return context.apigateway.createStage({ ...where, Description: description }).then(
    () => undefined,
    (error: unknown) => {
      if (awsErrorCode(error) === 'ConflictException') return error;
      throw error;
    },
  );
}

/**
 * Takes the deploy lock of the API (see reconcile/deploy-lock.ts), waiting up to LOCK_WAIT_MS
 * while another deploy holds it, and breaking it when it is older than LOCK_LEASE_MS.
 */
async function acquire(
  context: CommandContext,
  apiId: string,
  timing: LockTiming,
): Promise<HeldLock> {
  const { apigateway, log } = context;
  const token = randomUUID();
  const where = { ApiId: apiId, StageName: DEPLOY_LOCK_STAGE };
  const step = `take the deploy lock of ${describeServiceStage(context)} (stage "${DEPLOY_LOCK_STAGE}" of API ${apiId})`;
  const deadline = timing.now() + LOCK_WAIT_MS;
  let waiting = false;
  let conflictWithoutLock = false;
  for (;;) {
    const conflict = await awsStep(step, () =>
      createLockStage(context, where, token, timing.now()),
    );
    if (!conflict) return { apiId, token, takenAt: timing.now() };
    const stage = await awsStep(`read the deploy lock of API ${apiId}`, () =>
      unlessNotFound(() => apigateway.getStage(where)),
    );
    if (!stage) {
      // Given back meanwhile: try again. A conflict twice with no lock stage is something
      // else, such as the API's stage quota (10 per API, the lock takes one).
      if (conflictWithoutLock) throw new AwsStepError(step, conflict);
      conflictWithoutLock = true;
      continue;
    }
    conflictWithoutLock = false;
    const state = judgeLock(stage, token, timing.now());
    // Our own createStage, sent again by a retry after its answer was lost.
    if (state === 'ours') return { apiId, token, takenAt: timing.now() };
    if (state === 'abandoned') {
      log.warning(
        `broke the deploy lock of API ${apiId} held by ${describeHolder(stage)}: older than ${minutes(LOCK_LEASE_MS)}, that deploy was stopped before it could give the lock back`,
      );
      await awsStep(`break the abandoned deploy lock of API ${apiId}`, () =>
        unlessNotFound(() => apigateway.deleteStage(where)),
      );
      continue;
    }
    const left = deadline - timing.now();
    if (left <= 0) {
      const holder = describeHolder(stage);
      throw new AwsStepError(
        step,
        new Error(
          `another deploy of this stage still holds it after ${minutes(LOCK_WAIT_MS)} (${holder}). ` +
            `If that deploy is no longer running, delete the lock and deploy again: ${breakCommand(context, apiId)}`,
        ),
      );
    }
    if (!waiting) {
      log.info(
        `another deploy of this stage is under way (${describeHolder(stage)}); waiting up to ${minutes(LOCK_WAIT_MS)} for it to finish`,
      );
      waiting = true;
    }
    await timing.sleep(Math.min(LOCK_POLL_MS, left));
  }
}

/**
 * Gives the lock back. Within the lease nobody else breaks it, so it is deleted straight away;
 * after that it is first read, to delete it only if it is still ours. A failure here does not
 * undo the deploy: it is a warning saying how to clear the lock.
 */
async function release(
  context: CommandContext,
  { apiId, token, takenAt }: HeldLock,
  timing: LockTiming,
): Promise<void> {
  const { apigateway, log } = context;
  const where: LockWhere = { ApiId: apiId, StageName: DEPLOY_LOCK_STAGE };
  try {
    if (timing.now() - takenAt >= LOCK_LEASE_MS) {
      const stage = await unlessNotFound(() => apigateway.getStage(where));
      if (!stage) return;
      if (lockHolderOf(stage)?.token !== token) {
        log.warning(
          `the deploy lock of API ${apiId} was broken during this deploy, which took longer than ${minutes(LOCK_LEASE_MS)}; it is now held by ${describeHolder(stage)}`,
        );
        return;
      }
    }
    await unlessNotFound(() => apigateway.deleteStage(where));
  } catch (error) {
    const reason = new AwsStepError('give back the deploy lock', error).message;
    log.warning(
      `${reason}. The next deploy waits for it up to ${minutes(LOCK_WAIT_MS)}; to clear it now: ${breakCommand(context, apiId)}`,
    );
  }
}

/**
 * Runs `reconcile` holding the API's deploy lock, and gives the lock back however it ends, so
 * that two deploys of one stage reconcile the API one after the other.
 */
export async function withDeployLock<T>(
  context: CommandContext,
  apiId: string,
  timing: LockTiming,
  reconcile: () => Promise<T>,
): Promise<T> {
  const lock = await acquire(context, apiId, timing);
  try {
    return await reconcile();
  } finally {
    await release(context, lock, timing);
  }
}
