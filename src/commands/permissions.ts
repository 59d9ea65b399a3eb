import type { ApiGatewayV2 } from 'aws-sdk';
import { executeApiArn, functionArnOfInvocationUri } from '../arns';
import type { LambdaClient } from '../aws/lambda';
import { runBounded } from '../concurrency';
import { statementId, type DesiredApi } from '../desired-state';
import { awsErrorCode, awsStep } from '../errors';
import {
  API_GATEWAY_PRINCIPAL,
  planPermissions,
  type PermissionPlan,
  type ResolvedPermission,
} from '../reconcile/permission-plan';
import type { CommandContext } from './context';

/** Changes to the functions' resource policies, with the step each one is. */
class PermissionWriter {
  constructor(private readonly lambda: LambdaClient) {}

  add(permission: ResolvedPermission) {
    return awsStep(`allow API Gateway to invoke function ${permission.functionName}`, () =>
      this.lambda.addPermission({
        FunctionName: permission.functionName,
        StatementId: permission.statementId,
        Action: 'lambda:InvokeFunction',
        Principal: API_GATEWAY_PRINCIPAL,
        SourceArn: permission.sourceArn,
      }),
    );
  }

  /** Our statement id is taken by a grant for something else (an earlier API id). */
  async replace(permission: ResolvedPermission) {
    await awsStep(
      `remove the outdated permission ${permission.statementId} of function ${permission.functionName}`,
      () =>
        this.lambda.removePermission({
          FunctionName: permission.functionName,
          StatementId: permission.statementId,
        }),
    );
    await this.add(permission);
  }

  readPolicy(functionName: string) {
    return awsStep(`read the resource policy of function ${functionName}`, () =>
      this.lambda.getPolicyStatements(functionName),
    );
  }
}

/** Adds every grant; a conflict (a statement id left from an earlier API) is looked into one by one. */
async function grantOptimistically(writer: PermissionWriter, wanted: ResolvedPermission[]) {
  const outcomes = await runBounded(
    wanted.map((permission) => async (): Promise<number> => {
      try {
        await writer.add(permission);
        return 1;
      } catch (error) {
        if (awsErrorCode(error) !== 'ResourceConflictException') throw error;
        const statements = await writer.readPolicy(permission.functionName);
        const plan = planPermissions([permission], { [permission.functionName]: statements });
        if (plan.toReplace.length === 0) return 0;
        await writer.replace(permission);
        return 1;
      }
    }),
  );
  return outcomes.reduce((sum, written) => sum + written, 0);
}

/**
 * The grants a deploy writes. For a new API every grant is missing unless a statement id is left
 * from an earlier API, so it adds them all without reading the policies (`optimistic`) and looks
 * into a conflict when one happens; for an existing API most grants are in place: the policies
 * are read and the difference planned.
 */
export type PermissionsPlan =
  { optimistic: true; wanted: ResolvedPermission[] } | { optimistic: false; plan: PermissionPlan };

export async function readPermissionsPlan(
  context: CommandContext,
  api: { apiId: string; isNew: boolean },
  desired: DesiredApi,
  accountId: string,
): Promise<PermissionsPlan> {
  const wanted: ResolvedPermission[] = desired.permissions.map((permission) => ({
    functionName: permission.functionName,
    statementId: permission.statementId,
    sourceArn: executeApiArn(context.region, accountId, api.apiId, permission.sourcePath),
  }));
  if (api.isNew) return { optimistic: true, wanted };
  const writer = new PermissionWriter(context.lambda);
  const functionNames = [...new Set(wanted.map((permission) => permission.functionName))];
  const policies = await runBounded(functionNames.map((name) => () => writer.readPolicy(name)));
  const plan = planPermissions(
    wanted,
    Object.fromEntries(functionNames.map((name, index) => [name, policies[index]])),
  );
  return { optimistic: false, plan };
}

/** Carries out a permissions plan; returns how many grants were written. */
export async function applyPermissionsPlan(
  context: CommandContext,
  permissions: PermissionsPlan,
): Promise<number> {
  const writer = new PermissionWriter(context.lambda);
  if (permissions.optimistic) return grantOptimistically(writer, permissions.wanted);
  const { plan } = permissions;
  await runBounded([
    ...plan.toAdd.map((permission) => () => writer.add(permission)),
    ...plan.toReplace.map((permission) => () => writer.replace(permission)),
  ]);
  return plan.toAdd.length + plan.toReplace.length;
}

/**
 * Lets API Gateway invoke every integrated and authorizer function, for this API id only.
 * Returns how many grants were written.
 */
export async function grantPermissions(
  context: CommandContext,
  api: { apiId: string; isNew: boolean },
  desired: DesiredApi,
  accountId: string,
): Promise<number> {
  return applyPermissionsPlan(context, await readPermissionsPlan(context, api, desired, accountId));
}

/**
 * The functions whose authorizer grant for this service and stage goes, once the deploy has
 * deleted these authorizers: those no longer an authorizer of the API. Pure.
 */
export function staleAuthorizerFunctions(
  deleted: ApiGatewayV2.Authorizer[],
  desired: DesiredApi,
): string[] {
  const stillUsed = new Set(desired.authorizers.map((a) => functionArnOfInvocationUri(a.uri)));
  const functions = new Set(
    deleted
      .map((authorizer) => functionArnOfInvocationUri(authorizer.AuthorizerUri))
      .filter((arn): arn is string => arn !== undefined && !stillUsed.has(arn)),
  );
  return [...functions];
}

/**
 * Takes back the invoke grant of authorizers this deploy deleted (e.g. `$connect` switched to
 * `aws_iam` or to no authorizer), unless the function is still an authorizer of the API. Runs
 * after the new deployment is live, which no longer calls them. Returns how many were removed.
 */
export async function revokeStaleAuthorizerGrants(
  context: CommandContext,
  deleted: ApiGatewayV2.Authorizer[],
  desired: DesiredApi,
): Promise<number> {
  const ours = statementId('authorizer', context.service.service, context.service.stage);
  const removed = await runBounded(
    staleAuthorizerFunctions(deleted, desired).map((functionArn) => async (): Promise<number> => {
      try {
        await awsStep(`remove the stale authorizer permission of function ${functionArn}`, () =>
          context.lambda.removePermission({ FunctionName: functionArn, StatementId: ours }),
        );
        return 1;
      } catch (error) {
        // Already gone, or the function with it.
        if (awsErrorCode(error) === 'ResourceNotFoundException') return 0;
        throw error;
      }
    }),
  );
  return removed.reduce((sum, count) => sum + count, 0);
}
