import type * as AWS from 'aws-sdk';
import { CallContext, OperationTable, ServiceBinding } from './call-context';
import { badRequest } from './errors';

const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/**
 * API Gateway's account settings (API Gateway v1 getAccount/updateAccount), per region: the
 * CloudWatch Logs role that execution logging of every API, REST or WebSocket, needs.
 */
export class FakeApiGatewayAccount {
  private readonly roleArnByRegion = new Map<string, string>();

  binding(): ServiceBinding {
    const operations = {
      getAccount: (
        _p: AWS.APIGateway.GetAccountRequest,
        ctx: CallContext,
      ): AWS.APIGateway.Account => this.account(ctx.region),

      updateAccount: (
        p: AWS.APIGateway.UpdateAccountRequest,
        ctx: CallContext,
      ): AWS.APIGateway.Account => {
        for (const { op, path, value } of p.patchOperations ?? []) {
          if (op !== 'replace' || path !== '/cloudwatchRoleArn') {
            throw badRequest(
              `Invalid patch operation specified. Must be 'replace' for path '/cloudwatchRoleArn'`,
            );
          }
          if (value === undefined || value === '') {
            this.roleArnByRegion.delete(ctx.region);
          } else if (!ROLE_ARN.test(value)) {
            throw badRequest(`The role ARN is not well formed: ${value}`);
          } else {
            this.roleArnByRegion.set(ctx.region, value);
          }
        }
        return this.account(ctx.region);
      },
    } satisfies OperationTable<AWS.APIGateway>;
    return { service: 'APIGateway', operations };
  }

  /** The role execution logging in that region writes with; undefined when not set. */
  cloudwatchRoleArn(region: string): string | undefined {
    return this.roleArnByRegion.get(region);
  }

  setCloudwatchRoleArnDirectly(region: string, roleArn: string): void {
    this.roleArnByRegion.set(region, roleArn);
  }

  private account(region: string): AWS.APIGateway.Account {
    const cloudwatchRoleArn = this.roleArnByRegion.get(region);
    return {
      ...(cloudwatchRoleArn && { cloudwatchRoleArn }),
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      features: ['UsagePlans'],
      apiKeyVersion: '4',
    };
  }
}
