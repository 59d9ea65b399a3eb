import { MAX_PAGE_SIZE } from '../test/support/fake-aws';

/** The fixed conditions of the benchmark. Lower bounds and targets are computed from them. */

/** Simulated latency of every AWS call, the framework's and the plugin's (default profile). */
export const LATENCY_MS = 20;

/**
 * Items per page of every list call that asks for the largest page (MaxResults 500, the most
 * AWS serves): the lower bounds count pages at this size.
 */
export const PAGE_SIZE = MAX_PAGE_SIZE;

/**
 * Serverless 1.x runs `provider.request` calls through one queue, two at a time
 * (lib/plugins/aws/provider/awsProvider.js: `new PromiseQueue(2, Infinity)`).
 */
export const FRAMEWORK_REQUEST_CONCURRENCY = 2;

export const STAGE = 'dev';
export const REGION = 'us-east-1';

/** AWS's documented limits on API Gateway management calls, per account. */
export const AWS_RATE = { ratePerSecond: 10, burst: 40 };

/** The conditions one run of the scenarios is made under. */
export interface BenchProfile {
  id: 'default' | 'quota';
  title: string;
  latencyMs: number;
  /** Extra latency per call, uniformly 0 to this many ms. */
  latencyJitterMs: number;
  /** Whether the stand-in enforces AWS_RATE (and createDeployment once per 5 s). */
  rateLimits: boolean;
}

export const DEFAULT_PROFILE: BenchProfile = {
  id: 'default',
  title: 'no rate limits, 20 ms per call',
  latencyMs: LATENCY_MS,
  latencyJitterMs: 0,
  rateLimits: false,
};

export const QUOTA_PROFILE: BenchProfile = {
  id: 'quota',
  title: "AWS's rate limits (10/s, burst 40, createDeployment 1 per 5 s), 60-80 ms per call",
  latencyMs: 60,
  latencyJitterMs: 20,
  rateLimits: true,
};

/**
 * The time the account's quota alone imposes on a phase that makes `apiGatewayCalls`
 * API Gateway calls: those beyond the burst at the sustained rate, plus one call's latency.
 */
export const quotaBoundMs = (apiGatewayCalls: number, profile: BenchProfile): number =>
  (Math.max(0, apiGatewayCalls - AWS_RATE.burst) / AWS_RATE.ratePerSecond) * 1000 +
  profile.latencyMs;

/** The share of the account's rate the second client spends in the contention run. */
export const OTHER_CLIENT_SHARE = 0.5;
