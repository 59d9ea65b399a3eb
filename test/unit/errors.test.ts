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
