// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { GetApisCommand, ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { AWS_API_QUOTAS, FakeAws, MAX_PAGE_SIZE, type FakeAwsOptions } from './fake-aws';

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const lambdaUri = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;

let fake: FakeAws | undefined;
afterEach(() => fake?.restore());

/** A fake on a clock the test moves by hand, so no test here waits for real time. */
function fakeWithClock(options: FakeAwsOptions = {}) {
  let now = 0;
  fake = new FakeAws({ clock: () => now, ...options });
  fake.install();
  // The SDK's own retries would hide the 429s this file is about.
  const client = new AWS.ApiGatewayV2({ region: 'us-east-1', credentials, maxRetries: 0 });
  return { fake, client, advance: (ms: number) => (now += ms) };
}

async function websocketApi(client: AWS.ApiGatewayV2): Promise<string> {
  const api = await client
    .createApi({
      Name: 'ws',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    })
    .promise();
  return api.ApiId as string;
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: AWS.AWSError) => `${error.code} ${error.statusCode}`,
  );

describe('FakeAws API Gateway rate limits', () => {
  it('serves a burst of 40, then 10 calls a second, answering 429 over quota', async () => {
    const { client, advance } = fakeWithClock({ rateLimits: true });
    const burst = await Promise.all(
      Array.from({ length: 41 }, () => outcome(client.getApis({}).promise())),
    );
    expect(burst.filter((result) => result === 'ok')).toHaveLength(40);
    expect(burst[40]).toBe('TooManyRequestsException 429');

    advance(100); // one token back
    expect(await outcome(client.getApis({}).promise())).toBe('ok');
    expect(await outcome(client.getApis({}).promise())).toBe('TooManyRequestsException 429');

    advance(60_000); // refills to the burst, not beyond
    const refilled = await Promise.all(
      Array.from({ length: 41 }, () => outcome(client.getApis({}).promise())),
    );
    expect(refilled.filter((result) => result === 'ok')).toHaveLength(40);
  });

  it('allows one createDeployment every 5 seconds per account', async () => {
    const { client, advance } = fakeWithClock({ rateLimits: true });
    const apiId = await websocketApi(client);
    await client.createRoute({ ApiId: apiId, RouteKey: '$default' }).promise();
    expect(await outcome(client.createDeployment({ ApiId: apiId }).promise())).toBe('ok');
    advance(4999);
    expect(await outcome(client.createDeployment({ ApiId: apiId }).promise())).toBe(
      'TooManyRequestsException 429',
    );
    advance(1);
    expect(await outcome(client.createDeployment({ ApiId: apiId }).promise())).toBe('ok');
  });

  it('allows one createDomainName every 30 seconds (drawn by another client: no fake handler yet)', () => {
    const { fake, advance } = fakeWithClock({ rateLimits: true });
    // createDomainName has no fake handler yet: another client's calls draw from the limits.
    expect(fake.otherClientCall('createDomainName')).toBe(true);
    advance(29_999);
    expect(fake.otherClientCall('createDomainName')).toBe(false);
    advance(1);
    expect(fake.otherClientCall('createDomainName')).toBe(true);
  });

  it('shares the bucket with other clients of the account and can be configured', async () => {
    const { fake, client, advance } = fakeWithClock({ rateLimits: { ratePerSecond: 2, burst: 3 } });
    expect([fake.otherClientCall(), fake.otherClientCall()]).toEqual([true, true]);
    expect(await outcome(client.getApis({}).promise())).toBe('ok');
    expect(await outcome(client.getApis({}).promise())).toBe('TooManyRequestsException 429');
    advance(500);
    expect(await outcome(client.getApis({}).promise())).toBe('ok');
    // Only API Gateway is limited, and v3 clients draw from the same bucket.
    expect(fake.callsTo('ApiGatewayV2').filter((call) => call.error)).toHaveLength(1);
    const v3 = new ApiGatewayV2Client({ region: 'us-east-1', credentials, maxAttempts: 1 });
    await expect(v3.send(new GetApisCommand({}))).rejects.toMatchObject({
      name: 'TooManyRequestsException',
    });
  });

  it('is off by default', async () => {
    const { client } = fakeWithClock();
    const results = await Promise.all(
      Array.from({ length: 100 }, () => outcome(client.getApis({}).promise())),
    );
    expect(results.every((result) => result === 'ok')).toBe(true);
  });
});

describe('FakeAws per-API quotas', () => {
  it('refuses a create past a per-API quota (AWS defaults or raised ones)', async () => {
    const { client } = fakeWithClock({ apiQuotas: { routes: 3, integrations: 2 } });
    const apiId = await websocketApi(client);
    const quotaError = {
      code: 'ConflictException',
      statusCode: 429,
      retryable: false,
    };
    for (const key of ['a', 'b', 'c'])
      await client.createRoute({ ApiId: apiId, RouteKey: key }).promise();
    await expect(
      client.createRoute({ ApiId: apiId, RouteKey: 'd' }).promise(),
    ).rejects.toMatchObject({
      ...quotaError,
      message: expect.stringContaining(
        'Maximum number of Routes for this API has been reached',
      ) as unknown,
    });
    const integration = {
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      IntegrationUri: lambdaUri('fn'),
    };
    await client.createIntegration(integration).promise();
    await client.createIntegration(integration).promise();
    await expect(client.createIntegration(integration).promise()).rejects.toMatchObject(quotaError);

    for (let n = 0; n < AWS_API_QUOTAS.authorizers; n += 1) {
      await client
        .createAuthorizer({
          ApiId: apiId,
          Name: `auth${n}`,
          AuthorizerType: 'REQUEST',
          AuthorizerUri: lambdaUri('auth'),
          IdentitySource: ['route.request.header.Auth'],
        })
        .promise();
    }
    await expect(
      client
        .createAuthorizer({
          ApiId: apiId,
          Name: 'one-too-many',
          AuthorizerType: 'REQUEST',
          AuthorizerUri: lambdaUri('auth'),
          IdentitySource: ['route.request.header.Auth'],
        })
        .promise(),
    ).rejects.toMatchObject({
      ...quotaError,
      message:
        'Maximum number of Authorizers for this API has been reached. Please contact AWS if you need additional Authorizers.',
    });

    for (let n = 0; n < AWS_API_QUOTAS.stages; n += 1) {
      await client.createStage({ ApiId: apiId, StageName: `s${n}` }).promise();
    }
    await expect(
      client.createStage({ ApiId: apiId, StageName: 'more' }).promise(),
    ).rejects.toMatchObject(quotaError);
    expect(AWS_API_QUOTAS).toEqual({ routes: 300, integrations: 300, authorizers: 10, stages: 10 });
  });
});

describe('FakeAws page sizes', () => {
  it('serves 25 items without MaxResults and up to 500 with it', async () => {
    const { fake, client } = fakeWithClock();
    for (let n = 0; n < 520; n += 1) {
      fake.apigw.createApiDirectly({
        Name: `api${n}`,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      });
    }
    expect((await client.getApis({}).promise()).Items).toHaveLength(25);
    const largest = await client.getApis({ MaxResults: String(MAX_PAGE_SIZE) }).promise();
    expect(largest.Items).toHaveLength(500);
    const capped = await client.getApis({ MaxResults: '1000' }).promise();
    expect(capped.Items).toHaveLength(500);
    const rest = await client.getApis({ MaxResults: '500', NextToken: capped.NextToken }).promise();
    expect(rest.Items).toHaveLength(20);
    expect(rest.NextToken).toBeUndefined();
  });
});
