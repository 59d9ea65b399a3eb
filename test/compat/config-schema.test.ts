import Ajv from 'ajv';
import type Serverless from 'serverless';
import {
  frameworkValidation,
  registerConfigSchema,
  type JsonSchema,
} from '../../src/framework/config-schema';

/** The parts of the service schema 2.x/3.x hold, with their `websocket` event as they define it. */
function frameworkSchema(): JsonSchema {
  return {
    type: 'object',
    properties: {
      provider: {
        type: 'object',
        properties: { name: { const: 'aws' } },
        additionalProperties: false,
      },
      functions: {
        type: 'object',
        patternProperties: {
          '^[a-zA-Z0-9-_]+$': {
            type: 'object',
            properties: {
              events: {
                type: 'array',
                items: {
                  anyOf: [
                    {
                      type: 'object',
                      properties: {
                        websocket: {
                          anyOf: [
                            { type: 'string' },
                            {
                              type: 'object',
                              properties: {
                                route: { type: 'string' },
                                routeResponseSelectionExpression: { const: '$default' },
                              },
                              required: ['route'],
                              additionalProperties: false,
                            },
                          ],
                        },
                      },
                      required: ['websocket'],
                      additionalProperties: false,
                    },
                  ],
                },
              },
            },
          },
        },
      },
    },
  };
}

const frameworkWith = (schema?: JsonSchema) =>
  ({ configSchemaHandler: schema && { schema } }) as unknown as Serverless;

function validator() {
  const schema = frameworkSchema();
  registerConfigSchema(frameworkWith(schema));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  return (provider: Record<string, unknown>, websocket: unknown) =>
    validate({
      provider: { name: 'aws', ...provider },
      functions: { fn: { events: [{ websocket }] } },
    });
}

describe('registerConfigSchema', () => {
  const valid = validator();

  it("accepts the plugin's events and the framework's own", () => {
    expect(valid({}, { routeKey: '$connect' })).toBe(true);
    expect(
      valid(
        {},
        {
          routeKey: '$connect',
          authorizer: { name: 'auth', identitySources: ['route.request.header.Auth'] },
        },
      ),
    ).toBe(true);
    expect(valid({}, { routeKey: 'ping', routeResponseSelectionExpression: '$default' })).toBe(
      true,
    );
    expect(
      valid({}, { routeKey: '$connect', authorizer: { arn: 'arn', identitySource: 'a, b' } }),
    ).toBe(true);
    expect(valid({}, { route: '$connect' })).toBe(true);
    expect(valid({}, '$connect')).toBe(true);
    expect(valid({}, { routeKey: '$connect', authorizer: 'aws_iam' })).toBe(true);
    expect(
      valid({}, { routeKey: '$connect', authorizer: { arn: 'arn', managedExternally: true } }),
    ).toBe(true);
  });

  it('rejects wrong types and mixed events', () => {
    expect(valid({}, { routeKey: { name: 'ping' } })).toBe(false);
    expect(valid({}, { routeKey: ' ' })).toBe(false);
    expect(valid({}, { routeKey: 'ping', routeResponseSelectionExpression: 'x' })).toBe(false);
    expect(valid({}, { routeKey: '$connect', authorizer: 'auth' })).toBe(false);
    expect(
      valid({}, { routeKey: '$connect', authorizer: { arn: 'arn', managedExternally: 'yes' } }),
    ).toBe(false);
    expect(valid({}, { routeKey: '$connect', authorizer: { identitySources: [] } })).toBe(false);
    expect(valid({}, { routekey: 'typo' })).toBe(false);
  });

  it("leaves unknown keys in the plugin's events to the plugin, which names them", () => {
    expect(valid({}, { routeKey: 'a', routeResponseSelectionExpresion: '$default' })).toBe(true);
    expect(valid({}, { routeKey: '$connect', authorizer: { name: 'a', arm: 'x' } })).toBe(true);
    // Both keys: the plugin stops the command with what to do (src/config/read-config.ts).
    expect(valid({}, { routeKey: 'a', route: 'a' })).toBe(true);
    // The framework's own events stay as strict as the framework makes them.
    expect(valid({}, { route: 'a', routeResponseSelectionExpresion: '$default' })).toBe(false);
  });

  it('knows the provider keys', () => {
    const event = { routeKey: '$default' };
    expect(
      valid({ websocketApiName: 'api', websocketApiRouteSelectionExpression: '$x' }, event),
    ).toBe(true);
    expect(valid({ websocketApiName: { name: 'api' } }, event)).toBe(false);
    expect(valid({ websocketApiRouteSelectionExpression: '' }, event)).toBe(false);
    const talkBack = { websocketApiManageConnections: false, websocketApiEndpointVariable: 'URL' };
    expect(valid(talkBack, event)).toBe(true);
    expect(valid({ websocketApiEndpointVariable: false }, event)).toBe(true);
    expect(valid({ websocketApiManageConnections: 'no' }, event)).toBe(false);
    expect(valid({ websocketApiEndpointVariable: true }, event)).toBe(false);
    expect(valid({ websocketApiEndpointVariable: '1X' }, event)).toBe(false);
  });

  it('adds its event alternative once, however often it runs', () => {
    const schema = frameworkSchema();
    registerConfigSchema(frameworkWith(schema));
    registerConfigSchema(frameworkWith(schema));
    const websocket =
      schema.properties?.functions?.patternProperties?.['^[a-zA-Z0-9-_]+$'].properties?.events.items
        ?.anyOf?.[0].properties?.websocket;
    expect(websocket?.anyOf).toHaveLength(3);
  });

  it('leaves frameworks without validation (before 1.83) alone', () => {
    expect(() => registerConfigSchema(frameworkWith(undefined))).not.toThrow();
    expect(() => registerConfigSchema(frameworkWith({}))).not.toThrow();
  });
});

describe('frameworkValidation', () => {
  const framework = (configValidationMode: unknown, provider?: JsonSchema) =>
    ({
      service: { configValidationMode },
      configSchemaHandler: provider && { schema: { properties: { provider } } },
    }) as unknown as Serverless;
  const closed: JsonSchema = { type: 'object', additionalProperties: false };

  it('says the framework reports unknown provider keys when its provider schema is closed', () => {
    expect(frameworkValidation(framework('warn', closed))).toEqual({
      mode: 'warn',
      reportsUnknownProviderKeys: true,
    });
    expect(frameworkValidation(framework('error', closed)).reportsUnknownProviderKeys).toBe(true);
  });

  it('says it does not when validation is off, relaxed (1.83) or missing (before 1.83)', () => {
    expect(frameworkValidation(framework('off', closed))).toEqual({
      mode: 'off',
      reportsUnknownProviderKeys: false,
    });
    const relaxed: JsonSchema = { type: 'object', additionalProperties: true };
    expect(frameworkValidation(framework('warn', relaxed)).reportsUnknownProviderKeys).toBe(false);
    expect(frameworkValidation(framework(undefined))).toEqual({
      mode: 'warn',
      reportsUnknownProviderKeys: false,
    });
  });
});
