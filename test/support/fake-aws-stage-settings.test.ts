// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { FakeAws } from './fake-aws';

/** The stand-in's stage settings calls: route settings, access log settings, stage tags. */

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws();
  fake.install();
});
afterEach(() => fake.restore());

async function websocketApi() {
  const client = new AWS.ApiGatewayV2({ region: 'us-east-1', credentials });
  const { ApiId } = await client
    .createApi({
      Name: 'ws',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.a',
    })
    .promise();
  return { client, apiId: ApiId as string };
}

/** A WebSocket API with a `message` route and a `dev` stage serving it. */
async function stagedApi() {
  const { client, apiId } = await websocketApi();
  await client.createRoute({ ApiId: apiId, RouteKey: 'message' }).promise();
  const { DeploymentId } = await client.createDeployment({ ApiId: apiId }).promise();
  await client.createStage({ ApiId: apiId, StageName: 'dev', DeploymentId }).promise();
  const stage = () => client.getStage({ ApiId: apiId, StageName: 'dev' }).promise();
  return { client, apiId, stage };
}

describe('FakeAws stage settings', () => {
  it('reports unset default route settings as AWS does and replaces them as a whole', async () => {
    const { client, apiId, stage } = await stagedApi();
    const unset = { DataTraceEnabled: false, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' };
    expect((await stage()).DefaultRouteSettings).toEqual(unset);

    await client
      .updateStage({
        ApiId: apiId,
        StageName: 'dev',
        DefaultRouteSettings: { ThrottlingBurstLimit: 5, ThrottlingRateLimit: 1 },
      })
      .promise();
    await client
      .updateStage({
        ApiId: apiId,
        StageName: 'dev',
        DefaultRouteSettings: { ThrottlingRateLimit: 2 },
      })
      .promise();
    expect((await stage()).DefaultRouteSettings).toEqual({ ThrottlingRateLimit: 2 });
  });

  it('keeps route settings per route, only for routes of the API, until deleted', async () => {
    const { client, apiId, stage } = await stagedApi();
    const update = (RouteSettings: AWS.ApiGatewayV2.RouteSettingsMap) =>
      client.updateStage({ ApiId: apiId, StageName: 'dev', RouteSettings }).promise();
    await update({ message: { ThrottlingBurstLimit: 1 } });
    expect((await stage()).RouteSettings).toEqual({ message: { ThrottlingBurstLimit: 1 } });

    await expect(update({ nope: { ThrottlingBurstLimit: 1 } })).rejects.toMatchObject({
      code: 'BadRequestException',
      message: 'Unable to find Route by key nope within the provided RouteSettings',
    });
    await expect(update({ message: { ThrottlingRateLimit: -1 } })).rejects.toMatchObject({
      code: 'BadRequestException',
    });

    const remove = () =>
      client.deleteRouteSettings({ ApiId: apiId, StageName: 'dev', RouteKey: 'message' }).promise();
    await remove();
    expect((await stage()).RouteSettings).toEqual({});
    await expect(remove()).rejects.toMatchObject({ code: 'NotFoundException' });
  });

  it('deletes access log settings, and tags stages by ARN', async () => {
    const { client, apiId, stage } = await stagedApi();
    const DestinationArn = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/websocket/ws';
    await client
      .updateStage({
        ApiId: apiId,
        StageName: 'dev',
        AccessLogSettings: { DestinationArn, Format: '$context.requestId' },
      })
      .promise();
    expect((await stage()).AccessLogSettings).toEqual({
      DestinationArn,
      Format: '$context.requestId',
    });
    await client.deleteAccessLogSettings({ ApiId: apiId, StageName: 'dev' }).promise();
    expect((await stage()).AccessLogSettings).toBeUndefined();

    const ResourceArn = `arn:aws:apigateway:us-east-1::/apis/${apiId}/stages/dev`;
    await client.tagResource({ ResourceArn, Tags: { team: 'chat' } }).promise();
    expect((await stage()).Tags).toEqual({ team: 'chat' });
  });
  it('refuses logging on a stage while the account has no CloudWatch role', async () => {
    const { client, apiId } = await stagedApi();
    const update = () =>
      client
        .updateStage({
          ApiId: apiId,
          StageName: 'dev',
          DefaultRouteSettings: { LoggingLevel: 'INFO' },
        })
        .promise();
    await expect(update()).rejects.toMatchObject({
      code: 'BadRequestException',
      message: 'CloudWatch Logs role ARN must be set in account settings to enable logging',
    });
    fake.apigwAccount.setCloudwatchRoleArnDirectly(
      'us-east-1',
      'arn:aws:iam::123456789012:role/apigateway-cloudwatch',
    );
    await expect(update()).resolves.toBeDefined();
  });
});

/**
 * Stage names: one stage per name and API, also for concurrent creates (what the plugin's deploy
 * lock relies on); a stage needs no deployment; names are checked as AWS's.
 */
describe('FakeAws stage names', () => {
  it('creates a stage without a deployment, which serves nothing', async () => {
    const { client, apiId } = await websocketApi();
    await client.createStage({ ApiId: apiId, StageName: 'lock', Description: 'held' }).promise();

    const stage = await client.getStage({ ApiId: apiId, StageName: 'lock' }).promise();
    expect(stage).toMatchObject({ StageName: 'lock', Description: 'held' });
    expect(stage.DeploymentId).toBeUndefined();
    expect(fake.apigw.live(apiId, 'lock')).toBeUndefined();
  });

  it('refuses a second stage of the same name with ConflictException (409)', async () => {
    const { client, apiId } = await websocketApi();
    await client.createStage({ ApiId: apiId, StageName: 'lock' }).promise();

    await expect(
      client.createStage({ ApiId: apiId, StageName: 'lock' }).promise(),
    ).rejects.toMatchObject({ code: 'ConflictException', statusCode: 409 });
    await client.deleteStage({ ApiId: apiId, StageName: 'lock' }).promise();
    await client.createStage({ ApiId: apiId, StageName: 'lock' }).promise();
  });

  it('gives exactly one of several concurrent creates of one name the stage', async () => {
    // Latency, so that the creates are all in flight together.
    fake.restore();
    fake = new FakeAws({ latencyMs: 5, latencyJitterMs: 20 });
    fake.install();
    const { client, apiId } = await websocketApi();
    const outcomes = await Promise.allSettled(
      ['a', 'b', 'c', 'd'].map((who) =>
        client.createStage({ ApiId: apiId, StageName: 'lock', Description: who }).promise(),
      ),
    );

    const won = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value.Description] : []));
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason.code] : []));
    expect(won).toHaveLength(1);
    expect(lost).toEqual(['ConflictException', 'ConflictException', 'ConflictException']);
    const stage = await client.getStage({ ApiId: apiId, StageName: 'lock' }).promise();
    expect(stage.Description).toBe(won[0]);
  });

  it.each(['', 'with space', 'dot.ted', 'x'.repeat(129)])(
    'refuses the stage name "%s" with BadRequestException',
    async (name) => {
      const { client, apiId } = await websocketApi();
      await expect(
        client.createStage({ ApiId: apiId, StageName: name }).promise(),
      ).rejects.toMatchObject({ code: 'BadRequestException' });
    },
  );
});
