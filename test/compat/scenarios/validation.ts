import { versionAtLeast } from '../framework-install';
import type { Scenario, ScenarioContext } from '../scenario-kit';
import { schemaComplaints } from './helpers';

/** Every key of the plugin, under `configValidationMode: error` (ignored before 1.83). */
const STRICT_YML = `service: strict
configValidationMode: error
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  stage: dev
  region: us-east-1
  websocketApiName: strict-websockets
  websocketApiRouteSelectionExpression: $request.body.type
functions:
  authorize:
    handler: handler.authorize
  connection:
    handler: handler.connection
    events:
      - websocket:
          routeKey: $connect
          authorizer:
            name: authorize
            identitySources:
              - route.request.header.Auth
      - websocket:
          routeKey: $disconnect
  ping:
    handler: handler.ping
    events:
      - websocket:
          routeKey: ping
          routeResponseSelectionExpression: $default
`;

const WRONG_EVENT = (yml: string) => yml.replace('routeKey: ping', 'routeKey: { name: ping }');
const WRONG_PROVIDER = (yml: string) =>
  yml.replace('websocketApiName: strict-websockets', 'websocketApiName: { name: strict }');
// Said explicitly: osls 4 defaults to "error".
const WARN_MODE = (yml: string) =>
  yml.replace('configValidationMode: error', 'configValidationMode: warn');

/** How the framework introduces validation warnings (2.x: legacy log, 3.x: modern log). */
const frameworkWarning = (version: string) =>
  versionAtLeast(version, '3.0.0') ? 'Invalid configuration encountered' : 'Configuration warning';

const PLUGIN_EVENT_ERROR = 'routeKey must be a non-empty string';
const PLUGIN_PROVIDER_ERROR = 'provider.websocketApiName must be a non-empty string';

/** `sls package` of a broken serverless.yml: it must fail, with these words in its output. */
async function expectRejected(
  context: ScenarioContext,
  label: string,
  yml: string,
  expected: string[],
): Promise<void> {
  const run = await context.sls(context.service('strict', yml), 'package');
  context.checks.that(`${label}: exit code`, run.exitCode !== 0, 'the command succeeded');
  for (const text of expected) context.checks.contains(label, run.output, text);
}

/**
 * The framework's serverless.yml validation (1.83+) knows the plugin's keys: a correct service
 * works under `configValidationMode: error` without warnings, and wrong types are reported by
 * the schema where the framework validates them, by the plugin elsewhere.
 */
export const validationScenario: Scenario = {
  name: 'validation',
  async run(context) {
    const { checks, version } = context;
    // 1.83 validates the provider block, but declares websocket events as "any object".
    const schemaChecksEvents = versionAtLeast(version, '2.0.0');
    const schemaChecksProvider = versionAtLeast(version, '1.83.0');
    const service = context.service('strict', STRICT_YML);

    for (const command of ['package', 'deploy', 'info', 'remove']) {
      const output = await context.slsOk(service, command);
      checks.equal(`${command}: validation messages`, schemaComplaints(output), []);
    }

    const schemaError = (key: string) => ['Configuration error', key];
    await expectRejected(
      context,
      'wrong routeKey type',
      WRONG_EVENT(STRICT_YML),
      schemaChecksEvents ? schemaError('routeKey') : [PLUGIN_EVENT_ERROR],
    );
    await expectRejected(
      context,
      'wrong websocketApiName type',
      WRONG_PROVIDER(STRICT_YML),
      schemaChecksProvider ? schemaError('websocketApiName') : [PLUGIN_PROVIDER_ERROR],
    );
    // In "warn" mode the framework only warns, and the plugin stops the command.
    await expectRejected(
      context,
      'wrong routeKey type, warning mode',
      WARN_MODE(WRONG_EVENT(STRICT_YML)),
      schemaChecksEvents ? [frameworkWarning(version), PLUGIN_EVENT_ERROR] : [PLUGIN_EVENT_ERROR],
    );
  },
};
