import type Serverless from 'serverless';
import type { FrameworkValidation } from '../config/types';

/** The JSON Schema keywords this module reads or writes. */
export interface JsonSchema {
  type?: string;
  const?: unknown;
  pattern?: string;
  minItems?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  required?: string[];
  additionalProperties?: boolean;
}

/** A string with at least one non-blank character (what the plugin accepts, see read-config). */
const NON_EMPTY_STRING: JsonSchema = { type: 'string', pattern: '\\S' };

const IDENTITY_SOURCES: JsonSchema = {
  anyOf: [NON_EMPTY_STRING, { type: 'array', items: NON_EMPTY_STRING, minItems: 1 }],
};

const THROTTLING: JsonSchema = {
  type: 'object',
  properties: {
    burstLimit: { type: 'integer', minimum: 0 },
    rateLimit: { type: 'number', minimum: 0 },
  },
  additionalProperties: false,
};

/** Marks the alternative this plugin adds, so that adding it twice is recognized. */
const PLUGIN_EVENT_DESCRIPTION = 'serverless-websockets-plugin route (routeKey)';

/**
 * A Lambda authorizer of the plugin's `$connect` event. Its properties are also the keys the
 * plugin knows there (src/config/unknown-keys.ts): a new authorizer key goes here, or the plugin
 * warns that it is unknown.
 */
export const PLUGIN_AUTHORIZER_SCHEMA: JsonSchema = {
  type: 'object',
  properties: {
    name: NON_EMPTY_STRING,
    arn: NON_EMPTY_STRING,
    identitySources: IDENTITY_SOURCES,
    identitySource: IDENTITY_SOURCES,
    // The framework's key (http authorizers; websocket ones since serverless PR #12344).
    managedExternally: { type: 'boolean' },
  },
};

/**
 * A `websocket` event of this plugin, with the types src/config/read-config.ts accepts. Its
 * properties are the keys the plugin knows in an event. Unknown keys are left open here (no
 * `additionalProperties: false`, here or in the authorizer): the framework would report one
 * only as "unsupported object format" at the event (its errors for an `anyOf` whose object
 * alternatives all fail do not name the key), so the plugin reports them itself, naming the
 * key and the closest known one, on every framework version.
 */
export const PLUGIN_EVENT_SCHEMA: JsonSchema = {
  type: 'object',
  description: PLUGIN_EVENT_DESCRIPTION,
  properties: {
    routeKey: NON_EMPTY_STRING,
    routeResponseSelectionExpression: { const: '$default' },
    authorizer: {
      anyOf: [
        // SigV4-signed connections (AuthorizationType AWS_IAM on $connect).
        { const: 'aws_iam' },
        PLUGIN_AUTHORIZER_SCHEMA,
      ],
    },
    throttling: THROTTLING,
  },
  required: ['routeKey'],
};

const POSITIVE_NUMBER: JsonSchema = { type: 'number', exclusiveMinimum: 0 };
const POSITIVE_INTEGER: JsonSchema = { type: 'integer', minimum: 1 };

export const PROVIDER_PROPERTIES: Record<string, JsonSchema> = {
  websocketApiName: NON_EMPTY_STRING,
  websocketApiRouteSelectionExpression: NON_EMPTY_STRING,
  websocketApiDescription: { type: 'string' },
  websocketApiTags: { type: 'object' },
  websocketApiThrottling: THROTTLING,
  websocketApiDomain: {
    type: 'object',
    properties: {
      name: NON_EMPTY_STRING,
      certificateArn: NON_EMPTY_STRING,
      basePath: NON_EMPTY_STRING,
      hostedZoneId: NON_EMPTY_STRING,
    },
    required: ['name', 'certificateArn'],
    additionalProperties: false,
  },
  websocketApiRequestRate: POSITIVE_NUMBER,
  websocketApiRequestBurst: POSITIVE_INTEGER,
  websocketApiMaxRoutes: POSITIVE_INTEGER,
  websocketApiMaxIntegrations: POSITIVE_INTEGER,
  websocketApiManageConnections: { type: 'boolean' },
  // The names Lambda accepts for environment variables (see config/talk-back-settings.ts).
  websocketApiEndpointVariable: {
    anyOf: [{ type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]+$' }, { const: false }],
  },
};

interface ServiceSchema {
  properties?: { provider?: JsonSchema; functions?: JsonSchema };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** Each framework instance gets its own copy: the framework may rewrite schemas in place. */
const copy = (schema: JsonSchema): JsonSchema => JSON.parse(JSON.stringify(schema)) as JsonSchema;

/** The `websocket` event definitions (one per functions pattern) in the service schema. */
function websocketEventSchemas(schema: ServiceSchema): JsonSchema[] {
  const functionSchemas = Object.values(schema.properties?.functions?.patternProperties ?? {});
  return functionSchemas.flatMap((functionSchema) =>
    (functionSchema.properties?.events?.items?.anyOf ?? [])
      .map((eventSchema) => eventSchema.properties?.websocket)
      .filter((websocket): websocket is JsonSchema => websocket !== undefined),
  );
}

/**
 * Teaches the framework's serverless.yml validation (1.83+) this plugin's keys, so that they
 * are neither "unrecognized" nor rejected under `configValidationMode: error`, and wrong types
 * are reported by the framework. No-op on versions without validation (before 1.83).
 *
 * The framework's own `websocket` event schema requires `route` (2.x/3.x) and no public API
 * removes a required key, so the plugin's event shape is added as one more alternative of that
 * event's `anyOf`: events with `route` still validate against the framework's alternative,
 * events with `routeKey` against this one. Provider keys are added as provider properties
 * (`defineProvider` only applies to a provider the plugin defines itself). Must run in the
 * plugin's constructor: the framework validates after plugins are loaded.
 */
export function registerConfigSchema(serverless: Serverless): void {
  const handler: unknown = (serverless as { configSchemaHandler?: unknown }).configSchemaHandler;
  if (!isObject(handler) || !isObject(handler.schema)) return;
  const schema = handler.schema as ServiceSchema;

  for (const websocket of websocketEventSchemas(schema)) {
    // 1.83 declares the event as `anyOf: [string, object]`; 2.x/3.x narrow the object.
    const alternatives = websocket.anyOf;
    if (!alternatives) continue;
    if (alternatives.some((s) => s.description === PLUGIN_EVENT_DESCRIPTION)) continue;
    alternatives.push(copy(PLUGIN_EVENT_SCHEMA));
  }

  const provider = schema.properties?.provider;
  if (provider) {
    provider.properties ??= {};
    for (const [key, propertySchema] of Object.entries(PROVIDER_PROPERTIES)) {
      provider.properties[key] ??= copy(propertySchema);
    }
  }
}

/**
 * How the framework validated serverless.yml; read in a hook, after the validation (which may
 * relax the provider schema first, as 1.83 does for AWS). 2.x/3.x/osls close the provider
 * schema, so they report an unknown provider key themselves ("unrecognized property"), unless
 * `configValidationMode` is `off`.
 */
export function frameworkValidation(serverless: Serverless): FrameworkValidation {
  const handler: unknown = (serverless as { configSchemaHandler?: unknown }).configSchemaHandler;
  const given = (serverless.service as { configValidationMode?: unknown }).configValidationMode;
  const mode = given === 'error' || given === 'off' ? given : 'warn';
  const schema = isObject(handler) && isObject(handler.schema) ? handler.schema : undefined;
  const provider = (schema as ServiceSchema | undefined)?.properties?.provider;
  return {
    mode,
    reportsUnknownProviderKeys: mode !== 'off' && provider?.additionalProperties === false,
  };
}
