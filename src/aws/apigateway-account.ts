import type { APIGateway as Sdk } from 'aws-sdk';
import { operation, type AwsRequest } from './request';

/** The role API Gateway writes CloudWatch logs with in this region (account setting, API v1). */
export async function getCloudwatchRoleArn(request: AwsRequest): Promise<string | undefined> {
  const account = await operation<Sdk.GetAccountRequest, Sdk.Account>(
    request,
    'APIGateway',
    'getAccount',
  )({});
  return account.cloudwatchRoleArn || undefined;
}
