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

/**
 * What a lost response looks like to the caller: the connection drops after the request was
 * sent. SDK v2 reports a dropped socket as retryable (lib/event_listeners.js: `retryable: true`),
 * and statusCode 0 (no HTTP answer) makes the v3 front hand it over as Node's socket error, which
 * the v3 retry middleware treats as transient. So the framework's request layer or the SDK
 * sends the call again, unaware that the first one took effect.
 */
const LOST_RESPONSE: FaultError = {
  code: 'ECONNRESET',
  message: 'socket hang up',
  statusCode: 0,
  retryable: true,
};

/** One-shot failures and probabilistic throttling, consulted before every fake call. */
export class FaultInjector {
  private readonly pending: PendingFault[] = [];
  /** Faults that let the call take effect and then fail it (see loseResponseOfNext). */
  private readonly lostResponses: PendingFault[] = [];
  private throttling?: { rate: number; services?: string[]; random: () => number };

  failNext<P>(match: FaultMatch<P>, error?: FaultError): void {
    this.pending.push(pendingFault(match, error));
  }

  /**
   * The next matching call takes effect, then its caller gets `error` (default: a dropped
   * connection, retryable) instead of the answer: the response was lost on the way back.
   */
  loseResponseOfNext<P>(match: FaultMatch<P>, error: FaultError = LOST_RESPONSE): void {
    this.lostResponses.push(pendingFault(match, error));
  }

  throttle(options: ThrottleOptions | null): void {
    this.throttling = options
      ? { rate: options.rate, services: options.services, random: mulberry32(options.seed ?? 1) }
      : undefined;
  }

  /** The error this call should fail with, if any (consumes a matching one-shot fault). */
  check(service: string, operation: string, params: unknown): AwsError | undefined {
    const fault = takeMatching(this.pending, service, operation, params);
    if (fault) return fault.error();
    const throttling = this.throttling;
    if (!throttling) return undefined;
    if (throttling.services && !throttling.services.includes(service)) return undefined;
    return throttling.random() < throttling.rate ? tooManyRequests('Rate exceeded') : undefined;
  }

  /** The error to answer with once this call has taken effect, if its response is to be lost. */
  lostResponse(service: string, operation: string, params: unknown): AwsError | undefined {
    return takeMatching(this.lostResponses, service, operation, params)?.error();
  }
}

function pendingFault<P>(match: FaultMatch<P>, error: FaultError | undefined): PendingFault {
  return {
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
  };
}

/** Removes and returns the first fault that matches this call. */
function takeMatching(
  faults: PendingFault[],
  service: string,
  operation: string,
  params: unknown,
): PendingFault | undefined {
  const index = faults.findIndex(
    (fault) => fault.service === service && fault.operation === operation && fault.matches(params),
  );
  return index >= 0 ? faults.splice(index, 1)[0] : undefined;
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
