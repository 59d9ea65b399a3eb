import { createHash } from 'crypto';
// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import * as path from 'path';
import { FakeAws } from './fake-aws';
import { copyFixture, runServerless } from './run-serverless';

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const apigwClient = (region = 'us-east-1') => new AWS.ApiGatewayV2({ region, credentials });
const lambdaClient = () => new AWS.Lambda({ region: 'us-east-1', credentials });
const lambdaUri = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:${fn}/invocations`;

const pristineApiGatewayV2 = AWS.ApiGatewayV2;
let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws({ maxPageSize: 2 });
  fake.install();
});
afterEach(() => fake.restore());

/** A WEBSOCKET API with one Lambda proxy integration. */
async function websocketApi(name = 'ws') {
  const client = apigwClient();
  const api = await client
    .createApi({
      Name: name,
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    })
    .promise();
  const apiId = api.ApiId as string;
  const integration = await client
    .createIntegration({
      ApiId: apiId,
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      IntegrationUri: lambdaUri('fn'),
    })
    .promise();
  return { client, apiId, integrationId: integration.IntegrationId as string };
}

async function authorizer(client: AWS.ApiGatewayV2, apiId: string): Promise<string> {
  const created = await client
    .createAuthorizer({
      ApiId: apiId,
      Name: 'auth',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: lambdaUri('auth'),
      IdentitySource: ['route.request.header.Auth'],
    })
    .promise();
  return created.AuthorizerId as string;
}

describe('FakeAws ApiGatewayV2', () => {
  it('makes deterministic AWS-shaped ids and region-specific endpoints', async () => {
    const { apiId, integrationId } = await websocketApi();
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);
    expect(integrationId).toMatch(/^[a-z0-9]{7}$/);
    const [api] = fake.apigw.apis();
    expect(api.api.ApiEndpoint).toBe(`wss://${apiId}.execute-api.us-east-1.amazonaws.com`);

    const cn = await apigwClient('cn-north-1')
      .createApi({
        Name: 'cn',
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: '$request.body.action',
      })
      .promise();
    expect(cn.ApiEndpoint).toBe(`wss://${cn.ApiId}.execute-api.cn-north-1.amazonaws.com.cn`);
    const http = await apigwClient().createApi({ Name: 'http', ProtocolType: 'HTTP' }).promise();
    expect(http.ApiEndpoint).toMatch(/^https:\/\//);

    const again = new FakeAws();
    expect(again.apigw.createApiDirectly({ Name: 'x', ProtocolType: 'HTTP' }).ApiId).toBe(apiId);
  });

  it('pages every list call with NextToken in creation order and refuses bad tokens', async () => {
    const client = apigwClient();
    for (let i = 0; i < 5; i += 1) {
      await client
        .createApi({
          Name: 'same-name',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.body.action',
          Tags: { n: `${i}` },
        })
        .promise();
    }
    const first = await client.getApis({}).promise();
    expect(first.Items).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const tags: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.getApis({ NextToken: token }).promise();
      page.Items?.forEach((api) => tags.push(api.Tags?.n ?? ''));
      token = page.NextToken;
    } while (token);
    expect(tags).toEqual(['0', '1', '2', '3', '4']);
    expect((await client.getApis({ MaxResults: '1' }).promise()).Items).toHaveLength(1);
    await expect(client.getApis({ NextToken: 'garbage' }).promise()).rejects.toMatchObject({
      code: 'BadRequestException',
      statusCode: 400,
      retryable: false,
    });

    // A key-based cursor: deleting an item between pages skips nothing.
    const { apiId, integrationId } = await websocketApi();
    const routeIds: string[] = [];
    for (const key of ['a', 'b', 'c']) {
      const route = await client
        .createRoute({ ApiId: apiId, RouteKey: key, Target: `integrations/${integrationId}` })
        .promise();
      routeIds.push(route.RouteId as string);
    }
    const page1 = await client.getRoutes({ ApiId: apiId }).promise();
    await client.deleteRoute({ ApiId: apiId, RouteId: routeIds[1] }).promise();
    const page2 = await client.getRoutes({ ApiId: apiId, NextToken: page1.NextToken }).promise();
    expect(page2.Items?.map((route) => route.RouteKey)).toEqual(['c']);
    await expect(
      client.getIntegrations({ ApiId: apiId, NextToken: page1.NextToken }).promise(),
    ).rejects.toMatchObject({
      code: 'BadRequestException',
    });
  });

  it('enforces the route rules on create and update', async () => {
    const { client, apiId, integrationId } = await websocketApi();
    const authorizerId = await authorizer(client, apiId);
    const target = `integrations/${integrationId}`;
    await client.createRoute({ ApiId: apiId, RouteKey: '$default', Target: target }).promise();

    const rejects = (request: AWS.ApiGatewayV2.CreateRouteRequest, code: string) =>
      expect(client.createRoute(request).promise()).rejects.toMatchObject({ code });
    await rejects({ ApiId: apiId, RouteKey: '$default', Target: target }, 'ConflictException');
    // Only three `$` keys exist on WebSocket APIs; others are reserved.
    await rejects({ ApiId: apiId, RouteKey: '$reconnect', Target: target }, 'BadRequestException');
    await rejects(
      { ApiId: apiId, RouteKey: 'x', Target: 'integrations/nope123' },
      'BadRequestException',
    );
    await rejects(
      { ApiId: apiId, RouteKey: '$connect', AuthorizationType: 'CUSTOM' },
      'BadRequestException',
    );
    await rejects(
      { ApiId: apiId, RouteKey: 'x', RouteResponseSelectionExpression: '$request.body' },
      'BadRequestException',
    );
    await expect(
      client
        .createRoute({
          ApiId: apiId,
          RouteKey: 'send',
          AuthorizationType: 'CUSTOM',
          AuthorizerId: authorizerId,
        })
        .promise(),
    ).rejects.toThrow('Currently, authorization is restricted to the $connect route only');

    const connect = await client
      .createRoute({
        ApiId: apiId,
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: authorizerId,
        Target: target,
      })
      .promise();
    const routeId = connect.RouteId as string;
    const updated = await client
      .updateRoute({ ApiId: apiId, RouteId: routeId, OperationName: 'connect' })
      .promise();
    expect(updated).toMatchObject({
      RouteKey: '$connect',
      AuthorizerId: authorizerId,
      Target: target,
      OperationName: 'connect',
    });
    await expect(
      client.updateRoute({ ApiId: apiId, RouteId: routeId, RouteKey: 'other' }).promise(),
    ).rejects.toMatchObject({
      code: 'BadRequestException',
    });
    await expect(
      client.updateRoute({ ApiId: apiId, RouteId: routeId, RouteKey: '$default' }).promise(),
    ).rejects.toMatchObject({
      code: 'ConflictException',
    });
  });

  it('allows one $default route response per route and deletes them with the route', async () => {
    const { client, apiId, integrationId } = await websocketApi();
    const route = await client
      .createRoute({
        ApiId: apiId,
        RouteKey: 'echo',
        Target: `integrations/${integrationId}`,
        RouteResponseSelectionExpression: '$default',
      })
      .promise();
    const routeId = route.RouteId as string;
    await expect(
      client
        .createRouteResponse({ ApiId: apiId, RouteId: routeId, RouteResponseKey: 'other' })
        .promise(),
    ).rejects.toMatchObject({
      code: 'BadRequestException',
    });
    await client
      .createRouteResponse({ ApiId: apiId, RouteId: routeId, RouteResponseKey: '$default' })
      .promise();
    await expect(
      client
        .createRouteResponse({ ApiId: apiId, RouteId: routeId, RouteResponseKey: '$default' })
        .promise(),
    ).rejects.toMatchObject({
      code: 'ConflictException',
    });
    expect(fake.apigw.draft(apiId).routeResponses[routeId]).toHaveLength(1);
    await client.deleteRoute({ ApiId: apiId, RouteId: routeId }).promise();
    expect(fake.apigw.draft(apiId).routeResponses).toEqual({});
  });

  it('refuses to delete integrations and authorizers that routes still use', async () => {
    const { client, apiId, integrationId } = await websocketApi();
    const authorizerId = await authorizer(client, apiId);
    const route = await client
      .createRoute({
        ApiId: apiId,
        RouteKey: '$connect',
        AuthorizationType: 'CUSTOM',
        AuthorizerId: authorizerId,
        Target: `integrations/${integrationId}`,
      })
      .promise();
    await expect(
      client.deleteIntegration({ ApiId: apiId, IntegrationId: integrationId }).promise(),
    ).rejects.toMatchObject({
      code: 'ConflictException',
      statusCode: 409,
    });
    await expect(
      client.deleteAuthorizer({ ApiId: apiId, AuthorizerId: authorizerId }).promise(),
    ).rejects.toMatchObject({
      code: 'ConflictException',
    });
    await client.deleteRoute({ ApiId: apiId, RouteId: route.RouteId as string }).promise();
    await client.deleteIntegration({ ApiId: apiId, IntegrationId: integrationId }).promise();
    await client.deleteAuthorizer({ ApiId: apiId, AuthorizerId: authorizerId }).promise();
    expect(fake.apigw.draft(apiId)).toMatchObject({
      routes: [],
      integrations: [],
      authorizers: [],
    });
  });

  it('requires a usable REQUEST authorizer', async () => {
    const { client, apiId } = await websocketApi();
    const base = {
      ApiId: apiId,
      Name: 'a',
      AuthorizerType: 'REQUEST',
      AuthorizerUri: lambdaUri('auth'),
      IdentitySource: ['route.request.header.Auth'],
    };
    await expect(
      client.createAuthorizer({ ...base, IdentitySource: [] }).promise(),
    ).rejects.toMatchObject({ code: 'BadRequestException' });
    await expect(
      client.createAuthorizer({ ...base, AuthorizerUri: undefined }).promise(),
    ).rejects.toMatchObject({ code: 'BadRequestException' });
    await expect(
      client.createAuthorizer({ ...base, AuthorizerType: 'JWT' }).promise(),
    ).rejects.toMatchObject({ code: 'BadRequestException' });
  });

  it('deploys snapshots of the draft that stages serve', async () => {
    const { client, apiId, integrationId } = await websocketApi();
    await expect(client.createDeployment({ ApiId: apiId }).promise()).rejects.toThrow(
      'At least one route is required',
    );
    const target = `integrations/${integrationId}`;
    const first = await client
      .createRoute({ ApiId: apiId, RouteKey: '$default', Target: target })
      .promise();
    await expect(
      client.createStage({ ApiId: apiId, StageName: 'dev', DeploymentId: 'missing' }).promise(),
    ).rejects.toMatchObject({
      code: 'NotFoundException',
    });
    await expect(
      client.createDeployment({ ApiId: apiId, Description: 'x'.repeat(1025) }).promise(),
    ).rejects.toMatchObject({ code: 'BadRequestException' });
    const v1 = await client
      .createDeployment({ ApiId: apiId, Description: 'x'.repeat(1024) })
      .promise();
    expect(v1.Description).toHaveLength(1024);
    await client
      .createStage({ ApiId: apiId, StageName: 'dev', DeploymentId: v1.DeploymentId })
      .promise();
    await expect(
      client.createStage({ ApiId: apiId, StageName: 'dev' }).promise(),
    ).rejects.toMatchObject({ code: 'ConflictException' });

    // Draft edits do not reach the stage...
    await client.createRoute({ ApiId: apiId, RouteKey: 'send', Target: target }).promise();
    await client
      .updateRoute({ ApiId: apiId, RouteId: first.RouteId as string, OperationName: 'changed' })
      .promise();
    const live = fake.apigw.live(apiId, 'dev');
    expect(live?.routes.map((route) => route.RouteKey)).toEqual(['$default']);
    expect(live?.routes[0].OperationName).toBeUndefined();
    expect(fake.apigw.draft(apiId).routes.map((route) => route.RouteKey)).toEqual([
      '$default',
      'send',
    ]);

    // ...until a new deployment is put on it (here via StageName, as AWS allows).
    const v2 = await client.createDeployment({ ApiId: apiId, StageName: 'dev' }).promise();
    expect((await client.getStage({ ApiId: apiId, StageName: 'dev' }).promise()).DeploymentId).toBe(
      v2.DeploymentId,
    );
    expect(fake.apigw.live(apiId, 'dev')?.routes.map((route) => route.RouteKey)).toEqual([
      '$default',
      'send',
    ]);
    await expect(
      client.deleteDeployment({ ApiId: apiId, DeploymentId: v2.DeploymentId as string }).promise(),
    ).rejects.toMatchObject({
      code: 'BadRequestException',
    });
    await client
      .updateStage({ ApiId: apiId, StageName: 'dev', DeploymentId: v1.DeploymentId })
      .promise();
    expect(fake.apigw.live(apiId, 'dev')?.routes).toHaveLength(1);
    await expect(
      client.getStage({ ApiId: apiId, StageName: 'prod' }).promise(),
    ).rejects.toMatchObject({ code: 'NotFoundException', statusCode: 404 });
  });

  it('tags by ARN, deletes everything under an API, and offers drift helpers', async () => {
    const { client, apiId, integrationId } = await websocketApi();
    await client
      .createRoute({ ApiId: apiId, RouteKey: '$default', Target: `integrations/${integrationId}` })
      .promise();
    const arn = `arn:aws:apigateway:us-east-1::/apis/${apiId}`;
    await client.tagResource({ ResourceArn: arn, Tags: { owner: 'me', stage: 'dev' } }).promise();
    await client.untagResource({ ResourceArn: arn, TagKeys: ['stage'] }).promise();
    expect((await client.getTags({ ResourceArn: arn }).promise()).Tags).toEqual({ owner: 'me' });

    const callsBefore = fake.calls.length;
    fake.apigw.createApiDirectly({ Name: 'ws', ProtocolType: 'HTTP' });
    expect(fake.apigw.deleteRouteDirectly(apiId, '$default')).toBe(true);
    expect(fake.calls).toHaveLength(callsBefore);
    const apis = (await client.getApis({}).promise()).Items ?? [];
    expect(apis.map((api) => api.ProtocolType)).toEqual(['WEBSOCKET', 'HTTP']);
    expect((await client.getRoutes({ ApiId: apiId }).promise()).Items).toEqual([]);

    await client.deleteApi({ ApiId: apiId }).promise();
    await expect(client.getIntegrations({ ApiId: apiId }).promise()).rejects.toMatchObject({
      code: 'NotFoundException',
    });
  });
});

describe('FakeAws Lambda and STS', () => {
  it('keeps resource policies with the permission rules', async () => {
    const client = lambdaClient();
    const permission = {
      FunctionName: 'shared-auth',
      StatementId: 'ws-auth',
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:abc/authorizers/def',
    };
    await expect(client.addPermission(permission).promise()).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      statusCode: 404,
    });
    const { FunctionArn } = fake.lambda.addFunction('shared-auth');
    await client.addPermission(permission).promise();
    await expect(
      client.addPermission({ ...permission, FunctionName: FunctionArn as string }).promise(),
    ).rejects.toMatchObject({
      code: 'ResourceConflictException',
      statusCode: 409,
    });

    const { Policy, RevisionId } = await client
      .getPolicy({ FunctionName: 'shared-auth' })
      .promise();
    expect(RevisionId).toBeDefined();
    expect(JSON.parse(Policy as string)).toEqual({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [
        {
          Sid: 'ws-auth',
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: FunctionArn,
          Condition: { ArnLike: { 'AWS:SourceArn': permission.SourceArn } },
        },
      ],
    });
    expect(fake.lambda.statements('shared-auth').map((s) => s.Sid)).toEqual(['ws-auth']);

    await expect(
      client.removePermission({ FunctionName: 'shared-auth', StatementId: 'nope' }).promise(),
    ).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
    await client
      .removePermission({ FunctionName: 'shared-auth', StatementId: 'ws-auth' })
      .promise();
    await expect(client.getPolicy({ FunctionName: 'shared-auth' }).promise()).rejects.toMatchObject(
      { code: 'ResourceNotFoundException' },
    );
    expect(
      (await client.getFunction({ FunctionName: 'shared-auth' }).promise()).Configuration
        ?.FunctionArn,
    ).toBe(FunctionArn);
  });

  it('keeps function configuration: Environment replaced as a whole, the rest kept', async () => {
    const client = lambdaClient();
    fake.lambda.addFunction('talker', { environment: { AA: '1', BB: '2' } });
    const before = await client.getFunctionConfiguration({ FunctionName: 'talker' }).promise();
    expect(before.Environment).toEqual({ Variables: { AA: '1', BB: '2' } });

    const updated = await client
      .updateFunctionConfiguration({ FunctionName: 'talker', Timeout: 9 })
      .promise();
    expect(updated).toMatchObject({ Timeout: 9, Environment: { Variables: { AA: '1', BB: '2' } } });
    await client
      .updateFunctionConfiguration({
        FunctionName: 'talker',
        Environment: { Variables: { CC: '3' } },
      })
      .promise();
    expect(fake.lambda.configuration('talker')).toMatchObject({
      Timeout: 9,
      Environment: { Variables: { CC: '3' } },
    });
    await client
      .updateFunctionConfiguration({ FunctionName: 'talker', Environment: { Variables: {} } })
      .promise();
    expect(fake.lambda.configuration('talker').Environment).toBeUndefined();

    const invalid: Record<string, string>[] = [{ X: 'a' }, { '1X': 'a' }, { XX: 'a'.repeat(4096) }];
    for (const Variables of invalid) {
      await expect(
        client
          .updateFunctionConfiguration({ FunctionName: 'talker', Environment: { Variables } })
          .promise(),
      ).rejects.toMatchObject({ code: 'InvalidParameterValueException', statusCode: 400 });
    }
    await expect(
      client.getFunctionConfiguration({ FunctionName: 'nope' }).promise(),
    ).rejects.toMatchObject({ code: 'ResourceNotFoundException' });

    const code = await client
      .updateFunctionCode({ FunctionName: 'talker', ZipFile: Buffer.from('zip') })
      .promise();
    expect(code.CodeSha256).toBe(createHash('sha256').update('zip').digest('base64'));
  });

  it('answers getCallerIdentity', async () => {
    const identity = await new AWS.STS({ region: 'us-east-1', credentials })
      .getCallerIdentity()
      .promise();
    expect(identity).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/test',
    });
  });
});

describe('FakeAws calls, faults, validation and the network block', () => {
  it('records every call, failed ones included', async () => {
    const client = apigwClient();
    await client.getApis({}).promise();
    await expect(client.getApi({ ApiId: 'missing' }).promise()).rejects.toMatchObject({
      code: 'NotFoundException',
    });
    await client.createApi({ Name: 'a', ProtocolType: 'HTTP' }).promise();
    expect(
      fake
        .callsTo('ApiGatewayV2')
        .map(({ operation, write, error }) => ({ operation, write, error })),
    ).toEqual([
      { operation: 'getApis', write: false, error: undefined },
      { operation: 'getApi', write: false, error: 'NotFoundException' },
      { operation: 'createApi', write: true, error: undefined },
    ]);
    fake.resetCalls();
    expect(fake.calls).toEqual([]);
  });

  it('fails the next matching call once', async () => {
    const client = apigwClient();
    fake.failNext({ service: 'ApiGatewayV2', operation: 'createApi' });
    await expect(
      client.createApi({ Name: 'a', ProtocolType: 'HTTP' }).promise(),
    ).rejects.toMatchObject({
      code: 'InternalFailure',
      statusCode: 500,
      retryable: false,
    });
    await client.createApi({ Name: 'a', ProtocolType: 'HTTP' }).promise();

    fake.failNext<AWS.ApiGatewayV2.CreateApiRequest>(
      { service: 'ApiGatewayV2', operation: 'createApi', params: (p) => p.Name === 'b' },
      { code: 'ConflictException', statusCode: 409 },
    );
    await client.createApi({ Name: 'a', ProtocolType: 'HTTP' }).promise();
    await expect(
      client.createApi({ Name: 'b', ProtocolType: 'HTTP' }).promise(),
    ).rejects.toMatchObject({ code: 'ConflictException' });
    expect(fake.apigw.apis().map((api) => api.api.Name)).toEqual(['a', 'a']);
  });

  it('throttles a reproducible share of calls', async () => {
    const client = apigwClient();
    const run = async () => {
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i += 1) {
        outcomes.push(
          await client
            .getApis({})
            .promise()
            .then(
              () => 'ok',
              (e: AWS.AWSError) => `${e.code}/${e.statusCode}/${e.retryable}`,
            ),
        );
      }
      return outcomes;
    };
    fake.throttle({ rate: 0.5, seed: 7 });
    const first = await run();
    expect(new Set(first)).toEqual(new Set(['ok', 'TooManyRequestsException/429/true']));
    fake.throttle({ rate: 0.5, seed: 7 });
    expect(await run()).toEqual(first);
    fake.throttle({ rate: 1, services: ['Lambda'] });
    expect((await run()).every((outcome) => outcome === 'ok')).toBe(true);
    fake.throttle(null);
  });

  it('validates params against the SDK model before the fake runs', async () => {
    const { client, apiId } = await websocketApi();
    const request = { ApiId: apiId } as AWS.ApiGatewayV2.CreateRouteRequest; // RouteKey missing
    await expect(client.createRoute(request).promise()).rejects.toMatchObject({
      code: 'MissingRequiredParameter',
    });
    expect(fake.apigw.draft(apiId).routes).toEqual([]);
  });

  it('simulates latency', async () => {
    const slow = new FakeAws({ latencyMs: 40 });
    fake.restore();
    slow.install();
    try {
      const started = Date.now();
      await apigwClient().getApis({}).promise();
      expect(Date.now() - started).toBeGreaterThanOrEqual(35);
    } finally {
      slow.restore();
    }
  });

  it('blocks real HTTP at once, naming the unmocked operation', async () => {
    const started = Date.now();
    const sqs = new AWS.SQS({ region: 'us-east-1', credentials });
    await expect(sqs.listQueues({}).promise()).rejects.toMatchObject({
      code: 'NetworkAccessBlocked',
      retryable: false,
      message: expect.stringContaining('network access blocked by FakeAws: SQS.listQueues'),
    });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('restores the SDK', () => {
    expect(AWS.ApiGatewayV2).not.toBe(pristineApiGatewayV2);
    fake.restore();
    fake.restore();
    expect(AWS.ApiGatewayV2).toBe(pristineApiGatewayV2);
    fake.install();
    fake.install();
  });
});

const withVariables = <T extends { Properties: object }>(resource: T, Variables: object) => ({
  ...resource,
  Properties: { ...resource.Properties, Environment: { Variables } },
});

describe('FakeAws CloudFormation', () => {
  const fn = (name: string) => ({
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: name,
      Handler: 'handler.main',
      Runtime: 'nodejs12.x',
      Code: { S3Bucket: { Ref: 'Bucket' }, S3Key: 'code.zip' },
    },
  });
  const template = {
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket' },
      A: withVariables(fn('svc-a'), {
        URL: {
          'Fn::Join': ['', ['https://x.execute-api.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
        },
      }),
      AVersion: { Type: 'AWS::Lambda::Version', Properties: { FunctionName: { Ref: 'A' } } },
      APermission: {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          FunctionName: { 'Fn::GetAtt': ['A', 'Arn'] },
          Action: 'lambda:InvokeFunction',
          Principal: 'apigateway.amazonaws.com',
          SourceArn: {
            'Fn::Sub': 'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:abc/*',
          },
        },
      },
      B: fn('svc-b'),
    },
    Outputs: {
      AQualifiedArn: { Value: { Ref: 'AVersion' } },
      Url: {
        Value: {
          'Fn::Join': [
            '',
            ['https://x.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }],
          ],
        },
      },
    },
  };

  it('provisions template resources into the fake Lambda and S3', async () => {
    const cf = new AWS.CloudFormation({ region: 'us-east-1', credentials });
    await expect(
      cf
        .validateTemplate({
          TemplateBody: JSON.stringify({
            Resources: { X: { Type: 'AWS::SNS::Topic', Properties: { Name: { Ref: 'Nope' } } } },
          }),
        })
        .promise(),
    ).rejects.toThrow('Unresolved resource dependencies [Nope]');

    const { StackId } = await cf
      .createStack({ StackName: 'svc', TemplateBody: JSON.stringify(template) })
      .promise();
    expect(fake.lambda.functionNames()).toEqual(['svc-a', 'svc-b']);
    expect(fake.lambda.configuration('svc-a').Environment).toEqual({
      Variables: { URL: 'https://x.execute-api.us-east-1.amazonaws.com' },
    });
    expect(fake.lambda.statements('svc-a')[0].Condition?.ArnLike?.['AWS:SourceArn']).toBe(
      'arn:aws:execute-api:us-east-1:123456789012:abc/*',
    );
    const [stack] = (await cf.describeStacks({ StackName: 'svc' }).promise()).Stacks ?? [];
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.Outputs).toEqual([
      {
        OutputKey: 'AQualifiedArn',
        OutputValue: 'arn:aws:lambda:us-east-1:123456789012:function:svc-a:1',
      },
      { OutputKey: 'Url', OutputValue: 'https://x.execute-api.us-east-1.amazonaws.com' },
    ]);
    const events =
      (await cf.describeStackEvents({ StackName: StackId }).promise()).StackEvents ?? [];
    expect(events[0]).toMatchObject({
      LogicalResourceId: 'svc',
      ResourceStatus: 'CREATE_COMPLETE',
    });

    await expect(
      cf.updateStack({ StackName: 'svc', TemplateBody: JSON.stringify(template) }).promise(),
    ).rejects.toThrow('No updates are to be performed.');
    const withoutB = { ...template, Resources: { ...template.Resources, B: undefined } };
    await cf.updateStack({ StackName: 'svc', TemplateBody: JSON.stringify(withoutB) }).promise();
    expect(fake.lambda.functionNames()).toEqual(['svc-a']);
    const withoutVariables = { ...withoutB, Resources: { ...withoutB.Resources, A: fn('svc-a') } };
    await cf
      .updateStack({ StackName: 'svc', TemplateBody: JSON.stringify(withoutVariables) })
      .promise();
    expect(fake.lambda.configuration('svc-a').Environment).toBeUndefined();

    await cf.deleteStack({ StackName: 'svc' }).promise();
    expect(fake.lambda.functionNames()).toEqual([]);
    expect(fake.s3.bucketNames()).toEqual([]);
    await expect(cf.describeStacks({ StackName: 'svc' }).promise()).rejects.toThrow(
      'Stack with id svc does not exist',
    );
    expect(
      (await cf.describeStacks({ StackName: StackId }).promise()).Stacks?.[0].StackStatus,
    ).toBe('DELETE_COMPLETE');
  });
});

describe('the Serverless Framework in-process against FakeAws', () => {
  it('deploys, shows info, redeploys and removes a plain service', async () => {
    const servicePath = copyFixture(path.join(__dirname, '..', 'fixtures', 'plain'));
    const sls = async (...argv: string[]) => {
      const result = await runServerless({ servicePath, argv });
      if (result.error)
        throw new Error(`sls ${argv.join(' ')} failed: ${result.error.message}\n${result.output}`);
      return result.output;
    };

    await sls('deploy');
    expect(fake.lambda.functionNames().sort()).toEqual(['plain-dev-hello', 'plain-dev-world']);
    const stack = fake.cloudformation.stack('plain-dev');
    expect(stack?.status).toBe('UPDATE_COMPLETE');
    expect(stack?.outputs.map((output) => output.OutputKey)).toEqual(
      expect.arrayContaining(['ServerlessDeploymentBucketName', 'HelloLambdaFunctionQualifiedArn']),
    );

    const info = await sls('info');
    expect(info).toContain('stack: plain-dev');
    expect(info).toContain('hello: plain-dev-hello');

    await sls('deploy');
    expect(fake.lambda.functionNames()).toHaveLength(2);

    await sls('remove');
    expect(fake.lambda.functionNames()).toEqual([]);
    expect(fake.cloudformation.stackNames()).toEqual([]);
    expect(fake.s3.bucketNames()).toEqual([]);
    // Only the failures the framework expects (and handles): no stack yet, no functions
    // yet, and the removed stack no longer found while monitoring its removal.
    const failures = new Set(
      fake.calls.filter((call) => call.error).map((call) => `${call.operation}:${call.error}`),
    );
    expect(failures).toEqual(
      new Set([
        'describeStacks:ValidationError',
        'getFunction:ResourceNotFoundException',
        'describeStackEvents:ValidationError',
      ]),
    );
  });
});
