/** The fixed conditions of the benchmark. Lower bounds and targets are computed from them. */

/** Simulated latency of every AWS call, the framework's and the plugin's. */
export const LATENCY_MS = 20;

/**
 * Items per page of every list call: FakeAws's default, passed explicitly so that the fake and
 * the lower bounds cannot disagree.
 */
export const PAGE_SIZE = 25;

/**
 * Serverless 1.x runs `provider.request` calls through one queue, two at a time
 * (lib/plugins/aws/provider/awsProvider.js: `new PromiseQueue(2, Infinity)`).
 */
export const FRAMEWORK_REQUEST_CONCURRENCY = 2;

export const STAGE = 'dev';
export const REGION = 'us-east-1';
