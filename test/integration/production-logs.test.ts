import {
  editServerlessYml,
  onlyWebsocketApi,
  pluginWrites,
  serviceWith,
  sls,
  slsOk,
  useFakeAws,
  websocketApis,
} from './support';
import { expectRedeployWritesNothing, NO_LOGGING, productionService } from './production-service';
import { FRAMEWORK_ACCESS_LOG_FORMAT } from '../../src/reconcile/stage-settings-plan';
import { useFrameworkPath, type FrameworkPath } from '../support/framework-paths';

/** provider.logs.websocket and logRetentionInDays, with the account's CloudWatch role. */

const MESSAGE_THROTTLING = `
          throttling: { burstLimit: 5 }`;
const serverlessYml = (providerSettings: string) =>
  productionService(providerSettings, MESSAGE_THROTTLING);

const ALL_ON = `
  logs:
    websocket: true
  logRetentionInDays: 14`;
const LOG_GROUP = '/aws/websocket/tide-dev-websockets-plugin';
const LOG_GROUP_ARN = `arn:aws:logs:us-east-1:123456789012:log-group:${LOG_GROUP}`;
const ROLE = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch';

describe('logs', () => {
  const aws = useFakeAws();
  beforeEach(() => aws().apigwAccount.setCloudwatchRoleArnDirectly('us-east-1', ROLE));
  const stage = () => onlyWebsocketApi(aws()).stages.get('dev')!;

  test('the first deploy makes the log group and turns on access and execution logs', async () => {
    await slsOk(serviceWith(serverlessYml(ALL_ON)), 'deploy');

    expect(aws().logs.logGroup(LOG_GROUP)).toMatchObject({ retentionInDays: 14 });
    // Distinct from the framework's own websocket log group, /aws/websocket/tide-dev.
    expect(aws().logs.logGroup('/aws/websocket/tide-dev')).toBeUndefined();
    expect(stage().AccessLogSettings).toEqual({
      DestinationArn: LOG_GROUP_ARN,
      Format: FRAMEWORK_ACCESS_LOG_FORMAT,
    });
    const logging = { DataTraceEnabled: true, DetailedMetricsEnabled: false, LoggingLevel: 'INFO' };
    expect(stage().DefaultRouteSettings).toEqual(logging);
    expect(stage().RouteSettings).toEqual({ message: { ...logging, ThrottlingBurstLimit: 5 } });
  });

  test('an unchanged redeploy writes nothing', async () => {
    const service = serviceWith(serverlessYml(ALL_ON));
    await slsOk(service, 'deploy');
    await expectRedeployWritesNothing(aws(), service);
  });

  test('the object form: level, data trace, format, access or execution logs alone', async () => {
    const service = serviceWith(
      serverlessYml(`
  logs:
    websocket: { level: ERROR, fullExecutionData: false, format: '$context.requestId $context.routeKey' }`),
    );
    await slsOk(service, 'deploy');
    expect(stage().DefaultRouteSettings).toEqual({ ...NO_LOGGING, LoggingLevel: 'ERROR' });
    expect(stage().AccessLogSettings?.Format).toBe('$context.requestId $context.routeKey');
    // No logRetentionInDays: the events are kept.
    expect(aws().logs.logGroup(LOG_GROUP)?.retentionInDays).toBeUndefined();

    editServerlessYml(service, () =>
      serverlessYml(`
  logs:
    websocket: { executionLogging: false }
  logRetentionInDays: 30`),
    );
    await slsOk(service, 'deploy');
    expect(stage().DefaultRouteSettings).toEqual(NO_LOGGING);
    expect(stage().AccessLogSettings?.Format).toBe(FRAMEWORK_ACCESS_LOG_FORMAT);
    expect(aws().logs.logGroup(LOG_GROUP)?.retentionInDays).toBe(30);

    editServerlessYml(service, () =>
      serverlessYml(`
  logs:
    websocket: { accessLogging: false }`),
    );
    await slsOk(service, 'deploy');
    expect(stage().AccessLogSettings).toBeUndefined();
    expect(stage().DefaultRouteSettings).toMatchObject({ LoggingLevel: 'INFO' });
  });

  test('turning logs off removes the settings from the stage and keeps the log group', async () => {
    const service = serviceWith(serverlessYml(ALL_ON));
    await slsOk(service, 'deploy');

    editServerlessYml(service, () => serverlessYml(''));
    await slsOk(service, 'deploy');

    expect(stage().AccessLogSettings).toBeUndefined();
    expect(stage().DefaultRouteSettings).toEqual(NO_LOGGING);
    expect(stage().RouteSettings).toEqual({ message: { ...NO_LOGGING, ThrottlingBurstLimit: 5 } });
    expect(aws().logs.logGroup(LOG_GROUP)).toBeDefined();
    await expectRedeployWritesNothing(aws(), service);
  });

  test('sls remove deletes the log group with the API', async () => {
    const service = serviceWith(serverlessYml(ALL_ON));
    await slsOk(service, 'deploy');

    await slsOk(service, 'remove');

    expect(websocketApis(aws())).toEqual([]);
    expect(aws().logs.logGroup(LOG_GROUP)).toBeUndefined();
  });

  test('without the account CloudWatch role the deploy stops before any write, saying what to set', async () => {
    aws().apigwAccount.setCloudwatchRoleArnDirectly('us-east-1', '');
    const service = serviceWith(serverlessYml(ALL_ON));

    const result = await sls(service, 'deploy');

    expect(result.error?.message).toContain(
      "provider.logs.websocket needs API Gateway's CloudWatch Logs role",
    );
    expect(result.error?.message).toContain(
      'aws apigateway update-account --region us-east-1 --patch-operations op=replace,path=/cloudwatchRoleArn,value=<role ARN>',
    );
    expect(result.error?.message).toContain('AmazonAPIGatewayPushToCloudWatchLogs');
    expect(pluginWrites(aws())).toEqual([]);
  });

  test.each([
    ['provider.logs.websocket.level', `\n  logs:\n    websocket: { level: DEBUG }`],
    ['provider.logs.websocket.format', `\n  logs:\n    websocket: { format: '$context.routeKey' }`],
    ['provider.logs.websocket.accessLogging', `\n  logs:\n    websocket: { accessLogging: 'yes' }`],
    ['provider.logRetentionInDays', `\n  logs:\n    websocket: true\n  logRetentionInDays: 15`],
  ])('bad input: %s is a configuration error before any AWS write', async (key, settings) => {
    const result = await sls(serviceWith(serverlessYml(settings)), 'deploy');

    expect(result.error?.message).toContain(key);
    expect(pluginWrites(aws())).toEqual([]);
  });
});

describe.each<[FrameworkPath, 'v2' | 'v3']>([
  ['serverless-v4', 'v2'],
  ['osls-4', 'v3'],
])('logs, tags and throttling on the %s path', (framework, pluginSdk) => {
  const aws = useFakeAws();
  useFrameworkPath(framework);
  beforeEach(() => aws().apigwAccount.setCloudwatchRoleArnDirectly('us-east-1', ROLE));

  test('deploy, unchanged redeploy without writes, remove', async () => {
    const service = serviceWith(
      serverlessYml(`${ALL_ON}
  websocketApiTags: { team: chat }
  websocketApiThrottling: { rateLimit: 10 }`),
    );
    await slsOk(service, 'deploy');
    const stage = onlyWebsocketApi(aws()).stages.get('dev')!;
    expect(stage.AccessLogSettings?.DestinationArn).toBe(LOG_GROUP_ARN);
    expect(stage.Tags).toMatchObject({ team: 'chat' });
    const sdks = aws()
      .calls.filter((call) => ['CloudWatchLogs', 'APIGateway'].includes(call.service))
      .map((call) => call.sdk);
    expect(new Set(sdks)).toEqual(new Set([pluginSdk]));

    await expectRedeployWritesNothing(aws(), service);

    await slsOk(service, 'remove');
    expect(aws().logs.logGroup(LOG_GROUP)).toBeUndefined();
  });
});
