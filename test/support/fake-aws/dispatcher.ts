// aws-sdk-mock must patch the real module object, which `import * as` would copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import AWSMock from 'aws-sdk-mock';
import { AwsCall, CallContext, Handler, ServiceBinding, isWriteOperation } from './call-context';
import { ClientCache } from './client-cache';
import { isAwsError } from './errors';
import { FaultInjector } from './faults';
import { partitionOf } from './arn';
import { clonePlain } from './objects';

export interface DispatcherOptions {
  calls: AwsCall[];
  faults: FaultInjector;
  latencyMs: number;
  accountId: string;
  defaultRegion: string;
}

type SdkCallback = (error: unknown, data: unknown) => void;

/**
 * Binds service handlers to the SDK through aws-sdk-mock (which validates params against the
 * SDK model first) and runs every call the same way: record it, apply injected faults and
 * latency, and hand handlers and callers copies so neither can reach into the other's objects.
 */
export class Dispatcher {
  private readonly clients = new ClientCache();
  private readonly mocked: string[] = [];

  constructor(private readonly options: DispatcherOptions) {}

  install(bindings: ServiceBinding[]): void {
    AWSMock.setSDKInstance(AWS);
    for (const { service, operations } of bindings) {
      for (const [operation, handler] of Object.entries(operations)) {
        AWSMock.mock(service, operation, this.replacement(service, operation, handler));
      }
      this.clients.wrap(service);
      this.mocked.push(service);
    }
  }

  restore(): void {
    this.clients.unwrapAll();
    for (const service of this.mocked.splice(0)) AWSMock.restore(service);
  }

  private replacement(service: string, operation: string, handler: Handler) {
    // aws-sdk-mock passes (params?, callback); answering through the callback serves both
    // callback-style and .promise() callers.
    return (...args: unknown[]): void => {
      const callback = args[args.length - 1] as SdkCallback;
      const params = (args.length > 1 ? args[0] : undefined) ?? {};
      this.dispatch(service, operation, handler, params).then(
        (data) => callback(null, data),
        (error: unknown) => callback(error, null),
      );
    };
  }

  private async dispatch(
    service: string,
    operation: string,
    handler: Handler,
    params: unknown,
  ): Promise<unknown> {
    // Everything up to the first await runs at call time: call order, region and faults
    // are those of the moment the caller made the call.
    const call: AwsCall = {
      service,
      operation,
      params: clonePlain(params),
      write: isWriteOperation(operation),
    };
    this.options.calls.push(call);
    const ctx = this.context(service, operation);
    const fault = this.options.faults.check(service, operation, params);
    try {
      if (this.options.latencyMs > 0) await delay(this.options.latencyMs);
      if (fault) throw fault;
      const result: unknown = await handler(clonePlain(params) as never, ctx);
      return clonePlain(result);
    } catch (error) {
      call.error = isAwsError(error) ? error.code : 'InternalFailure';
      throw error;
    }
  }

  private context(service: string, operation: string): CallContext {
    const region = this.clients.regionOf(service) ?? this.options.defaultRegion;
    return {
      service,
      operation,
      region,
      partition: partitionOf(region),
      accountId: this.options.accountId,
    };
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
