// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { ApiGatewayV2Client, CreateApiCommand } from '@aws-sdk/client-apigatewayv2';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { FakeAws } from './fake-aws';

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const region = 'us-east-1';
const client = () => new AWS.ApiGatewayV2({ region, credentials });
const websocket = {
  ProtocolType: 'WEBSOCKET',
  RouteSelectionExpression: '$request.body.action',
} as const;
const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws();
  fake.install();
});
afterEach(() => fake.restore());

describe('FakeAws lost responses', () => {
  it('the call takes effect, then its caller gets a retryable dropped connection', async () => {
    fake.loseResponseOfNext({ service: 'ApiGatewayV2', operation: 'createApi' });

    const error = await rejection(
      client()
        .createApi({ Name: 'ws', ...websocket })
        .promise(),
    );

    expect(error).toMatchObject({
      code: 'ECONNRESET',
      message: 'socket hang up',
      retryable: true,
      statusCode: 0,
    });
    expect(fake.apigw.apis().map((state) => state.api.Name)).toEqual(['ws']);
    expect(fake.calls.map(({ operation, error: code }) => `${operation}:${code ?? 'ok'}`)).toEqual([
      'createApi:ECONNRESET',
    ]);
    // One-shot: the next call is answered.
    await client()
      .createApi({ Name: 'ws', ...websocket })
      .promise();
    expect(fake.apigw.apis()).toHaveLength(2);
  });

  it('only a matching call loses its answer, with the error asked for', async () => {
    fake.loseResponseOfNext<AWS.ApiGatewayV2.CreateApiRequest>(
      { service: 'ApiGatewayV2', operation: 'createApi', params: (p) => p.Name === 'second' },
      { code: 'TimeoutError', message: 'Connection timed out', statusCode: 0, retryable: true },
    );
    await client()
      .createApi({ Name: 'first', ...websocket })
      .promise();
    const error = await rejection(
      client()
        .createApi({ Name: 'second', ...websocket })
        .promise(),
    );
    expect(error).toMatchObject({ code: 'TimeoutError' });
    expect(fake.apigw.apis().map((state) => state.api.Name)).toEqual(['first', 'second']);
  });

  it('a call that fails before taking effect keeps the lost response for the next one', async () => {
    fake.failNext({ service: 'ApiGatewayV2', operation: 'createApi' });
    fake.loseResponseOfNext({ service: 'ApiGatewayV2', operation: 'createApi' });
    await rejection(
      client()
        .createApi({ Name: 'a', ...websocket })
        .promise(),
    );
    expect(fake.apigw.apis()).toHaveLength(0);
    await rejection(
      client()
        .createApi({ Name: 'b', ...websocket })
        .promise(),
    );
    expect(fake.apigw.apis().map((state) => state.api.Name)).toEqual(['b']);
  });

  it("SDK v3's retries send the call again: it takes effect twice", async () => {
    fake.loseResponseOfNext({ service: 'ApiGatewayV2', operation: 'createApi' });
    const retrying = new ApiGatewayV2Client({
      region,
      credentials,
      retryStrategy: new ConfiguredRetryStrategy(2, () => 1),
    });

    const answered = await retrying.send(new CreateApiCommand({ Name: 'ws', ...websocket }));

    expect(answered.$metadata.attempts).toBe(2);
    expect(fake.apigw.apis().map((state) => state.apiId)).toEqual([
      expect.not.stringMatching(answered.ApiId as string),
      answered.ApiId,
    ]);
  });
});

describe('FakeAws tags AWS keeps for itself', () => {
  it.each(['aws:cloudformation:stack-name', 'AWS:Owner', 'Aws:x'])(
    'refuses the tag key %s on createApi, createStage, createDomainName, tagResource and untagResource',
    async (key) => {
      const expected = {
        code: 'BadRequestException',
        statusCode: 400,
        message: `Invalid tag key: ${key}. Tag keys starting with "aws:" are reserved for AWS use`,
      };
      expect(
        await rejection(
          client()
            .createApi({ Name: 'ws', ...websocket, Tags: { [key]: 'x' } })
            .promise(),
        ),
      ).toMatchObject(expected);
      expect(fake.apigw.apis()).toHaveLength(0);

      const { ApiId } = await client()
        .createApi({ Name: 'ws', ...websocket })
        .promise();
      const apiId = ApiId as string;
      const ResourceArn = `arn:aws:apigateway:${region}::/apis/${apiId}`;
      expect(
        await rejection(
          client()
            .createStage({ ApiId: apiId, StageName: 'dev', Tags: { [key]: 'x' } })
            .promise(),
        ),
      ).toMatchObject(expected);
      expect(
        await rejection(
          client()
            .createDomainName({
              DomainName: 'ws.example.com',
              DomainNameConfigurations: [
                { CertificateArn: `arn:aws:acm:${region}:123456789012:certificate/c` },
              ],
              Tags: { [key]: 'x' },
            })
            .promise(),
        ),
      ).toMatchObject(expected);
      expect(
        await rejection(
          client()
            .tagResource({ ResourceArn, Tags: { [key]: 'x' } })
            .promise(),
        ),
      ).toMatchObject(expected);
      expect(
        await rejection(
          client()
            .untagResource({ ResourceArn, TagKeys: [key] })
            .promise(),
        ),
      ).toMatchObject(expected);
      expect(fake.apigw.api(apiId)?.api.Tags).toEqual({});
      expect(fake.apigw.api(apiId)?.stages.size).toBe(0);
      expect(fake.apigw.domain('ws.example.com')).toBeUndefined();
    },
  );

  it('accepts keys that only contain aws: further on', async () => {
    const created = await client()
      .createApi({ Name: 'ws', ...websocket, Tags: { 'team:aws:x': 'y' } })
      .promise();
    expect(created.Tags).toEqual({ 'team:aws:x': 'y' });
  });
});

describe('FakeAws APIs that a CloudFormation stack made', () => {
  it('carry the stack tags no caller may set, and keep them', async () => {
    const api = fake.apigw.createCloudFormationApiDirectly(
      { stackName: 'chat-dev', logicalId: 'WebsocketsApi' },
      { Name: 'dev-chat-websockets', ...websocket, Tags: { team: 'chat' } },
    );
    const apiId = api.ApiId as string;

    const { Items } = await client().getApis({}).promise();
    expect(Items?.[0].Tags).toEqual({
      team: 'chat',
      'aws:cloudformation:stack-name': 'chat-dev',
      'aws:cloudformation:stack-id': expect.stringMatching(
        /^arn:aws:cloudformation:us-east-1:123456789012:stack\/chat-dev\/[a-z0-9-]+$/,
      ),
      'aws:cloudformation:logical-id': 'WebsocketsApi',
    });
    const ResourceArn = `arn:aws:apigateway:${region}::/apis/${apiId}`;
    await rejection(
      client()
        .untagResource({ ResourceArn, TagKeys: ['aws:cloudformation:stack-name'] })
        .promise(),
    );
    expect(fake.apigw.api(apiId)?.api.Tags?.['aws:cloudformation:stack-name']).toBe('chat-dev');
    expect(fake.calls).toHaveLength(2);
  });

  it('deployDirectly gives an API routes and a stage serving them, unrecorded', () => {
    const api = fake.apigw.createApiDirectly(
      { Name: 'old', ...websocket },
      { createdDate: new Date('2020-01-01T00:00:00Z') },
    );
    const apiId = api.ApiId as string;

    const deploymentId = fake.apigw.deployDirectly(apiId, 'dev', ['$connect', '$default']);

    expect(api.CreatedDate).toEqual(new Date('2020-01-01T00:00:00Z'));
    expect(fake.apigw.api(apiId)?.stages.get('dev')?.DeploymentId).toBe(deploymentId);
    expect(
      fake.apigw
        .live(apiId, 'dev')
        ?.routes.map((route) => route.RouteKey)
        .sort(),
    ).toEqual(['$connect', '$default']);
    expect(fake.calls).toEqual([]);
  });
});
