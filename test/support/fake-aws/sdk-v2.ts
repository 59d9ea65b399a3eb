// aws-sdk-mock must patch the real module object, which `import * as` would copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import AWSMock from 'aws-sdk-mock';
import { ServiceBinding } from './call-context';
import { ClientCache } from './client-cache';
import { Dispatcher } from './dispatcher';

type SdkCallback = (error: unknown, data: unknown) => void;

/**
 * The SDK v2 (aws-sdk) front: binds the operations to the SDK through aws-sdk-mock, which
 * validates params against the SDK model before the replacement runs, and hands every call
 * to the dispatcher with the caller's region (from the client cache).
 */
export class SdkV2Front {
  private readonly clients = new ClientCache();
  private readonly mocked = new Set<string>();

  constructor(private readonly dispatcher: Dispatcher) {}

  install(bindings: ServiceBinding[]): void {
    AWSMock.setSDKInstance(AWS);
    for (const { service, operations } of bindings) {
      for (const operation of Object.keys(operations)) {
        AWSMock.mock(service, operation, this.replacement(service, operation));
      }
      this.clients.wrap(service);
      this.mocked.add(service);
    }
  }

  restore(): void {
    this.clients.unwrapAll();
    for (const service of this.mocked) AWSMock.restore(service);
    this.mocked.clear();
  }

  private replacement(service: string, operation: string) {
    // aws-sdk-mock passes (params?, callback); answering through the callback serves both
    // callback-style and .promise() callers.
    return (...args: unknown[]): void => {
      const callback = args[args.length - 1] as SdkCallback;
      const params = (args.length > 1 ? args[0] : undefined) ?? {};
      const region = this.clients.regionOf(service);
      this.dispatcher.dispatch({ service, operation, params, region, sdk: 'v2' }).then(
        (data) => callback(null, data),
        (error: unknown) => callback(error, null),
      );
    };
  }
}
