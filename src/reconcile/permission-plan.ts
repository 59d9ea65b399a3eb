import type { ApiGatewayV2 } from 'aws-sdk';
import {
  executeApiArn,
  functionArnOfInvocationUri,
  parseLambdaFunctionArn,
  partitionOf,
} from '../arns';
import type { PolicyStatement } from '../aws/lambda';
import type { AuthorizerConfig } from '../config/types';
import type { DesiredApi } from '../desired-state';

export const API_GATEWAY_PRINCIPAL = 'apigateway.amazonaws.com';

/** A permission with its SourceArn resolved to the API's id. */
export interface ResolvedPermission {
  functionName: string;
  statementId: string;
  sourceArn: string;
}

export interface PermissionPlan {
  toAdd: ResolvedPermission[];
  /** Our statement exists but grants something else (another API id): remove, then add. */
  toReplace: ResolvedPermission[];
}

function grants(statement: PolicyStatement, wanted: ResolvedPermission): boolean {
  const principal =
    typeof statement.Principal === 'string' ? statement.Principal : statement.Principal?.Service;
  return (
    principal === API_GATEWAY_PRINCIPAL &&
    statement.Condition?.ArnLike?.['AWS:SourceArn'] === wanted.sourceArn
  );
}

/** Compares wanted permissions with the functions' current policies. Pure. */
export function planPermissions(
  wanted: ResolvedPermission[],
  statementsByFunction: Record<string, PolicyStatement[]>,
): PermissionPlan {
  const plan: PermissionPlan = { toAdd: [], toReplace: [] };
  for (const permission of wanted) {
    const statements = statementsByFunction[permission.functionName] ?? [];
    const ours = statements.find((statement) => statement.Sid === permission.statementId);
    if (!ours) plan.toAdd.push(permission);
    else if (!grants(ours, permission)) plan.toReplace.push(permission);
  }
  return plan;
}

/** One of the plugin's statements to take off a function's policy. */
export interface Revocation {
  functionArn: string;
  statementId: string;
}

/** Whose statements the plugin made: its account, and this service and stage's statement ids. */
export interface Grantor {
  accountId: string;
  invokeStatementId: string;
  authorizerStatementId: string;
}

/**
 * Our statement on every function behind `uris` that is in our account and not in `keep`. In
 * another account the plugin never granted anything (managedExternally), so it takes nothing.
 */
function revocationsOf(
  uris: (string | undefined)[],
  statementId: string,
  keep: Set<string>,
  accountId: string,
): Revocation[] {
  const functionArns = new Set(
    uris
      .map(functionArnOfInvocationUri)
      .filter(
        (arn): arn is string =>
          arn !== undefined &&
          !keep.has(arn) &&
          parseLambdaFunctionArn(arn)?.accountId === accountId,
      ),
  );
  return [...functionArns].map((functionArn) => ({ functionArn, statementId }));
}

/** The stale integrations and authorizers to delete, and the statements to take back first. */
export interface Retirement {
  revocations: Revocation[];
  integrations: ApiGatewayV2.Integration[];
  authorizers: ApiGatewayV2.Authorizer[];
}

/**
 * What retiring the draft's stale integrations and authorizers takes: a function that lost its
 * websocket events loses its invoke statement, an authorizer function no longer used loses its
 * authorizer statement, unless the desired API still uses that function the same way. Pure.
 */
export function planRetirement(
  stale: Pick<Retirement, 'integrations' | 'authorizers'>,
  desired: Pick<DesiredApi, 'integrations' | 'authorizers'>,
  grantor: Grantor,
): Retirement {
  const functionsOf = (uris: string[]) =>
    new Set(uris.map(functionArnOfInvocationUri).filter((arn): arn is string => !!arn));
  const integrated = functionsOf(desired.integrations.map((integration) => integration.uri));
  const authorizing = functionsOf(desired.authorizers.map((authorizer) => authorizer.uri));
  return {
    ...stale,
    revocations: [
      ...revocationsOf(
        stale.integrations.map((integration) => integration.IntegrationUri),
        grantor.invokeStatementId,
        integrated,
        grantor.accountId,
      ),
      ...revocationsOf(
        stale.authorizers.map((authorizer) => authorizer.AuthorizerUri),
        grantor.authorizerStatementId,
        authorizing,
        grantor.accountId,
      ),
    ],
  };
}

/**
 * On `sls remove`: the authorizer statement on every authorizer function outside the service
 * (given by ARN), which outlives the stack; the service's own functions go with the stack.
 */
export function planRemovalRevocations(
  authorizers: ApiGatewayV2.Authorizer[],
  serviceFunctionArns: string[],
  grantor: Grantor,
): Revocation[] {
  return revocationsOf(
    authorizers.map((authorizer) => authorizer.AuthorizerUri),
    grantor.authorizerStatementId,
    new Set(serviceFunctionArns),
    grantor.accountId,
  );
}

/** Where the API is, as far as it is known before the first write. */
export interface ApiLocation {
  region: string;
  accountId: string;
  /** Undefined when the API does not exist yet. */
  apiId?: string;
}

/** The exact command the owner of a function in another account runs to let our API call it. */
export function ownerGrantCommand(
  functionArn: string,
  statementId: string,
  api: ApiLocation,
): string {
  const sourceArn = executeApiArn(
    api.region,
    api.accountId,
    api.apiId ?? '<apiId>',
    'authorizers/*',
  );
  const functionRegion = parseLambdaFunctionArn(functionArn)?.region ?? api.region;
  return `aws lambda add-permission --function-name ${functionArn} --statement-id ${statementId} --action lambda:InvokeFunction --principal ${API_GATEWAY_PRINCIPAL} --source-arn ${sourceArn} --region ${functionRegion}`;
}

/**
 * Authorizers given by ARN that API Gateway cannot call as configured. Another region of the
 * same partition works: "Each account can be in any region where Amazon API Gateway is
 * available" (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-lambda-authorizer-cross-account-lambda-authorizer.html),
 * with the function's region in the authorizer URI. Another partition is isolated (its own
 * accounts and credentials). Another account works once its owner has granted the permission,
 * which the plugin cannot do (Lambda's AddPermission does not work across accounts:
 * github.com/awsdocs/aws-lambda-developer-guide/issues/139), hence `managedExternally`. Pure.
 */
export function authorizerReachProblems(
  authorizers: AuthorizerConfig[],
  api: ApiLocation,
  statementId: string,
): string[] {
  const problems: string[] = [];
  const apiPartition = partitionOf(api.region);
  for (const authorizer of authorizers) {
    if (authorizer.function.kind !== 'arn') continue;
    const { arn } = authorizer.function;
    const parsed = parseLambdaFunctionArn(arn);
    if (!parsed) continue;
    if (parsed.partition !== apiPartition) {
      problems.push(
        `${authorizer.label}: authorizer.arn ${arn} is in partition ${parsed.partition}, the API in ${apiPartition} (region ${api.region}); API Gateway cannot call a function in another partition: deploy the authorizer in partition ${apiPartition}`,
      );
      continue;
    }
    if (parsed.accountId === api.accountId || authorizer.managedExternally) continue;
    const apiIdNote = api.apiId
      ? ''
      : ` (<apiId>: this service and stage have no API yet; deploy once with managedExternally: true, then take the id from the wss://<apiId>.execute-api... URL that \`sls deploy\` and \`sls info\` print; until the owner has run the command, $connect fails)`;
    problems.push(
      `${authorizer.label}: authorizer.arn ${arn} belongs to account ${parsed.accountId}, not to the deploying account ${api.accountId}, so the plugin cannot grant API Gateway the permission to invoke it. Have the function's owner run\n      ${ownerGrantCommand(arn, statementId, api)}\n    and set authorizer.managedExternally: true${apiIdNote}`,
    );
  }
  return problems;
}

/** The size limit of a function's resource policy: 20 KB, not raisable (Lambda quotas). */
export const POLICY_SIZE_LIMIT = '20 KB';

/** What fills a function's policy, for the error when it is full. */
export function describePolicyFill(statements: PolicyStatement[]): string {
  const ours = statements.filter((statement) => statement.Sid?.startsWith('websockets-'));
  const apiGateway = statements.filter((statement) => {
    const principal =
      typeof statement.Principal === 'string' ? statement.Principal : statement.Principal?.Service;
    return principal === API_GATEWAY_PRINCIPAL;
  });
  return `it holds ${statements.length} statements, ${apiGateway.length} of them for API Gateway, ${ours.length} made by serverless-websockets-plugin (one per service, stage and kind: ${ours.map((statement) => statement.Sid).join(', ') || 'none'})`;
}
