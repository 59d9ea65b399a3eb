import type * as AWS from 'aws-sdk';
import { CallContext, OperationTable, ServiceBinding } from './call-context';

/** STS: who the (fake) caller is. */
export function stsBinding(): ServiceBinding {
  const operations = {
    getCallerIdentity: (
      _p: AWS.STS.GetCallerIdentityRequest,
      ctx: CallContext,
    ): AWS.STS.GetCallerIdentityResponse => ({
      UserId: 'AIDAFAKEAWSUSERID0001',
      Account: ctx.accountId,
      Arn: `arn:${ctx.partition}:iam::${ctx.accountId}:user/test`,
    }),
  } satisfies OperationTable<AWS.STS>;
  return { service: 'STS', operations };
}
