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
  config: { serviceId?: string; region?: string | (() => Promise<string>) };
}

/** What the front reads of an SDK v3 command: its class (CreateApiCommand) and input. */
export interface SdkV3Command {
  input?: unknown;
}

/**
 * The SDK v3 front: turns a client and a command into the v2-named call the dispatcher
 * runs, held to the same v2 model (params validated by aws-sdk's ParamValidator, blobs made
 * Buffers first), and shapes the answer as v3 does (see v3-shapes.ts).
 *
 * It answers in place of `Client.prototype.send`, so the client's middleware stack (retries,
 * credentials, signing, endpoints) never runs: a throttled or failed call fails once, and
 * retrying is the caller's business (the plugin's SDK retry strategy does not get to run).
 */
export class SdkV3Front {
  private readonly requestIds = new IdGenerator();

  constructor(private readonly dispatcher: Dispatcher) {}

  readonly answer = async (client: SdkV3Client, command: SdkV3Command): Promise<MetadataBearer> => {
    const serviceId = client.config.serviceId ?? client.constructor.name;
    const operation = lowerFirst(command.constructor.name.replace(/Command$/, ''));
    const bound = this.boundService(serviceId);
    if (!bound || !this.dispatcher.handles(bound.service, operation)) {
      throw blockedV3Error(`${bound?.service ?? serviceId}.${operation}`);
    }
    const { service, model } = bound;
    const requestId = this.requestIds.uuid();
    const region = await regionOf(client);
    const params = await withBuffers(command.input ?? {});
    try {
      model.validate(operation, params);
    } catch (error) {
      const { code, message } = error as { code: string; message: string };
      throw v3Error(code, message, 400, requestId);
    }
    try {
      const result = await this.dispatcher.dispatch({ service, operation, params, region });
      const $metadata = responseMetadata(model.successStatus(operation), requestId);
      return v3Output(result, $metadata, model.streamingOutput(operation));
    } catch (error) {
      throw isAwsError(error) ? v3ErrorFrom(error, requestId) : error;
    }
  };

  /** The bound service (v2 class name) whose model has this v3 service id. */
  private boundService(serviceId: string): { service: string; model: ServiceModel } | undefined {
    for (const service of this.dispatcher.services()) {
      const model = serviceModel(service);
      if (model?.serviceId === serviceId) return { service, model };
    }
    return undefined;
  }
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
