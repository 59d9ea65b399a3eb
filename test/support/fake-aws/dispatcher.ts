import { AwsCall, CallContext, Handler, ServiceBinding, isWriteOperation } from './call-context';
import { isAwsError } from './errors';
import { FaultInjector } from './faults';
import { partitionOf } from './arn';
import { clonePlain } from './objects';
import { AccountRateLimits } from './rate-limits';

export interface DispatcherOptions {
  calls: AwsCall[];
  faults: FaultInjector;
  rateLimits?: AccountRateLimits;
  latencyMs: number;
  latencyJitterMs: number;
  accountId: string;
  defaultRegion: string;
}

/** One call, as either SDK front (v2 or v3) hands it over: already validated, v2-named. */
export interface DispatchRequest {
  /** The v2 SDK class name ('ApiGatewayV2'). */
  service: string;
  /** The v2 method name ('createApi'). */
  operation: string;
  params: unknown;
  /** Region of the calling client; the FakeAws option when unknown. */
  region?: string;
  sdk: AwsCall['sdk'];
}

/**
 * The one path every fake call takes, whichever SDK made it: find the handler, record the
 * call, apply injected faults and latency, and hand handlers and callers copies so neither
 * can reach into the other's objects. The SDK fronts (sdk-v2.ts, sdk-v3.ts) translate to and
 * from their SDK's shapes around it.
 */
export class Dispatcher {
  private readonly handlers = new Map<string, Map<string, Handler>>();

  constructor(private readonly options: DispatcherOptions) {}

  bind({ service, operations }: ServiceBinding): void {
    const table = this.handlers.get(service) ?? new Map<string, Handler>();
    for (const [operation, handler] of Object.entries(operations)) table.set(operation, handler);
    this.handlers.set(service, table);
  }

  services(): string[] {
    return [...this.handlers.keys()];
  }

  handles(service: string, operation: string): boolean {
    return this.handlers.get(service)?.has(operation) ?? false;
  }

  async dispatch(request: DispatchRequest): Promise<unknown> {
    const { service, operation, params, sdk } = request;
    const handler = this.handlers.get(service)?.get(operation);
    if (!handler) throw new Error(`FakeAws: no fake for ${service}.${operation}`);
    // Everything up to the first await runs when the front dispatches: call order and faults
    // are those of that moment.
    const call: AwsCall = {
      service,
      operation,
      params: clonePlain(params),
      write: isWriteOperation(operation),
      sdk,
    };
    this.options.calls.push(call);
    const ctx = this.context(request);
    const fault =
      this.options.faults.check(service, operation, params) ??
      this.options.rateLimits?.check(service, operation);
    const lostResponse = fault
      ? undefined
      : this.options.faults.lostResponse(service, operation, params);
    try {
      const latency = this.options.latencyMs + Math.random() * this.options.latencyJitterMs;
      if (latency > 0) await delay(latency);
      if (fault) throw fault;
      const result: unknown = await handler(clonePlain(params) as never, ctx);
      // The call took effect; only its answer goes missing.
      if (lostResponse) throw lostResponse;
      return clonePlain(result);
    } catch (error) {
      call.error = isAwsError(error) ? error.code : 'InternalFailure';
      throw error;
    }
  }

  private context({ service, operation, region }: DispatchRequest): CallContext {
    const callerRegion = region ?? this.options.defaultRegion;
    return {
      service,
      operation,
      region: callerRegion,
      partition: partitionOf(callerRegion),
      accountId: this.options.accountId,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
