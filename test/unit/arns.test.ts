import {
  apiResourceArn,
  executeApiArn,
  functionArnOfInvocationUri,
  functionNameOfArn,
  lambdaFunctionArn,
  lambdaInvocationUri,
  partitionOf,
  websocketUrl,
} from '../../src/arns';

describe('ARNs and URLs per partition', () => {
  it.each([
    ['us-east-1', 'aws'],
    ['eu-west-3', 'aws'],
    ['cn-north-1', 'aws-cn'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('puts %s in the %s partition', (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
    expect(lambdaFunctionArn(region, '123456789012', 'fn')).toBe(
      `arn:${partition}:lambda:${region}:123456789012:function:fn`,
    );
    expect(executeApiArn(region, '123456789012', 'abc', 'dev/$connect')).toBe(
      `arn:${partition}:execute-api:${region}:123456789012:abc/dev/$connect`,
    );
    expect(apiResourceArn(region, 'abc')).toBe(`arn:${partition}:apigateway:${region}::/apis/abc`);
  });

  it.each([
    ['us-east-1', 'wss://abc.execute-api.us-east-1.amazonaws.com/dev'],
    ['cn-north-1', 'wss://abc.execute-api.cn-north-1.amazonaws.com.cn/dev'],
  ])('builds the client URL in %s', (region, url) => {
    expect(websocketUrl(region, 'abc', 'dev')).toBe(url);
  });

  it('finds the function ARN inside an invocation URI, and nothing in another URI', () => {
    const arn = lambdaFunctionArn('cn-north-1', '123456789012', 'fn');
    expect(functionArnOfInvocationUri(lambdaInvocationUri(arn))).toBe(arn);
    expect(functionArnOfInvocationUri('https://example.com/hook')).toBeUndefined();
    expect(functionArnOfInvocationUri(undefined)).toBeUndefined();
  });
});

describe('functionNameOfArn', () => {
  it.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:my-auth', 'my-auth'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my_auth:live', 'my_auth'],
    ['arn:aws:lambda:us-east-1:123456789012:function:my-auth:$LATEST', 'my-auth'],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:auth', 'auth'],
    ['arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:auth:3', 'auth'],
  ])('reads the name in %s', (arn, name) => {
    expect(functionNameOfArn(arn)).toBe(name);
  });

  it.each([
    'my-auth',
    'arn:aws:s3:::bucket',
    'arn:aws:lambda:us-east-1:1234:function:short-account',
    'arn:aws:lambda:us-east-1:123456789012:layer:my-layer',
    'arn:aws:lambda:us-east-1:123456789012:function:',
    'arn:aws:lambda:us-east-1:123456789012:function:a b',
  ])('finds no function name in %s', (arn) => {
    expect(functionNameOfArn(arn)).toBeUndefined();
  });
});
