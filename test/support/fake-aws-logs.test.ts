// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { APIGateway } from '@aws-sdk/client-api-gateway';
import { CloudWatchLogs } from '@aws-sdk/client-cloudwatch-logs';
import { FakeAws } from './fake-aws';

/** The stand-in's CloudWatch Logs and API Gateway account settings, through both SDKs. */

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const config = { region: 'us-east-1', credentials, maxAttempts: 1 };
const ROLE = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch';
let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws({ pageSize: 2 });
  fake.install();
});
afterEach(() => fake.restore());

describe('FakeAws CloudWatch Logs', () => {
  it('creates, lists by prefix in name order with paging, sets retention and deletes', async () => {
    const logs = new AWS.CloudWatchLogs(config);
    for (const name of ['/aws/websocket/b', '/aws/websocket/a', '/other']) {
      await logs.createLogGroup({ logGroupName: name }).promise();
    }
    await expect(logs.createLogGroup({ logGroupName: '/other' }).promise()).rejects.toMatchObject({
      code: 'ResourceAlreadyExistsException',
    });
    await expect(logs.createLogGroup({ logGroupName: 'bad name' }).promise()).rejects.toMatchObject(
      {
        code: 'InvalidParameterException',
      },
    );

    const first = await logs
      .describeLogGroups({ logGroupNamePrefix: '/aws/websocket/', limit: 1 })
      .promise();
    expect(first.logGroups?.map((group) => group.logGroupName)).toEqual(['/aws/websocket/a']);
    const second = await logs
      .describeLogGroups({ logGroupNamePrefix: '/aws/websocket/', nextToken: first.nextToken })
      .promise();
    expect(second.logGroups?.map((group) => group.arn)).toEqual([
      'arn:aws:logs:us-east-1:123456789012:log-group:/aws/websocket/b:*',
    ]);
    expect(second.nextToken).toBeUndefined();

    await logs.putRetentionPolicy({ logGroupName: '/other', retentionInDays: 14 }).promise();
    expect(fake.logs.logGroup('/other')?.retentionInDays).toBe(14);
    await expect(
      logs.putRetentionPolicy({ logGroupName: '/other', retentionInDays: 15 }).promise(),
    ).rejects.toMatchObject({ code: 'InvalidParameterException' });
    await logs.deleteRetentionPolicy({ logGroupName: '/other' }).promise();
    expect(fake.logs.logGroup('/other')?.retentionInDays).toBeUndefined();

    await logs.deleteLogGroup({ logGroupName: '/other' }).promise();
    await expect(logs.deleteLogGroup({ logGroupName: '/other' }).promise()).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('answers SDK v3 from the same state', async () => {
    const logs = new CloudWatchLogs(config);
    await logs.createLogGroup({ logGroupName: '/v3' });
    const listed = await logs.describeLogGroups({ logGroupNamePrefix: '/v3' });
    expect(listed.logGroups?.map((group) => group.logGroupName)).toEqual(['/v3']);
    await expect(logs.createLogGroup({ logGroupName: '/v3' })).rejects.toMatchObject({
      name: 'ResourceAlreadyExistsException',
    });
    expect(fake.callsTo('CloudWatchLogs').map((call) => call.sdk)).toEqual(['v3', 'v3', 'v3']);
  });
});

describe('FakeAws API Gateway account settings', () => {
  it('keeps the CloudWatch role per region, through both SDKs', async () => {
    const v2 = new AWS.APIGateway(config);
    expect((await v2.getAccount().promise()).cloudwatchRoleArn).toBeUndefined();
    const patch = (value: string) => [{ op: 'replace', path: '/cloudwatchRoleArn', value }];
    await v2.updateAccount({ patchOperations: patch(ROLE) }).promise();
    await expect(
      v2.updateAccount({ patchOperations: patch('not-a-role') }).promise(),
    ).rejects.toMatchObject({ code: 'BadRequestException' });

    const v3 = new APIGateway(config);
    expect((await v3.getAccount({})).cloudwatchRoleArn).toBe(ROLE);
    const elsewhere = new APIGateway({ ...config, region: 'eu-west-1' });
    expect((await elsewhere.getAccount({})).cloudwatchRoleArn).toBeUndefined();
  });
});
