import { partitionOfRegion } from './partitions';

/** ARNs and URLs, built for the region's partition (aws, aws-cn, aws-us-gov, ...). */

/** A region no partition lists yet (newer than this plugin) is named by its prefix. */
export function partitionOf(region: string): string {
  const known = partitionOfRegion(region);
  if (known) return known.id;
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

function dnsSuffixOf(region: string): string {
  return (
    partitionOfRegion(region)?.dnsSuffix ??
    (region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com')
  );
}

export function lambdaFunctionArn(region: string, accountId: string, functionName: string): string {
  return `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${functionName}`;
}

/**
 * The URI API Gateway calls to invoke a Lambda function (integrations and authorizers). Its
 * region is the function's, not the API's: "{region} is the same as the region hosting the
 * Lambda function" (API Gateway v2 reference, CreateAuthorizer AuthorizerUri,
 * https://docs.aws.amazon.com/apigatewayv2/latest/api-reference/apis-apiid-authorizers.html).
 */
export function lambdaInvocationUri(functionArn: string): string {
  const parsed = parseLambdaFunctionArn(functionArn);
  if (!parsed) throw new Error(`not a Lambda function ARN: ${functionArn}`);
  return `arn:${parsed.partition}:apigateway:${parsed.region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
}

/** The function ARN inside an invocation URI, or undefined for any other kind of URI. */
export function functionArnOfInvocationUri(uri: string | undefined): string | undefined {
  return uri?.match(/\/functions\/(.+)\/invocations$/)?.[1];
}

export function executeApiArn(
  region: string,
  accountId: string,
  apiId: string,
  path: string,
): string {
  return `arn:${partitionOf(region)}:execute-api:${region}:${accountId}:${apiId}/${path}`;
}

export function apiResourceArn(region: string, apiId: string): string {
  return `arn:${partitionOf(region)}:apigateway:${region}::/apis/${apiId}`;
}

export function stageResourceArn(region: string, apiId: string, stageName: string): string {
  return `${apiResourceArn(region, apiId)}/stages/${stageName}`;
}

function stageHost(region: string, apiId: string): string {
  return `${apiId}.execute-api.${region}.${dnsSuffixOf(region)}`;
}

export function websocketUrl(region: string, apiId: string, stage: string): string {
  return `wss://${stageHost(region, apiId)}/${stage}`;
}

/** The `@connections` management endpoint, as `ApiGatewayManagementApiClient` takes it. */
export function callbackUrl(region: string, apiId: string, stage: string): string {
  return `https://${stageHost(region, apiId)}/${stage}`;
}

const LAMBDA_ARN =
  /^arn:(aws(?:-[a-z]+)*):lambda:([a-z0-9-]+):(\d{12}):function:([A-Za-z0-9_-]+)(?::[A-Za-z0-9_$-]+)?$/;

/** The parts of a Lambda function ARN (`arn:<partition>:lambda:<region>:<account>:function:<name>[:<qualifier>]`). */
export interface LambdaFunctionArn {
  partition: string;
  region: string;
  accountId: string;
  functionName: string;
}

/** The parts of a Lambda function ARN, or undefined when it is not one (partition and region not checked). */
export function parseLambdaFunctionArn(arn: string): LambdaFunctionArn | undefined {
  const match = LAMBDA_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, functionName] = match;
  return { partition, region, accountId, functionName };
}

/** The function name in a Lambda function ARN, or undefined when it is not one. */
export function functionNameOfArn(arn: string): string | undefined {
  return parseLambdaFunctionArn(arn)?.functionName;
}

/** The client URL on a custom domain; `key` is the API mapping key ('' for the root). */
export function customDomainUrl(domainName: string, key: string): string {
  return `wss://${domainName}/${key}`;
}
