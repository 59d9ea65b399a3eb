import { HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'stream';
import { awsErrorCode } from '../../src/errors';
import { frameworkAwsRequest } from '../../src/aws/framework-request';
import { sdkV3Request, type SdkV3Config } from '../../src/aws/sdk-v3';

/** One HTTP answer of the local request handler: status, JSON body, AWS error type header. */
interface Answer {
  status: number;
  body: object;
  errorType?: string;
}

/**
 * Real SDK v3 clients (serialization, signing, retries, error parsing) over an in-process
 * request handler that answers from a script and records what was asked: no network.
 */
function localAws(answers: Answer[]) {
  const requests: HttpRequest[] = [];
  const requestHandler = {
    handle: async (request: HttpRequest) => {
      requests.push(request);
      const answer = answers.shift() ?? { status: 500, body: { message: 'no more answers' } };
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (answer.errorType) headers['x-amzn-errortype'] = answer.errorType;
      const body = Readable.from([Buffer.from(JSON.stringify(answer.body))]);
      return { response: new HttpResponse({ statusCode: answer.status, headers, body }) };
    },
  };
  const config: SdkV3Config = {
    region: 'eu-west-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler,
    maxAttempts: 3,
  };
  return { requests, config };
}

const noWait = () => 0;

describe('sdkV3Request', () => {
  it('calls the operation named as in SDK v2 and returns the answer', async () => {
    const aws = localAws([{ status: 201, body: { apiId: 'abc123', name: 'chat' } }]);
    const request = sdkV3Request(async () => aws.config, noWait);
    const api = (await request('ApiGatewayV2', 'createApi', {
      Name: 'chat',
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    })) as { ApiId?: string; Name?: string };
    expect(api).toMatchObject({ ApiId: 'abc123', Name: 'chat' });
    expect(aws.requests).toHaveLength(1);
    expect(aws.requests[0].hostname).toBe('apigateway.eu-west-1.amazonaws.com');
    expect(aws.requests[0].path).toBe('/v2/apis');
  });

  it('sends a call that names another region to a client of that region', async () => {
    const aws = localAws([
      { status: 200, body: { Policy: '{}' } },
      { status: 200, body: { Policy: '{}' } },
    ]);
    const request = sdkV3Request(async () => aws.config, noWait);
    const FunctionName = 'arn:aws:lambda:ap-south-1:123456789012:function:auth';
    await request('Lambda', 'getPolicy', { FunctionName }, { region: 'ap-south-1' });
    await request('Lambda', 'getPolicy', { FunctionName: 'local' });
    expect(aws.requests.map((r) => r.hostname)).toEqual([
      'lambda.ap-south-1.amazonaws.com',
      'lambda.eu-west-1.amazonaws.com',
    ]);
  });

  it('retries throttling as often as the framework config allows, then succeeds', async () => {
    const throttled: Answer = {
      status: 429,
      body: { message: 'Too Many Requests' },
      errorType: 'TooManyRequestsException',
    };
    const aws = localAws([throttled, throttled, { status: 200, body: { items: [] } }]);
    const request = sdkV3Request(async () => aws.config, noWait);
    await expect(request('ApiGatewayV2', 'getApis', {})).resolves.toMatchObject({ Items: [] });
    expect(aws.requests).toHaveLength(3);
  });

  it('gives up after maxAttempts with an error whose code awsErrorCode reads', async () => {
    const aws = localAws([
      { status: 429, body: { message: 'slow down' }, errorType: 'TooManyRequestsException' },
      { status: 429, body: { message: 'slow down' }, errorType: 'TooManyRequestsException' },
    ]);
    const request = sdkV3Request(async () => ({ ...aws.config, maxAttempts: 2 }), noWait);
    const error = await request('ApiGatewayV2', 'getApis', {}).catch((caught: unknown) => caught);
    expect(awsErrorCode(error)).toBe('TooManyRequestsException');
    expect(aws.requests).toHaveLength(2);
  });

  it('does not retry a client error, and its code is read from the v3 error name', async () => {
    const aws = localAws([
      { status: 404, body: { message: 'Invalid API identifier' }, errorType: 'NotFoundException' },
    ]);
    const request = sdkV3Request(async () => aws.config, noWait);
    const error = await request('ApiGatewayV2', 'getStage', { ApiId: 'x', StageName: 'dev' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'NotFoundException', $fault: 'client' });
    expect((error as { code?: unknown }).code).toBeUndefined();
    expect(awsErrorCode(error)).toBe('NotFoundException');
    expect(aws.requests).toHaveLength(1);
  });

  it('reaches Lambda and STS too', async () => {
    const aws = localAws([{ status: 201, body: { Statement: '{"Sid":"a"}' } }]);
    const request = sdkV3Request(async () => aws.config, noWait);
    await expect(
      request('Lambda', 'addPermission', {
        FunctionName: 'f',
        StatementId: 'a',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
      }),
    ).resolves.toMatchObject({ Statement: '{"Sid":"a"}' });
    expect(aws.requests[0].hostname).toBe('lambda.eu-west-1.amazonaws.com');
  });

  it('names an operation the SDK does not have', async () => {
    const aws = localAws([]);
    const request = sdkV3Request(async () => aws.config, noWait);
    await expect(request('STS', 'noSuchThing', {})).rejects.toThrow(
      'AWS SDK v3 STS has no noSuchThing',
    );
  });
});

describe('frameworkAwsRequest', () => {
  const removed = () =>
    Object.assign(new Error('provider.request() is no longer available.'), {
      code: 'AWS_SDK_V2_SURFACE_REMOVED',
    });

  it('uses provider.request where the framework has it, even beside SDK v3 config', async () => {
    const calls: unknown[][] = [];
    const request = frameworkAwsRequest({
      request: async (...args) => {
        calls.push(args);
        return { Account: '123456789012' };
      },
      getAwsSdkV3Config: async () => {
        throw new Error('must not be asked');
      },
    });
    await expect(request('STS', 'getCallerIdentity', {})).resolves.toEqual({
      Account: '123456789012',
    });
    expect(calls).toEqual([['STS', 'getCallerIdentity', {}]]);
  });

  it('hands provider.request the region of a call to another region', async () => {
    const calls: unknown[][] = [];
    const request = frameworkAwsRequest({
      request: async (...args) => {
        calls.push(args);
        return {};
      },
    });
    await request('Lambda', 'getPolicy', { FunctionName: 'x' }, { region: 'eu-west-2' });
    await request('Lambda', 'getPolicy', { FunctionName: 'y' }, {});
    expect(calls).toEqual([
      ['Lambda', 'getPolicy', { FunctionName: 'x' }, { region: 'eu-west-2' }],
      ['Lambda', 'getPolicy', { FunctionName: 'y' }],
    ]);
  });

  it('passes provider.request errors through unchanged', async () => {
    const failure = Object.assign(new Error('x'), { providerError: { code: 'ConflictException' } });
    const request = frameworkAwsRequest({
      request: async () => {
        throw failure;
      },
      getAwsSdkV3Config: async () => localAws([]).config,
    });
    await expect(request('ApiGatewayV2', 'createRoute', {})).rejects.toBe(failure);
  });

  it('switches to SDK v3 for good once provider.request says it was removed (osls 4)', async () => {
    const aws = localAws([
      { status: 200, body: { items: [], nextToken: undefined } },
      { status: 200, body: { items: [] } },
    ]);
    let requestCalls = 0;
    const request = frameworkAwsRequest({
      // osls 4 throws synchronously from a non-async method.
      request: () => {
        requestCalls += 1;
        throw removed();
      },
      getAwsSdkV3Config: async () => aws.config,
    });
    await request('ApiGatewayV2', 'getApis', {});
    await request('ApiGatewayV2', 'getApis', {});
    expect(requestCalls).toBe(1);
    expect(aws.requests).toHaveLength(2);
  });

  it('uses SDK v3 where there is no provider.request at all', async () => {
    const aws = localAws([{ status: 200, body: { items: [] } }]);
    const request = frameworkAwsRequest({ getAwsSdkV3Config: async () => aws.config });
    await expect(request('ApiGatewayV2', 'getApis', {})).resolves.toMatchObject({ Items: [] });
  });

  it('reports the removal when the framework has no SDK v3 config either', async () => {
    const request = frameworkAwsRequest({
      request: () => {
        throw removed();
      },
    });
    await expect(request('STS', 'getCallerIdentity', {})).rejects.toMatchObject({
      code: 'AWS_SDK_V2_SURFACE_REMOVED',
    });
  });
});
