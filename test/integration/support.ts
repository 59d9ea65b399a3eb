import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ConfigurationError } from '../../src/errors';
import { DEPLOY_LOCK_STAGE } from '../../src/reconcile/deploy-lock';
import { FakeAws, type AwsCall, type FakeAwsOptions } from '../support/fake-aws';
import { EXAMPLE_DIR } from '../support/example-service';
import { copyFixture, runServerless, type RunResult } from '../support/run-serverless';

export { summarize } from '../support/api-summary';
export { EXAMPLE_DIR };

/** Integration tests load the plugin from source, as a service would load the package. */
const PLUGIN_SOURCE = path.resolve(__dirname, '../../src/index.ts');
export const ACCOUNT = '123456789012';

const HANDLER = `'use strict';
module.exports = new Proxy({}, { get: () => async () => ({ statusCode: 200 }) });
`;

/** A serverless.yml loading the plugin, with these `provider` lines and `functions` lines. */
export const serviceYml = (name: string, provider: string, functions: string): string =>
  `service: ${name}
plugins:
  - serverless-websockets-plugin
provider:
  name: aws
  runtime: nodejs20.x
${provider}
functions:
${functions}`;

/** serverless.yml of a service `club` with the plugin, these provider lines and functions. */
export const clubService = (provider: string, functions: string): string =>
  serviceYml('club', provider, functions);

/** A throwaway service directory holding this serverless.yml and a handler. */
export function serviceWith(serverlessYml: string): string {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'sls-service-'));
  fs.writeFileSync(path.join(dir, 'serverless.yml'), serverlessYml);
  fs.writeFileSync(path.join(dir, 'handler.js'), HANDLER);
  return dir;
}

export const copyOfExample = (): string => copyFixture(EXAMPLE_DIR);

export function editServerlessYml(servicePath: string, edit: (yml: string) => string): void {
  const file = path.join(servicePath, 'serverless.yml');
  fs.writeFileSync(file, edit(fs.readFileSync(file, 'utf8')));
}

export function sls(servicePath: string, ...argv: string[]): Promise<RunResult> {
  return runServerless({ servicePath, argv, pluginModulePath: PLUGIN_SOURCE });
}

/** A FakeAws installed around each test of the calling `describe`. */
export function useFakeAws(options?: FakeAwsOptions): () => FakeAws {
  let fake: FakeAws | undefined;
  beforeEach(() => {
    fake = new FakeAws(options);
    fake.install();
  });
  afterEach(() => fake?.restore());
  return () => {
    if (!fake) throw new Error('FakeAws is only available inside a test');
    return fake;
  };
}

/** Runs a command and fails the test with the framework's output when it does not succeed. */
export async function slsOk(servicePath: string, ...argv: string[]): Promise<string> {
  const result = await sls(servicePath, ...argv);
  if (result.error) {
    throw new Error(`sls ${argv.join(' ')} failed: ${result.error.message}\n${result.output}`);
  }
  return result.output;
}

export function websocketApis(fake: FakeAws) {
  return fake.apigw.apis().filter((state) => state.api.ProtocolType === 'WEBSOCKET');
}

/** The one WebSocket API in the account; fails the test when there is not exactly one. */
export function onlyWebsocketApi(fake: FakeAws) {
  const apis = websocketApis(fake);
  if (apis.length !== 1) throw new Error(`expected one WebSocket API, found ${apis.length}`);
  return apis[0];
}

/** The SourceArns for which API Gateway may invoke a function. */
export function apiGatewayGrants(fake: FakeAws, functionName: string): string[] {
  return fake.lambda
    .statements(functionName)
    .filter(
      (s) =>
        typeof s.Principal === 'object' &&
        'Service' in s.Principal &&
        s.Principal.Service === 'apigateway.amazonaws.com',
    )
    .map((s) => s.Condition?.ArnLike?.['AWS:SourceArn'] ?? '(any)')
    .sort();
}

/** The services only the plugin calls (the framework's own calls go to others, or to Lambda). */
const PLUGIN_SERVICES = new Set([
  'ApiGatewayV2',
  'APIGateway',
  'CloudWatchLogs',
  'Lambda',
  'Route53',
]);

/** A write to the deploy lock's stage, which every deploy takes and gives back. */
const isLockWrite = (call: AwsCall) =>
  (call.params as { StageName?: string }).StageName === DEPLOY_LOCK_STAGE;

/**
 * The write calls the plugin made (those that failed too); taking and giving back the deploy
 * lock changes nothing that is deployed, so it does not count.
 */
export function pluginWriteCalls(fake: FakeAws): AwsCall[] {
  return fake.calls.filter(
    (call) => call.write && PLUGIN_SERVICES.has(call.service) && !isLockWrite(call),
  );
}

/** Writes the plugin made, e.g. to show that a redeploy wrote nothing. */
export function pluginWrites(fake: FakeAws): string[] {
  return pluginWriteCalls(fake).map((call) => `${call.service}.${call.operation}`);
}

/** The command failed with exactly these configuration problems, and wrote nothing to AWS. */
export function expectRefusedBeforeAnyWrite(
  fake: FakeAws,
  result: RunResult,
  ...problems: string[]
): void {
  expect(result.error?.message).toBe(new ConfigurationError(problems).message);
  expect(fake.calls.filter((call) => call.write)).toEqual([]);
}
