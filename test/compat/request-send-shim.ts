// The SDK's real module object: its service constructors are what gets wrapped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');

type Callback = (error: unknown, data: unknown) => void;
interface MockedRequest {
  promise?: () => Promise<unknown>;
  send?: (callback: Callback) => void;
}
type Method = (...args: unknown[]) => unknown;
type ServiceConstructor = new (options?: unknown) => Record<string, unknown>;

/**
 * Framework 1.35 calls the SDK as `service[method](params).send(callback)`. The request object
 * aws-sdk-mock returns answers `send` synchronously from a result that FakeAws (which answers
 * asynchronously) has not produced yet, so `send` fails with "Cannot read properties of
 * undefined (reading 'reject')". The real SDK's `send` waits for the answer; this shim makes
 * the mocked requests' `send` do the same, through their `promise()`.
 *
 * Install after FakeAws (it wraps the constructors FakeAws installed); restore before it.
 */
export class RequestSendShim {
  private readonly replaced = new Map<string, ServiceConstructor>();

  install(services: string[]): void {
    const sdk = AWS as unknown as Record<string, ServiceConstructor>;
    for (const service of services) {
      if (this.replaced.has(service)) continue;
      const Inner = sdk[service];
      const patched = new WeakSet<object>();
      // A plain constructor function: the SDK calls its constructors ES5-style.
      const Shimmed = function ShimmedClient(options?: unknown) {
        const client = new Inner(options);
        if (!patched.has(client)) {
          patched.add(client);
          patchStubbedMethods(client);
        }
        return client;
      } as unknown as ServiceConstructor;
      Shimmed.prototype = Inner.prototype;
      Object.setPrototypeOf(Shimmed, Inner);
      this.replaced.set(service, Inner);
      sdk[service] = Shimmed;
    }
  }

  restore(): void {
    const sdk = AWS as unknown as Record<string, ServiceConstructor>;
    for (const [service, Inner] of this.replaced) sdk[service] = Inner;
    this.replaced.clear();
  }
}

/** aws-sdk-mock stubs operations as own properties of each client. */
function patchStubbedMethods(client: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(client)) {
    if (typeof value !== 'function') continue;
    const stub = value as Method;
    client[name] = function withWaitingSend(this: unknown, ...args: unknown[]) {
      const request = stub.apply(this, args) as MockedRequest | undefined;
      const { promise } = request ?? {};
      if (request && promise) {
        request.send = (callback) =>
          void promise.call(request).then(
            (data) => callback(null, data),
            (error: unknown) => callback(error, null),
          );
      }
      return request;
    };
  }
}
