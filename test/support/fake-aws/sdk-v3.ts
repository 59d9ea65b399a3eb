import { retryMiddleware, type RetryResolvedConfig } from '@smithy/core/retry';
import type { MetadataBearer } from '@smithy/types';
import { lowerFirst } from 'lodash';
import { Readable } from 'stream';
import { buffer } from 'stream/consumers';
import { Dispatcher } from './dispatcher';
import { isAwsError } from './errors';
import { IdGenerator } from './ids';
import { isPlainObject } from './objects';
import { ServiceModel, serviceModel } from './v2-models';
import { blockedV3Error, responseMetadata, v3Error, v3ErrorFrom, v3Output } from './v3-shapes';

/** What the front reads of an SDK v3 client: its resolved config. */
export interface SdkV3Client {
  config: {
    serviceId?: string;
    region?: string | (() => Promise<string>);
    /** Providers, in a resolved config (retry plugin). */
    retryStrategy?: unknown;
    maxAttempts?: unknown;
  };
}

/** What the front reads of an SDK v3 command: its class (CreateApiCommand) and input. */
export interface SdkV3Command {
  input?: unknown;
}

interface BoundCall {
  service: string;
  operation: string;
  model: ServiceModel;
}

/**
 * The SDK v3 front: turns a client and a command into the v2-named call the dispatcher
 * runs, held to the same v2 model (params validated by aws-sdk's ParamValidator, blobs made
 * Buffers first), and shapes the answer as v3 does (see v3-shapes.ts).
 *
 * It answers in place of `Client.prototype.send`, so the client's middleware stack
 * (serialization, credentials, signing, endpoints) does not run, except for retries: each
 * call runs under the SDK's own retry middleware with the client's retry strategy and
 * maxAttempts, as a real call would, and every attempt is a call of its own to the fake
 * (recorded, faults and throttling applied). A client with `maxAttempts: 1` fails at once.
 */
export class SdkV3Front {
  private readonly requestIds = new IdGenerator();

  constructor(private readonly dispatcher: Dispatcher) {}

  readonly answer = async (client: SdkV3Client, command: SdkV3Command): Promise<MetadataBearer> => {
    const call = this.bind(client, command);
    const region = await regionOf(client);
    const params = await withBuffers(command.input ?? {});
    try {
      call.model.validate(call.operation, params);
    } catch (error) {
      const { code, message } = error as { code: string; message: string };
      throw v3Error(code, message, 400, this.requestIds.uuid());
    }
    return withSdkRetries(client.config, () => this.attempt(call, params, region));
  };

  /** The faked operation this command is, or (at once) the error naming what has no fake. */
  private bind(client: SdkV3Client, command: SdkV3Command): BoundCall {
    const serviceId = client.config.serviceId ?? client.constructor.name;
    const operation = lowerFirst(command.constructor.name.replace(/Command$/, ''));
    // The bound service (v2 class name) whose model has this v3 service id.
    const service = this.dispatcher
      .services()
      .find((name) => serviceModel(name)?.serviceId === serviceId);
    const model = service === undefined ? undefined : serviceModel(service);
    if (!service || !model || !this.dispatcher.handles(service, operation)) {
      throw blockedV3Error(`${service ?? serviceId}.${operation}`);
    }
    return { service, operation, model };
  }

  private async attempt(
    { service, operation, model }: BoundCall,
    params: unknown,
    region: string | undefined,
  ): Promise<MetadataBearer> {
    const requestId = this.requestIds.uuid();
    try {
      const result = await this.dispatcher.dispatch({
        service,
        operation,
        params,
        region,
        sdk: 'v3',
      });
      const $metadata = responseMetadata(model.successStatus(operation), requestId);
      return v3Output(result, $metadata, model.streamingOutput(operation));
    } catch (error) {
      throw isAwsError(error) ? v3ErrorFrom(error, requestId) : error;
    }
  }
}

/**
 * Runs the attempts under the SDK's retry middleware (it also counts `$metadata.attempts` and
 * `totalRetryDelay`), with the providers of the client's resolved retry config.
 */
function withSdkRetries(
  config: SdkV3Client['config'],
  attempt: () => Promise<MetadataBearer>,
): Promise<MetadataBearer> {
  const { retryStrategy, maxAttempts } = config;
  if (typeof retryStrategy !== 'function' || typeof maxAttempts !== 'function') return attempt();
  const retrying = retryMiddleware({ retryStrategy, maxAttempts } as RetryResolvedConfig)(
    async () => ({ output: await attempt(), response: undefined }),
    {},
  );
  return retrying({ input: {}, request: undefined }).then(({ output }) => output);
}

async function regionOf(client: SdkV3Client): Promise<string | undefined> {
  const region = client.config.region;
  return typeof region === 'function' ? region() : region;
}

/** v3 blobs (Uint8Array, streams such as S3 PutObject's Body) as the Buffers handlers read. */
async function withBuffers(value: unknown): Promise<unknown> {
  if (value instanceof Readable) return buffer(value);
  if (value instanceof Uint8Array) return Buffer.isBuffer(value) ? value : Buffer.from(value);
  if (Array.isArray(value)) return Promise.all(value.map(withBuffers));
  if (!isPlainObject(value)) return value;
  const entries = await Promise.all(
    Object.entries(value).map(async ([key, item]) => [key, await withBuffers(item)] as const),
  );
  return Object.fromEntries(entries);
}
