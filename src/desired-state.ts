import { createHash } from 'crypto';
import { lambdaFunctionArn, lambdaInvocationUri } from './arns';
import type { AuthorizerConfig, WebsocketConfig } from './config/types';
import { logGroupArn, logGroupName, type WantedLogGroup } from './reconcile/log-group-plan';
import { wantedStageSettings, type WantedStageSettings } from './reconcile/stage-settings-plan';
import { wantedTags } from './reconcile/tags-plan';

/**
 * The WebSocket API as AWS should hold it, resolved to ARNs and URIs but not yet to AWS ids.
 * Built from the validated config; pure.
 */

/** Where the deploy happens and what the framework named the functions. */
export interface DeployTarget {
  service: string;
  stage: string;
  region: string;
  accountId: string;
  /** Function key -> deployed Lambda function name. */
  functionNames: Record<string, string>;
}

export interface DesiredIntegration {
  /** The integration's identity: one integration per function. */
  uri: string;
}

export interface DesiredAuthorizer {
  name: string;
  uri: string;
  identitySource: string[];
}

export interface DesiredRoute {
  routeKey: string;
  integrationUri: string;
  authorizerName?: string;
  iamAuthorization?: true;
  routeResponseSelectionExpression?: string;
}

/** Lets API Gateway invoke a function; `sourcePath` follows `<apiId>/` in the SourceArn. */
export interface DesiredPermission {
  /** Function name, or ARN for a function outside the service. */
  functionName: string;
  statementId: string;
  sourcePath: '*' | 'authorizers/*';
}

export interface DesiredApi {
  name: string;
  routeSelectionExpression: string;
  /** Empty when the user sets none. */
  description: string;
  /** The API's and the stage's tags: ownership, the user's, and the list of the user's. */
  tags: Record<string, string>;
  stageName: string;
  stageSettings: WantedStageSettings;
  /** The access log group; undefined when access logging is off. */
  logGroup?: WantedLogGroup;
  integrations: DesiredIntegration[];
  authorizers: DesiredAuthorizer[];
  routes: DesiredRoute[];
  permissions: DesiredPermission[];
}

export const SERVICE_TAG = 'serverless-websockets-plugin:service';
export const STAGE_TAG = 'serverless-websockets-plugin:stage';

export function ownershipTags(service: string, stage: string): Record<string, string> {
  return { [SERVICE_TAG]: service, [STAGE_TAG]: stage };
}

const STATEMENT_ID_MAX = 100;

/**
 * A statement id per service, stage and kind. It holds no API id, so a recreated API reuses it
 * (and the plugin replaces its SourceArn), and it is unique per service and stage (a readable
 * part plus a hash of the exact pair), so a function shared by several services, such as an
 * authorizer given by ARN, gets one statement each.
 */
export function statementId(kind: 'invoke' | 'authorizer', service: string, stage: string): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([service, stage]))
    .digest('hex')
    .slice(0, 8);
  const readable = `websockets-${kind}-${service}-${stage}`.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${readable.slice(0, STATEMENT_ID_MAX - hash.length - 1)}-${hash}`;
}

function authorizerFunctionArn(authorizer: AuthorizerConfig, target: DeployTarget): string {
  return authorizer.function.kind === 'arn'
    ? authorizer.function.arn
    : functionArn(authorizer.function.functionKey, target);
}

function functionArn(functionKey: string, target: DeployTarget): string {
  return lambdaFunctionArn(target.region, target.accountId, target.functionNames[functionKey]);
}

function wantedLogGroup(config: WebsocketConfig, target: DeployTarget): WantedLogGroup | undefined {
  const { logs } = config.production;
  if (!logs?.accessLogging) return undefined;
  return {
    name: logGroupName(target.service, target.stage),
    retentionInDays: logs.retentionInDays,
  };
}

export function desiredApi(config: WebsocketConfig, target: DeployTarget): DesiredApi {
  const logGroup = wantedLogGroup(config, target);
  const uriOfFunction = (functionKey: string) =>
    lambdaInvocationUri(functionArn(functionKey, target));
  const integratedFunctionKeys = [...new Set(config.routes.map((route) => route.functionKey))];

  const invokePermissions = integratedFunctionKeys.map((functionKey): DesiredPermission => ({
    functionName: target.functionNames[functionKey],
    statementId: statementId('invoke', target.service, target.stage),
    sourcePath: '*',
  }));
  const grantedAuthorizers = config.authorizers.filter(
    (authorizer) => !authorizer.managedExternally,
  );
  const authorizerPermissions = grantedAuthorizers.map((authorizer): DesiredPermission => ({
    functionName:
      authorizer.function.kind === 'arn'
        ? authorizer.function.arn
        : target.functionNames[authorizer.function.functionKey],
    statementId: statementId('authorizer', target.service, target.stage),
    sourcePath: 'authorizers/*',
  }));

  return {
    name: config.name,
    routeSelectionExpression: config.routeSelectionExpression,
    description: config.production.description ?? '',
    tags: wantedTags(ownershipTags(target.service, target.stage), config.production.tags),
    stageName: target.stage,
    stageSettings: wantedStageSettings(
      config.production,
      config.routes,
      logGroup && logGroupArn(target.region, target.accountId, logGroup.name),
    ),
    logGroup,
    integrations: integratedFunctionKeys.map((functionKey) => ({
      uri: uriOfFunction(functionKey),
    })),
    authorizers: config.authorizers.map((authorizer) => ({
      name: authorizer.name,
      uri: lambdaInvocationUri(authorizerFunctionArn(authorizer, target)),
      identitySource: authorizer.identitySource,
    })),
    routes: config.routes.map((route) => ({
      routeKey: route.routeKey,
      integrationUri: uriOfFunction(route.functionKey),
      authorizerName: route.authorizerName,
      iamAuthorization: route.iamAuthorization,
      routeResponseSelectionExpression: route.routeResponseSelectionExpression,
    })),
    permissions: [...invokePermissions, ...authorizerPermissions],
  };
}
