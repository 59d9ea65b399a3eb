import { executeApiArn, lambdaFunctionArn } from '../arns';
import type { LambdaClient } from '../aws/lambda';
import { getAccountId } from '../aws/sts';
import { runBounded } from '../concurrency';
import type { WebsocketConfig } from '../config/types';
import { statementId, type DesiredApi } from '../desired-state';
import { awsErrorCode, awsStep, AwsStepError, ConfigurationError } from '../errors';
import type { DraftPlan } from '../reconcile/draft-plan';
import {
  API_GATEWAY_PRINCIPAL,
  authorizerReachProblems,
  describePolicyFill,
  planPermissions,
  planRemovalRevocations,
  planRetirement,
  POLICY_SIZE_LIMIT,
  type Grantor,
  type PermissionPlan,
  type Retirement,
  type ResolvedPermission,
  type Revocation,
} from '../reconcile/permission-plan';
import type { CommandContext } from './context';
import { findDeployedApi } from './find-deployed-api';

/** Changes to the functions' resource policies, with the step each one is. */
class PermissionWriter {
  constructor(private readonly lambda: LambdaClient) {}

  async add(permission: ResolvedPermission) {
    const step = `allow API Gateway to invoke function ${permission.functionName}`;
    try {
      return await awsStep(step, () =>
        this.lambda.addPermission({
          FunctionName: permission.functionName,
          StatementId: permission.statementId,
          Action: 'lambda:InvokeFunction',
          Principal: API_GATEWAY_PRINCIPAL,
          SourceArn: permission.sourceArn,
        }),
      );
    } catch (error) {
      if (awsErrorCode(error) !== 'PolicyLengthExceededException') throw error;
      const statements = await this.readPolicy(permission.functionName);
      throw new AwsStepError(
        `${step}: its resource policy is full (Lambda allows ${POLICY_SIZE_LIMIT} per function, not raisable); ${describePolicyFill(statements)}. Remove the statements no longer needed with \`aws lambda remove-permission --function-name ${permission.functionName} --statement-id <id>\` (\`sls remove\` of a stage removes its own)`,
        error instanceof AwsStepError ? error.cause : error,
      );
    }
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

  /** Takes one of our statements off a function; false when it was not there (or the function). */
  async revoke({ functionArn, statementId: id }: Revocation): Promise<boolean> {
    try {
      await awsStep(
        `remove the permission ${id} no longer needed from function ${functionArn}`,
        () => this.lambda.removePermission({ FunctionName: functionArn, StatementId: id }),
      );
      return true;
    } catch (error) {
      if (awsErrorCode(error) === 'ResourceNotFoundException') return false;
      throw error;
    }
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

function grantorOf(context: CommandContext, accountId: string): Grantor {
  const { service, stage } = context.service;
  return {
    accountId,
    invokeStatementId: statementId('invoke', service, stage),
    authorizerStatementId: statementId('authorizer', service, stage),
  };
}

async function revokeAll(writer: PermissionWriter, revocations: Revocation[]): Promise<number> {
  const removed = await runBounded(
    revocations.map((revocation) => () => writer.revoke(revocation)),
  );
  return removed.filter(Boolean).length;
}

/**
 * What retiring the stale integrations and authorizers of `plan` takes (see `applyRetirement`):
 * the statements to take off their functions, and the deletions. Pure.
 */
export function retirementOf(
  context: CommandContext,
  plan: Pick<DraftPlan, 'integrationsToDelete' | 'authorizersToDelete'>,
  desired: DesiredApi,
  accountId: string,
): Retirement {
  return planRetirement(
    { integrations: plan.integrationsToDelete, authorizers: plan.authorizersToDelete },
    desired,
    grantorOf(context, accountId),
  );
}

/**
 * Once the new deployment is live, which no longer calls them: takes our statement off every
 * function that lost its integration or authorizer, then deletes those from the draft. Until
 * they are deleted the draft remembers them, so a deploy that fails anywhere before this
 * retires them on its next run. Returns how many statements were removed.
 */
export async function applyRetirement(
  context: CommandContext,
  apiId: string,
  retirement: Retirement,
): Promise<number> {
  const revoked = await revokeAll(new PermissionWriter(context.lambda), retirement.revocations);
  const { apigateway } = context;
  await runBounded([
    ...retirement.integrations.map(
      (integration) => () =>
        awsStep(
          `delete stale integration ${integration.IntegrationId} (${integration.IntegrationUri})`,
          () =>
            apigateway.deleteIntegration({
              ApiId: apiId,
              IntegrationId: integration.IntegrationId as string,
            }),
        ),
    ),
    ...retirement.authorizers.map(
      (authorizer) => () =>
        awsStep(`delete stale authorizer "${authorizer.Name}" (${authorizer.AuthorizerId})`, () =>
          apigateway.deleteAuthorizer({
            ApiId: apiId,
            AuthorizerId: authorizer.AuthorizerId as string,
          }),
        ),
    ),
  ]);
  return revoked;
}

/**
 * Before the API is deleted by `sls remove`: takes our statement off the authorizer functions
 * outside the service (given by ARN), which outlive the stack. Returns how many were removed.
 */
export async function revokeOutsideGrants(context: CommandContext, apiId: string): Promise<number> {
  const authorizers = await awsStep(`read the authorizers of API ${apiId}`, () =>
    context.apigateway.getAuthorizers(apiId),
  );
  if (authorizers.length === 0) return 0;
  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  const { service, stage, functions } = context.service;
  const serviceFunctionArns = Object.entries(functions).map(([key, definition]) =>
    lambdaFunctionArn(context.region, accountId, definition.name ?? `${service}-${stage}-${key}`),
  );
  const revocations = planRemovalRevocations(
    authorizers,
    serviceFunctionArns,
    grantorOf(context, accountId),
  );
  return revokeAll(new PermissionWriter(context.lambda), revocations);
}

/**
 * Before the first write of a deploy: every authorizer given by ARN is one API Gateway can call
 * and the plugin can grant (or `managedExternally`). The API id, for the command the owner of a
 * function in another account must run, is looked up only when that is the problem.
 */
export async function checkAuthorizerReach(
  context: CommandContext,
  config: WebsocketConfig,
  accountId: string,
): Promise<void> {
  const { region } = context;
  const id = statementId('authorizer', context.service.service, context.service.stage);
  if (authorizerReachProblems(config.authorizers, { region, accountId }, id).length === 0) return;
  const apiId = (await findDeployedApi(context))?.api.ApiId;
  throw new ConfigurationError(
    authorizerReachProblems(config.authorizers, { region, accountId, apiId }, id),
  );
}
