import { ServiceException } from '@smithy/core/client';
import { isThrottlingError } from '@smithy/core/retry';
import { sdkStreamMixin } from '@smithy/core/serde';
import type { MetadataBearer, ResponseMetadata } from '@smithy/types';
import { Readable } from 'stream';
import type { AwsError } from './errors';

/**
 * What SDK v3 callers get, made from the handlers' v2-shaped answers: outputs carry
 * `$metadata`, streamed payloads are SDK streams, service errors are ServiceExceptions with
 * no `code`. (The SDK's retry middleware then sets `attempts` and `totalRetryDelay`.)
 */
export function responseMetadata(httpStatusCode: number, requestId: string): ResponseMetadata {
  return { httpStatusCode, requestId, attempts: 1, totalRetryDelay: 0 };
}

/** Adds `$metadata`; the streamed member (S3 GetObject's Body) becomes what the SDK streams. */
export function v3Output(
  result: unknown,
  $metadata: ResponseMetadata,
  streamingMember: string | undefined,
): MetadataBearer {
  const output: Record<string, unknown> & MetadataBearer = {
    ...(result as Record<string, unknown>),
    $metadata,
  };
  const payload = streamingMember === undefined ? undefined : output[streamingMember];
  if (streamingMember && Buffer.isBuffer(payload)) {
    // Readable.from emits a Buffer whole; the mixin adds transformToString/-ByteArray/-WebStream.
    output[streamingMember] = sdkStreamMixin(Readable.from(payload));
  }
  return output;
}

/**
 * A service error as the v3 SDK deserializes it: `name` is the AWS code, `$fault` says
 * whose fault, `$retryable` marks throttling (and other errors the service calls retryable).
 */
export function v3Error(
  code: string,
  message: string,
  httpStatusCode: number,
  requestId: string,
  retryable = false,
): ServiceException {
  const error = new ServiceException({
    name: code,
    message,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: responseMetadata(httpStatusCode, requestId),
  });
  if (isThrottlingError(error)) error.$retryable = { throttling: true };
  // 5xx are retried by the SDK as server errors whatever their traits.
  else if (retryable && httpStatusCode < 500) error.$retryable = {};
  return error;
}

/** A handler's or fault's AwsError as v3 callers see it (statusCode 0: no HTTP answer). */
export function v3ErrorFrom(error: AwsError, requestId: string): Error {
  if (error.statusCode === 0) return transportError(error.code, error.message);
  return v3Error(error.code, error.message, error.statusCode, requestId, error.retryable);
}

/**
 * A failure with no HTTP answer (a reset socket, a timeout) as the SDK's HTTP handler passes
 * it on: Node's socket errors keep their errno `code` (ECONNRESET), the handler's timeouts are
 * named (TimeoutError). The SDK's retry middleware tells transient ones by exactly that.
 */
function transportError(code: string, message: string): Error {
  const error = new Error(message);
  if (/^E[A-Z]+$/.test(code)) return Object.assign(error, { code });
  error.name = code;
  return error;
}

/** The v3 counterpart of the v2 network block: an operation with no fake fails at once. */
export function blockedV3Error(label: string): Error {
  const error = new Error(`network access blocked by FakeAws: ${label} has no fake`);
  error.name = 'NetworkAccessBlocked';
  return Object.assign(error, { $metadata: { attempts: 1, totalRetryDelay: 0 } });
}
