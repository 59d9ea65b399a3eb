import { AWS_CONCURRENCY } from '../concurrency';
import { awsErrorCode } from '../errors';
import type { AwsRequest } from './request';

/** How fast the plugin sends API Gateway management calls. */
export interface PacingSettings {
  /** Calls per second, sustained. */
  ratePerSecond: number;
  /** Calls that may go at once after a quiet spell. */
  burst: number;
}

/**
 * AWS's documented quota for API Gateway management calls: about 10 requests per second per
 * account with a burst of 40, not raisable ("Amazon API Gateway quotas", API Gateway quotas for
 * creating, deploying and managing an API).
 */
export const AWS_MANAGEMENT_RATE: PacingSettings = { ratePerSecond: 10, burst: 40 };

/** Operations AWS allows once per interval per account, whatever the bucket holds. */
const MIN_INTERVAL_MS: Record<string, number> = {
  createDeployment: 5000,
  createDomainName: 30000,
};

/** After a 429 the rate halves, down to this; each success wins back a little. */
const MIN_RATE_PER_SECOND = 1;
const RECOVERY_PER_SUCCESS = 0.1;

/** How often one call is sent again after a 429 before the 429 is the caller's. */
const MAX_THROTTLE_RETRIES = 10;

/**
 * A 429 on these is the once-per-30-s account quota (another deploy in the account used it):
 * waiting it out ten times would stall the deploy for minutes, so the caller says so at once.
 */
const NOT_RETRIED_AFTER_429 = new Set(['createDomainName']);

export type Clock = () => number;
export type Sleep = (ms: number) => Promise<void>;

const sleepFor: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A client-side token bucket for API Gateway calls, so that a large deploy runs at the
 * account's rate instead of emptying AWS's bucket and then drawing 429s (each of which costs
 * the framework's 4-7 s back-off). Calls start in the order they asked; a 429 means AWS's
 * bucket is empty whatever ours says (another client of the account), so ours empties too and
 * the rate halves, then recovers with each success.
 *
 * The pacer counts calls when it lets them go, AWS when they arrive; latency can bunch the
 * calls in flight on the way. So it keeps as many tokens back from the burst as calls can be
 * in flight (AWS_CONCURRENCY), and AWS's bucket never runs dry first.
 */
export class RequestPacer {
  private readonly maxRatePerMs: number;
  private readonly burst: number;
  private ratePerMs: number;
  private tokens: number;
  private refilledAt: number;
  private readonly lastStart = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    settings: PacingSettings,
    private readonly clock: Clock = () => performance.now(),
    private readonly sleep: Sleep = sleepFor,
  ) {
    this.maxRatePerMs = settings.ratePerSecond / 1000;
    this.ratePerMs = this.maxRatePerMs;
    this.burst = Math.max(1, settings.burst - AWS_CONCURRENCY);
    this.tokens = this.burst;
    this.refilledAt = clock();
  }

  /** The sustained rate now, in calls per second (lower than configured after 429s). */
  get ratePerSecond(): number {
    return this.ratePerMs * 1000;
  }

  /** Resolves when one call of `operation` may start. */
  acquire(operation: string): Promise<void> {
    const turn = this.queue.then(() => this.waitForTurn(operation));
    this.queue = turn;
    return turn;
  }

  /** AWS answered a call with a 429. */
  throttled(operation: string): void {
    this.refill();
    this.tokens = 0;
    this.ratePerMs = Math.max(MIN_RATE_PER_SECOND / 1000, this.ratePerMs / 2);
    if (operation in MIN_INTERVAL_MS) this.lastStart.set(operation, this.clock());
  }

  /** AWS served a call. */
  served(): void {
    this.ratePerMs = Math.min(this.maxRatePerMs, this.ratePerMs + RECOVERY_PER_SUCCESS / 1000);
  }

  private async waitForTurn(operation: string): Promise<void> {
    for (;;) {
      this.refill();
      const wait = Math.max(this.intervalWait(operation), this.tokenWait());
      if (wait <= 0) break;
      await this.sleep(wait);
    }
    this.tokens -= 1;
    if (operation in MIN_INTERVAL_MS) this.lastStart.set(operation, this.clock());
  }

  private tokenWait(): number {
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.ratePerMs;
  }

  private intervalWait(operation: string): number {
    const last = this.lastStart.get(operation);
    return last === undefined ? 0 : last + MIN_INTERVAL_MS[operation] - this.clock();
  }

  private refill(): void {
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
  }
}

/**
 * Sends API Gateway calls through the pacer, and sends a call again itself when AWS answers
 * TooManyRequestsException, so that a deploy completes even with the framework's retries off
 * (SLS_AWS_REQUEST_MAX_RETRIES=0). Other services' calls pass straight through.
 */
export function pacedRequest(request: AwsRequest, pacer: RequestPacer): AwsRequest {
  return async (service, method, params, options) => {
    if (service !== 'ApiGatewayV2') return request(service, method, params, options);
    for (let retry = 0; ; retry += 1) {
      await pacer.acquire(method);
      try {
        const result = await request(service, method, params, options);
        pacer.served();
        return result;
      } catch (error) {
        if (
          awsErrorCode(error) !== 'TooManyRequestsException' ||
          retry >= MAX_THROTTLE_RETRIES ||
          NOT_RETRIED_AFTER_429.has(method)
        ) {
          throw error;
        }
        pacer.throttled(method);
      }
    }
  };
}
