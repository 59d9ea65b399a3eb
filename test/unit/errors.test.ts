import { ConflictException, NotFoundException } from '@aws-sdk/client-apigatewayv2';
import { ResourceNotFoundException } from '@aws-sdk/client-lambda';
// The SDK's real module object, for its own error factory.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { AwsStepError, awsErrorCode, awsStep, ConfigurationError } from '../../src/errors';

function awsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('ConfigurationError', () => {
  it('states a single problem on one line', () => {
    const error = new ConfigurationError(['routeKey is missing']);
    expect(error.message).toBe('serverless-websockets-plugin: routeKey is missing');
    expect(error.problems).toEqual(['routeKey is missing']);
  });

  it('lists several problems, one per line', () => {
    expect(new ConfigurationError(['a', 'b']).message).toBe(
      'serverless-websockets-plugin found 2 problems:\n  - a\n  - b',
    );
  });
});

describe('awsErrorCode', () => {
  it.each<[string, unknown, string | undefined]>([
    ['an SDK error', awsError('ConflictException', 'x'), 'ConflictException'],
    [
      'an error the framework wrapped',
      { message: 'x', providerError: { code: 'TooManyRequestsException' } },
      'TooManyRequestsException',
    ],
    [
      'a step error around a framework error',
      new AwsStepError('add a permission', {
        message: 'x',
        providerError: { code: 'ResourceConflictException' },
      }),
      'ResourceConflictException',
    ],
    ['an error without a code', new Error('x'), undefined],
    ['a non-string code', { code: 429 }, undefined],
    ['a string', 'boom', undefined],
    ['null', null, undefined],
  ])('reads %s', (_, error, code) => {
    expect(awsErrorCode(error)).toBe(code);
  });

  // The shapes each SDK and framework really produces, built with their own classes.
  // The SDK's own error factory (untyped): code, statusCode and the rest as AWS would fill them.
  const sdkV2 = AWS as unknown as { util: { error(error: Error, fields: object): Error } };
  const v2Error = () =>
    sdkV2.util.error(new Error('Invalid API identifier'), {
      code: 'NotFoundException',
      statusCode: 404,
    });
  const v3Error = () =>
    new NotFoundException({
      message: 'Invalid API identifier',
      $metadata: { httpStatusCode: 404 },
    });

  it.each<[string, () => unknown, string | undefined]>([
    ['SDK v2 (code)', v2Error, 'NotFoundException'],
    [
      'SDK v3 (name beside $metadata, no code)',
      () => new ConflictException({ message: 'Route exists', $metadata: { httpStatusCode: 409 } }),
      'ConflictException',
    ],
    [
      'SDK v3 Lambda',
      () =>
        new ResourceNotFoundException({
          message: 'No policy is associated with the given resource.',
          $metadata: { httpStatusCode: 404 },
        }),
      'ResourceNotFoundException',
    ],
    [
      'Serverless 3.x (normalized code outside, SDK v2 error as providerError)',
      () =>
        Object.assign(new Error('Invalid API identifier'), {
          code: 'AWS_API_GATEWAY_V2_NOT_FOUND_EXCEPTION',
          providerError: v2Error(),
        }),
      'NotFoundException',
    ],
    [
      'Serverless v4 SLS_AWS_SDK=3 (providerError.code = v3 name)',
      // v4's handleV3Error: a ServerlessError whose providerError copies the v3 error's own
      // properties and adds code (the name), statusCode, requestId, retryable and original.
      () => {
        const original = v3Error();
        return Object.assign(new Error('Invalid API identifier'), {
          code: 'AWS_API_GATEWAY_V2_GET_STAGE_NOT_FOUND_EXCEPTION',
          providerError: {
            ...original,
            statusCode: 404,
            code: original.name,
            retryable: false,
            original,
          },
        });
      },
      'NotFoundException',
    ],
    [
      'a framework error around a bare SDK v3 error (providerError.name)',
      () => Object.assign(new Error('x'), { providerError: v3Error() }),
      'NotFoundException',
    ],
    [
      'a framework error around a plain { name } (providerError.name)',
      () => Object.assign(new Error('x'), { providerError: { name: 'TooManyRequestsException' } }),
      'TooManyRequestsException',
    ],
    [
      'a framework error around a JavaScript error',
      () => Object.assign(new Error('x'), { providerError: new TypeError('y') }),
      undefined,
    ],
    ['a TypeError', () => new TypeError('boom'), undefined],
    [
      'an error named like an AWS code but without $metadata',
      () => Object.assign(new Error('x'), { name: 'ServerlessError' }),
      undefined,
    ],
  ])('reads the code of %s', (_, make, code) => {
    expect(awsErrorCode(make())).toBe(code);
  });
});

describe('awsStep', () => {
  it('returns what the step returns', async () => {
    await expect(awsStep('do it', async () => 42)).resolves.toBe(42);
  });

  it('names the step, the AWS code and AWS’s message when it fails', async () => {
    const failure = awsStep('create route "$connect"', () =>
      Promise.reject(awsError('ConflictException', 'Route key exists')),
    );
    await expect(failure).rejects.toThrow(AwsStepError);
    await expect(failure).rejects.toThrow(
      'serverless-websockets-plugin could not create route "$connect": ConflictException: Route key exists',
    );
  });

  it('does not repeat a code the message already holds', async () => {
    const failure = awsStep('read', () =>
      Promise.reject(awsError('NotFoundException', 'NotFoundException: no such API')),
    );
    await expect(failure).rejects.toThrow('could not read: NotFoundException: no such API');
  });

  it('keeps the innermost step of nested steps', async () => {
    const failure = awsStep('deploy', () =>
      awsStep('create the API', () => Promise.reject(new Error('denied'))),
    );
    await expect(failure).rejects.toThrow('could not create the API: denied');
  });
});
