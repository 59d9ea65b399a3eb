// The SDK's real module object (the copy aws-sdk-mock validates with, in the compat harness too).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import metadata from 'aws-sdk/apis/metadata.json';
import { upperFirst } from 'lodash';

/** The parts of aws-sdk's API model this module reads (not part of the SDK's typings). */
interface ShapeModel {
  type?: string;
  isStreaming?: boolean;
  payload?: string;
  members?: Record<string, ShapeModel>;
}
interface ApiModel {
  serviceId?: string;
  operations: Record<string, { input?: ShapeModel; output?: ShapeModel } | undefined>;
}
interface ApiJson {
  operations: Record<string, { http?: { responseCode?: number } } | undefined>;
}
interface SdkModelInternals {
  apiLoader: ((identifier: string, version: string) => ApiJson) & {
    services: Record<string, Record<string, unknown> | undefined>;
  };
  Model: { Api: new (api: ApiJson, options: { serviceIdentifier: string }) => ApiModel };
  ParamValidator: new (validation: unknown) => {
    validate(shape: ShapeModel, params: unknown): void;
  };
}
const sdk = AWS as unknown as SdkModelInternals;

/**
 * One service's v2 API model (the newest API version aws-sdk has), read the way the v2 SDK
 * reads it. The v3 front validates with it and shapes answers from it, so that v2 and v3
 * calls are held to the same model.
 */
export class ServiceModel {
  constructor(
    private readonly api: ApiModel,
    private readonly json: ApiJson,
  ) {}

  /** The model's service id, which is also what v3 clients carry as `config.serviceId`. */
  get serviceId(): string | undefined {
    return this.api.serviceId;
  }

  /** Throws the v2 SDK's own validation error (MissingRequiredParameter, ...), as aws-sdk-mock does. */
  validate(operation: string, params: unknown): void {
    const input = this.api.operations[operation]?.input;
    const validation = (AWS.config as { paramValidation?: unknown }).paramValidation;
    if (input && validation) new sdk.ParamValidator(validation).validate(input, params);
  }

  /** The HTTP status of a successful answer (201 for API Gateway creates, 204 for deletes). */
  successStatus(operation: string): number {
    return this.json.operations[upperFirst(operation)]?.http?.responseCode ?? 200;
  }

  /** The output member that the service streams (S3 GetObject's Body), if any. */
  streamingOutput(operation: string): string | undefined {
    const output = this.api.operations[operation]?.output;
    const payload = output?.payload;
    return payload && output.members?.[payload]?.isStreaming ? payload : undefined;
  }
}

const models = new Map<string, ServiceModel | undefined>();

/** The model of an SDK v2 service class ('ApiGatewayV2'); undefined for a name aws-sdk lacks. */
export function serviceModel(service: string): ServiceModel | undefined {
  if (!models.has(service)) models.set(service, loadModel(service));
  return models.get(service);
}

function loadModel(service: string): ServiceModel | undefined {
  const services = metadata as Record<string, { name: string }>;
  const identifier = Object.keys(services).find((id) => services[id].name === service);
  const versions = identifier && sdk.apiLoader.services[identifier];
  if (!identifier || !versions) return undefined;
  const newest = Object.keys(versions).sort().pop() as string;
  const json = sdk.apiLoader(identifier, newest);
  return new ServiceModel(new sdk.Model.Api(json, { serviceIdentifier: identifier }), json);
}
