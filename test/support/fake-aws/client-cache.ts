// The SDK's real module object (its service constructors are what gets wrapped).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import type { ServiceConfigurationOptions } from 'aws-sdk/lib/service';

type ServiceConstructor = new (options?: ServiceConfigurationOptions) => AWS.Service;

/**
 * Sits on top of aws-sdk-mock's constructor stub for a service and does two jobs:
 *
 * - Reuses clients built with the same explicit options. aws-sdk-mock stubs every mocked
 *   method on every new client with sinon, which costs ~15 ms and a lot of memory per client,
 *   and `provider.request` builds a client per call. Clients are stateless, so reuse is safe.
 * - Remembers the region of the client asked for last. aws-sdk-mock calls the fake without
 *   the client, so this is how a handler learns the caller's region; it is exact for
 *   `provider.request`, which builds a client and calls it in the same tick.
 *
 * Wrap after aws-sdk-mock has stubbed the service; unwrap before it restores it.
 */
export class ClientCache {
  private readonly wrapped = new Map<string, ServiceConstructor>();
  private readonly regions = new Map<string, string>();

  regionOf(service: string): string | undefined {
    return this.regions.get(service);
  }

  wrap(service: string): void {
    if (this.wrapped.has(service)) return;
    const sdk = AWS as unknown as Record<string, ServiceConstructor>;
    const Mocked = sdk[service];
    const clients = new Map<string, AWS.Service>();
    const regions = this.regions;
    // A plain constructor function: the SDK calls its constructors ES5-style.
    const Cached = function CachedClient(options?: ServiceConfigurationOptions) {
      const key = cacheKey(options);
      let client = key === undefined ? undefined : clients.get(key);
      if (!client) {
        client = new Mocked(options);
        if (key !== undefined) clients.set(key, client);
      }
      if (client.config.region) regions.set(service, client.config.region);
      return client;
    } as unknown as ServiceConstructor;
    Cached.prototype = Mocked.prototype;
    Object.setPrototypeOf(Cached, Mocked); // static members (e.g. S3.ManagedUpload)
    this.wrapped.set(service, Mocked);
    sdk[service] = Cached;
  }

  unwrapAll(): void {
    const sdk = AWS as unknown as Record<string, ServiceConstructor>;
    for (const [service, Mocked] of this.wrapped) sdk[service] = Mocked;
    this.wrapped.clear();
    this.regions.clear();
  }
}

/**
 * Only clients with an explicit region are shared (otherwise the global config and the
 * environment decide, and they may change); options that do not serialize are not shared.
 */
function cacheKey(options: ServiceConfigurationOptions | undefined): string | undefined {
  if (!options?.region) return undefined;
  try {
    return JSON.stringify(options);
  } catch {
    return undefined;
  }
}
