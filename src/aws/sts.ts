import type { STS as Sdk } from 'aws-sdk';
import { operation, type AwsRequest } from './request';

/** The account the framework's credentials belong to. */
export async function getAccountId(request: AwsRequest): Promise<string> {
  const identity = await operation<Sdk.GetCallerIdentityRequest, Sdk.GetCallerIdentityResponse>(
    request,
    'STS',
    'getCallerIdentity',
  )({});
  if (!identity.Account) throw new Error('STS getCallerIdentity returned no account id');
  return identity.Account;
}
