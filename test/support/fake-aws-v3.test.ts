// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import {
  ApiGatewayV2,
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateRouteRequest,
  DeleteApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetApisRequest,
  GetRoutesCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { Client } from '@smithy/core/client';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { Readable } from 'stream';
import { closedPort } from './closed-port';
import { FakeAws } from './fake-aws';

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const config = (region = 'us-east-1') => ({ region, credentials });
const apigw = (region?: string) => new ApiGatewayV2Client(config(region));
const lambdaUri = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;
const websocket = {
  ProtocolType: 'WEBSOCKET',
  RouteSelectionExpression: '$request.body.action',
} as const;

const pristineSend = Client.prototype.send;
let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws({ maxPageSize: 2 });
  fake.install();
});
afterEach(() => fake.restore());

/** What a v3 error must look like: the AWS code as name, whose fault, no v2 `code`. */
function v3Error(
  name: string,
  httpStatusCode: number,
  { attempts = 1, ...extra }: Record<string, unknown> = {},
) {
  return expect.objectContaining({
    name,
    message: expect.any(String),
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: expect.objectContaining({ httpStatusCode, attempts }),
    ...extra,
  });
}

/** The error a call failed with, checked to be a v3 service error: an Error with no `code`. */
async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Record<string, unknown>,
  );
  if (!error) throw new Error('expected the call to fail');
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toHaveProperty('code');
  return error;
}

describe('FakeAws through SDK v3 clients', () => {
  it('shares state with the v2 path: an API, integration and route made through v3', async () => {
    const client = apigw();
    const api = await client.send(new CreateApiCommand({ Name: 'ws', ...websocket }));
    expect(api.$metadata).toEqual({
      httpStatusCode: 201,
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      attempts: 1,
      totalRetryDelay: 0,
    });
    const ApiId = api.ApiId as string;
    const integration = await client.send(
      new CreateIntegrationCommand({
        ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationMethod: 'POST',
        IntegrationUri: lambdaUri('fn'),
      }),
    );
    const target = `integrations/${integration.IntegrationId}`;
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: '$default', Target: target }));

    const read = await client.send(new GetApiCommand({ ApiId }));
    expect(read).toMatchObject({ Name: 'ws', ApiEndpoint: api.ApiEndpoint });
    expect(read.$metadata.httpStatusCode).toBe(200);
    const v2 = new AWS.ApiGatewayV2(config());
    const routes = await v2.getRoutes({ ApiId }).promise();
    expect(routes.Items?.map((route) => [route.RouteKey, route.Target])).toEqual([
      ['$default', target],
    ]);
    expect(fake.apigw.draft(ApiId).integrations.map((i) => i.IntegrationUri)).toEqual([
      lambdaUri('fn'),
    ]);

    // The aggregated client and callback-style send go the same way.
    const byAggregate = await new ApiGatewayV2(config()).getApis({});
    expect(byAggregate.Items?.map((item) => item.ApiId)).toEqual([ApiId]);
    const byCallback = await new Promise((resolve, reject) =>
      client.send(new GetApiCommand({ ApiId }), (error, data) =>
        error ? reject(error) : resolve(data),
      ),
    );
    expect(byCallback).toMatchObject({ ApiId });

    const deleted = await client.send(new DeleteApiCommand({ ApiId }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(
      fake.callsTo('ApiGatewayV2').map(({ operation, write }) => `${operation}:${write}`),
    ).toEqual([
      'createApi:true',
      'createIntegration:true',
      'createRoute:true',
      'getApi:false',
      'getRoutes:false',
      'getApis:false',
      'getApi:false',
      'deleteApi:true',
    ]);
    expect(fake.calls[0].params).toEqual({ Name: 'ws', ...websocket });
  });

  it('answers errors the way v3 deserializes them', async () => {
    const client = apigw();
    const missing = await rejection(client.send(new GetApiCommand({ ApiId: 'missing' })));
    expect(missing).toEqual(v3Error('NotFoundException', 404));
    expect(missing.$retryable).toBeUndefined();

    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'ws', ...websocket }));
    await client.send(new CreateRouteCommand({ ApiId, RouteKey: 'a' }));
    const duplicate = await rejection(
      client.send(new CreateRouteCommand({ ApiId, RouteKey: 'a' })),
    );
    expect(duplicate).toEqual(v3Error('ConflictException', 409));
    expect(fake.callsTo('ApiGatewayV2').map((call) => call.error)).toEqual([
      'NotFoundException',
      undefined,
      undefined,
      'ConflictException',
    ]);

    fake.lambda.addFunction('fn');
    const lambda = new LambdaClient(config());
    const permission = {
      FunctionName: 'fn',
      StatementId: 'apigw',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
    };
    await lambda.send(new AddPermissionCommand(permission));
    expect(fake.lambda.statements('fn').map((statement) => statement.Sid)).toEqual(['apigw']);
    expect(await rejection(lambda.send(new AddPermissionCommand(permission)))).toEqual(
      v3Error('ResourceConflictException', 409),
    );

    const cloudformation = new CloudFormationClient(config());
    expect(
      await rejection(cloudformation.send(new DescribeStacksCommand({ StackName: 'nope' }))),
    ).toEqual(v3Error('ValidationError', 400, { message: 'Stack with id nope does not exist' }));
  });

  it('pages list calls with MaxResults and NextToken', async () => {
    const client = apigw();
    for (let i = 0; i < 5; i += 1) {
      await client.send(new CreateApiCommand({ Name: `api-${i}`, ...websocket }));
    }
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new GetApisCommand({ NextToken }));
      expect(page.Items?.length).toBeLessThanOrEqual(2);
      page.Items?.forEach((api) => names.push(api.Name as string));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names).toEqual(['api-0', 'api-1', 'api-2', 'api-3', 'api-4']);
    expect((await client.send(new GetApisCommand({ MaxResults: '1' }))).Items).toHaveLength(1);
    expect(await rejection(client.send(new GetApisCommand({ NextToken: 'garbage' })))).toEqual(
      v3Error('BadRequestException', 400),
    );
  });

  it('applies failNext, throttle and latency to v3 calls', async () => {
    const client = new ApiGatewayV2Client({ ...config(), maxAttempts: 1 });
    fake.failNext({ service: 'ApiGatewayV2', operation: 'getApis' });
    const failed = await rejection(client.send(new GetApisCommand({})));
    expect(failed).toEqual(v3Error('InternalFailure', 500));
    expect(failed.$retryable).toBeUndefined();
    await client.send(new GetApisCommand({}));

    fake.failNext(
      { service: 'ApiGatewayV2', operation: 'getApis' },
      { code: 'ECONNRESET', message: 'socket hang up', statusCode: 0 },
    );
    // No HTTP answer: Node's socket error, as the SDK's HTTP handler passes it on.
    const reset = await client.send(new GetApisCommand({})).catch((error: unknown) => error);
    expect(reset).toMatchObject({
      code: 'ECONNRESET',
      message: 'socket hang up',
      $metadata: { attempts: 1 },
    });

    fake.throttle({ rate: 1, services: ['ApiGatewayV2'] });
    expect(await rejection(client.send(new GetApisCommand({})))).toEqual(
      v3Error('TooManyRequestsException', 429, { $retryable: { throttling: true } }),
    );
    await new STSClient(config()).send(new GetCallerIdentityCommand({}));
    fake.throttle(null);

    fake.restore();
    const slow = new FakeAws({ latencyMs: 40 });
    slow.install();
    try {
      const started = Date.now();
      await apigw().send(new GetApisCommand({}));
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    } finally {
      slow.restore();
    }
  });

  it("retries as the client's own retry strategy says, each attempt a call", async () => {
    const getApis = () =>
      fake.callsTo('ApiGatewayV2').map(({ operation, error }) => `${operation}:${error ?? 'ok'}`);
    const retrying = new ApiGatewayV2Client({
      ...config(),
      retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    });
    fake.failNext({ service: 'ApiGatewayV2', operation: 'getApis' });
    fake.failNext(
      { service: 'ApiGatewayV2', operation: 'getApis' },
      { code: 'ECONNRESET', message: 'socket hang up', statusCode: 0 },
    );
    const answered = await retrying.send(new GetApisCommand({}));
    expect(answered.$metadata).toMatchObject({ attempts: 3, totalRetryDelay: 2 });
    expect(getApis()).toEqual(['getApis:InternalFailure', 'getApis:ECONNRESET', 'getApis:ok']);

    fake.resetCalls();
    fake.throttle({ rate: 1, services: ['ApiGatewayV2'] });
    expect(await rejection(retrying.send(new GetApisCommand({})))).toEqual(
      v3Error('TooManyRequestsException', 429, { attempts: 3 }),
    );
    expect(getApis()).toHaveLength(3);
    fake.throttle(null);

    // A client error is not retried.
    fake.resetCalls();
    await rejection(retrying.send(new GetApiCommand({ ApiId: 'missing' })));
    expect(fake.calls).toHaveLength(1);
  });

  it('stores S3 bodies from Buffers and streams and streams them back', async () => {
    const s3 = new S3Client(config());
    await s3.send(new CreateBucketCommand({ Bucket: 'b' }));
    await s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'buffer', Body: Buffer.from('one') }));
    await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'bytes', Body: new TextEncoder().encode('two') }),
    );
    await s3.send(
      new PutObjectCommand({ Bucket: 'b', Key: 'stream', Body: Readable.from(['thr', 'ee']) }),
    );
    expect(fake.s3.objectKeys('b')).toEqual(['buffer', 'bytes', 'stream']);
    expect(fake.s3.getObjectDirectly('b', 'stream')?.Body).toEqual(Buffer.from('three'));

    const got = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'buffer' }));
    expect(await got.Body?.transformToString()).toBe('one');
    const bytes = await s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'stream' }));
    expect(Buffer.from((await bytes.Body?.transformToByteArray()) ?? [])).toEqual(
      Buffer.from('three'),
    );
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'b', Key: 'bytes' }));
    expect(head.ContentLength).toBe(3);
    expect(await rejection(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'nope' })))).toEqual(
      v3Error('NoSuchKey', 404),
    );
  });

  it('validates params against the v2 model before the fake runs', async () => {
    const client = apigw();
    const { ApiId } = await client.send(new CreateApiCommand({ Name: 'ws', ...websocket }));
    fake.resetCalls();
    const noRouteKey = { ApiId } as CreateRouteRequest;
    expect(await rejection(client.send(new CreateRouteCommand(noRouteKey)))).toEqual(
      v3Error('MissingRequiredParameter', 400, {
        message: "Missing required key 'RouteKey' in params",
      }),
    );
    const numeric = { MaxResults: 1 } as unknown as GetApisRequest;
    expect(await rejection(client.send(new GetApisCommand(numeric)))).toEqual(
      v3Error('InvalidParameterType', 400),
    );
    expect(fake.apigw.draft(ApiId as string).routes).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  it('answers in the region of the client: aws-cn ARNs in cn-north-1', async () => {
    const identity = await new STSClient(config('cn-north-1')).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity.Arn).toBe('arn:aws-cn:iam::123456789012:user/test');
    const api = await apigw('cn-north-1').send(new CreateApiCommand({ Name: 'cn', ...websocket }));
    expect(api.ApiEndpoint).toBe(`wss://${api.ApiId}.execute-api.cn-north-1.amazonaws.com.cn`);
  });

  it('fails an operation with no fake at once, naming it', async () => {
    const started = Date.now();
    const blocked = await rejection(new S3Client(config()).send(new ListBucketsCommand({})));
    expect(blocked).toMatchObject({
      name: 'NetworkAccessBlocked',
      message: 'network access blocked by FakeAws: S3.listBuckets has no fake',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls).toEqual([]);
  });

  it('answers operations added later through v2 and v3 alike', async () => {
    fake.addOperations({
      service: 'S3',
      operations: {
        listBuckets: () => ({ Buckets: fake.s3.bucketNames().map((Name) => ({ Name })) }),
      },
    });
    fake.s3.createBucketDirectly('b');
    const v3 = await new S3Client(config()).send(new ListBucketsCommand({}));
    const v2 = await new AWS.S3(config()).listBuckets().promise();
    expect([v3.Buckets, v2.Buckets]).toEqual([[{ Name: 'b' }], [{ Name: 'b' }]]);
    expect(fake.callsTo('S3').map((call) => call.operation)).toEqual([
      'listBuckets',
      'listBuckets',
    ]);
  });

  it('puts send back on restore', async () => {
    expect(Client.prototype.send).not.toBe(pristineSend);
    fake.restore();
    fake.restore();
    expect(Client.prototype.send).toBe(pristineSend);

    // A real request now: to a closed loopback port, one attempt.
    const port = await closedPort();
    const client = new ApiGatewayV2Client({
      ...config(),
      endpoint: `http://127.0.0.1:${port}`,
      maxAttempts: 1,
    });
    const error = await rejection(client.send(new GetRoutesCommand({ ApiId: 'x' })));
    expect(String(error.message)).toMatch(/ECONNREFUSED/);

    fake.install();
    fake.install();
    expect(Client.prototype.send).not.toBe(pristineSend);
  });
});
