import { AwsError, awsError, tooManyRequests } from './errors';

/** Which call `failNext` fails; `params` narrows it further. */
export interface FaultMatch<P = Record<string, unknown>> {
  service: string;
  operation: string;
  params?: (params: P) => boolean;
}

export interface FaultError {
  code: string;
  message?: string;
  /** Default 400. */
  statusCode?: number;
  /** Default: from the status code (429 and 5xx retryable). */
  retryable?: boolean;
}

export interface ThrottleOptions {
  /** Share of calls answered TooManyRequestsException, 0..1. */
  rate: number;
  /** Only these services (SDK class names); default all. */
  services?: string[];
  /** PRNG seed, so a throttled run is reproducible. Default 1. */
  seed?: number;
}

interface PendingFault {
  service: string;
  operation: string;
  matches: (params: unknown) => boolean;
  error: () => AwsError;
}

/** One-shot failures and probabilistic throttling, consulted before every fake call. */
export class FaultInjector {
  private readonly pending: PendingFault[] = [];
  private throttling?: { rate: number; services?: string[]; random: () => number };

  failNext<P>(match: FaultMatch<P>, error?: FaultError): void {
    this.pending.push({
      service: match.service,
      operation: match.operation,
      // The predicate is written against the operation's request type; params reaching it
      // are that operation's (validated against its model by the SDK front).
      matches: (params) => (match.params ? match.params(params as P) : true),
      error: () =>
        error
          ? awsError(
              error.code,
              error.message ?? error.code,
              error.statusCode ?? 400,
              error.retryable,
            )
          : awsError('InternalFailure', 'Injected failure (FakeAws.failNext)', 500, false),
    });
  }

  throttle(options: ThrottleOptions | null): void {
    this.throttling = options
      ? { rate: options.rate, services: options.services, random: mulberry32(options.seed ?? 1) }
      : undefined;
  }

  /** The error this call should fail with, if any (consumes a matching one-shot fault). */
  check(service: string, operation: string, params: unknown): AwsError | undefined {
    const index = this.pending.findIndex(
      (fault) =>
        fault.service === service && fault.operation === operation && fault.matches(params),
    );
    if (index >= 0) return this.pending.splice(index, 1)[0].error();
    const throttling = this.throttling;
    if (!throttling) return undefined;
    if (throttling.services && !throttling.services.includes(service)) return undefined;
    return throttling.random() < throttling.rate ? tooManyRequests('Rate exceeded') : undefined;
  }
}

/** Small deterministic PRNG (mulberry32). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
