// aws-sdk-mock must patch the real module object, which `import * as` would copy.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { EventEmitter } from 'events';

/** The SDK internals this module touches (not part of the SDK's typings). */
interface HttpRequestLike {
  method: string;
  path: string;
  endpoint: { hostname: string };
}
type HandleRequest = (
  httpRequest: HttpRequestLike,
  httpOptions: unknown,
  callback: unknown,
  errCallback: (error: Error) => void,
) => EventEmitter;
interface SdkRequestLike {
  httpRequest: HttpRequestLike;
  operation: string;
  service: { api: { className?: string }; serviceIdentifier?: string };
}
type RequestListener = (request: SdkRequestLike) => void;
interface SdkInternals {
  NodeHttpClient: { prototype: { handleRequest: HandleRequest } };
  events: {
    on(event: string, listener: RequestListener): void;
    removeListener(event: string, listener: RequestListener): void;
  };
}
const sdk = AWS as unknown as SdkInternals;

/**
 * Makes every real HTTP request of the SDK fail at once, naming the service and operation
 * that was not answered by a fake (an unmocked operation would otherwise reach AWS).
 */
export class NetworkBlock {
  private original?: HandleRequest;
  private readonly labels = new WeakMap<HttpRequestLike, string>();
  private readonly labelRequest: RequestListener = (request) => {
    const service = request.service.api.className ?? request.service.serviceIdentifier;
    this.labels.set(request.httpRequest, `${service}.${request.operation}`);
  };

  install(): void {
    if (this.original) return;
    const original = sdk.NodeHttpClient.prototype.handleRequest;
    this.original = original;
    const labels = this.labels;
    // Global request listeners run first for every request, so the label exists at send time.
    sdk.events.on('validate', this.labelRequest);
    sdk.NodeHttpClient.prototype.handleRequest = function blocked(
      httpRequest,
      _o,
      _c,
      errCallback,
    ) {
      const label =
        labels.get(httpRequest) ??
        `${httpRequest.method} ${httpRequest.endpoint.hostname}${httpRequest.path}`;
      // Answer asynchronously with an emitter, as the real client does.
      process.nextTick(() => errCallback(blockedError(label)));
      return new EventEmitter();
    };
  }

  restore(): void {
    if (!this.original) return;
    sdk.NodeHttpClient.prototype.handleRequest = this.original;
    sdk.events.removeListener('validate', this.labelRequest);
    this.original = undefined;
  }
}

function blockedError(label: string): Error {
  const error = new Error(`network access blocked by FakeAws: ${label} has no fake`);
  // The SDK rewrites transport errors into retryable NetworkingErrors, which the SDK and then
  // the framework would retry for many seconds. Pinning code and retryable fails the call once.
  pin(error, 'code', 'NetworkAccessBlocked');
  pin(error, 'retryable', false);
  return error;
}

function pin(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { get: () => value, set: () => undefined, enumerable: true });
}
