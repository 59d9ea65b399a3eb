import { AwsError, tooManyRequests } from './errors';

/**
 * API Gateway's account-level limits on management (control-plane) calls, as AWS documents
 * them in "Amazon API Gateway quotas" (docs.aws.amazon.com/apigateway/latest/developerguide/
 * limits.html, "API Gateway quotas for creating, deploying and managing an API"): about 10
 * requests per second with a burst of 40 across all management calls of the account,
 * CreateDeployment 1 every 5 s, CreateDomainName 1 every 30 s; none can be raised.
 */
export interface RateLimitOptions {
  /** Tokens added per second (default 10). */
  ratePerSecond?: number;
  /** Bucket size: calls that can go at once after a quiet spell (default 40). */
  burst?: number;
  /** Least time between two createDeployment calls of the account (default 5000). */
  deploymentIntervalMs?: number;
  /** Least time between two createDomainName calls of the account (default 30000). */
  domainNameIntervalMs?: number;
}

/** Milliseconds, monotonic; injectable so that tests of the limits are not timed tests. */
export type Clock = () => number;

export const realClock: Clock = () => performance.now();

/** One token bucket per account for ApiGatewayV2 calls, plus the per-operation intervals. */
export class AccountRateLimits {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly intervals: Record<string, number>;
  private readonly lastCall = new Map<string, number>();
  private tokens: number;
  private refilledAt: number;

  constructor(
    options: RateLimitOptions,
    private readonly clock: Clock,
  ) {
    this.ratePerMs = (options.ratePerSecond ?? 10) / 1000;
    this.burst = options.burst ?? 40;
    this.intervals = {
      createDeployment: options.deploymentIntervalMs ?? 5000,
      createDomainName: options.domainNameIntervalMs ?? 30000,
    };
    this.tokens = this.burst;
    this.refilledAt = clock();
  }

  /**
   * Takes a token for one call, or answers the 429 AWS gives over quota. A refused call takes
   * nothing (AWS's token bucket counts served requests).
   */
  check(service: string, operation: string): AwsError | undefined {
    if (service !== 'ApiGatewayV2') return undefined;
    const now = this.clock();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
    const interval = this.intervals[operation];
    const last = this.lastCall.get(operation);
    if (interval !== undefined && last !== undefined && now - last < interval) {
      return tooManyRequests(`Rate exceeded for ${operation}`);
    }
    if (this.tokens < 1) return tooManyRequests('Rate exceeded');
    this.tokens -= 1;
    if (interval !== undefined) this.lastCall.set(operation, now);
    return undefined;
  }
}
