// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { FakeAws } from './fake-aws';

/**
 * The stand-in's stage names: one stage per name and API, also for concurrent creates (what the
 * plugin's deploy lock relies on), a stage needs no deployment, and names are checked as AWS's.
 */

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
let fake: FakeAws;
beforeEach(() => {
  // Latency, so that the calls of one test are in flight together.
  fake = new FakeAws({ latencyMs: 5, latencyJitterMs: 20 });
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
