/** Types shared by the service fakes and the dispatcher that binds them to both SDKs. */

/** What a handler knows about the call it answers. */
export interface CallContext {
  readonly service: string;
  readonly operation: string;
  /** Region of the SDK (v2 or v3) client that made the call (falls back to the FakeAws option). */
  readonly region: string;
  readonly partition: string;
  readonly accountId: string;
}

/**
 * One operation of a fake service. Handlers declare the SDK's request type for `params`;
 * `never` here lets such handlers share one table (the SDK front has already validated the
 * params against the v2 SDK model for that operation before the handler runs, and made v3
 * blobs Buffers).
 */
export type Handler = (params: never, ctx: CallContext) => unknown;

/** A service's handlers keyed by SDK method name; `satisfies OperationTable<AWS.X>` catches typos. */
export type OperationTable<Client> = { [Method in Extract<keyof Client, string>]?: Handler };

export interface ServiceBinding {
  /**
   * The v2 SDK class name, as `provider.request` and aws-sdk-mock spell it ('ApiGatewayV2');
   * v3 clients are matched to it by their `config.serviceId`, through the v2 model.
   */
  service: string;
  operations: Record<string, Handler>;
}

/** One recorded call. */
export interface AwsCall {
  service: string;
  operation: string;
  params: unknown;
  /** False for get*, list*, describe*, head*, validate* operations. */
  write: boolean;
  /** Error code when the call failed. */
  error?: string;
  /** Which AWS SDK made the call. */
  sdk: 'v2' | 'v3';
}

const READ_PREFIXES = ['get', 'list', 'describe', 'head', 'validate'];

export function isWriteOperation(operation: string): boolean {
  return !READ_PREFIXES.some((prefix) => operation.startsWith(prefix));
}
