import type { ApiGatewayV2 } from 'aws-sdk';
import { apiResourceArn, executeApiArn, websocketUrl } from '../arns';
import { getAccountId } from '../aws/sts';
import { runBounded } from '../concurrency';
import { readWebsocketConfig } from '../config/read-config';
import type { WebsocketConfig } from '../config/types';
import { desiredApi, type DesiredApi } from '../desired-state';
import { awsErrorCode, awsStep } from '../errors';
import { applyDraftPlan } from '../reconcile/apply-draft-plan';
import { countDraftWrites, planDraft, routesWithResponsesToRead } from '../reconcile/draft-plan';
import type { ExistingDraft } from '../reconcile/existing-state';
import { planPermissions, type ResolvedPermission } from '../reconcile/permission-plan';
import { draftFingerprint, stageDescription, stageServesDraft } from '../reconcile/stage-state';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { readDraft } from './read-draft';

/**
 * Creates the API, or brings the found one's name, expression and tags up to date.
 * `isNew` tells that there is no draft to read.
 */
async function ensureApi(
  context: CommandContext,
  desired: DesiredApi,
): Promise<{ apiId: string; isNew: boolean }> {
  const { apigateway, log } = context;
  const found = await findDeployedApi(context);
  if (!found?.api.ApiId) {
    const created = await awsStep(`create WebSocket API "${desired.name}"`, () =>
      apigateway.createApi({
        Name: desired.name,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: desired.routeSelectionExpression,
        Tags: desired.tags,
      }),
    );
    log.info(`created WebSocket API "${desired.name}" (${created.ApiId})`);
    return { apiId: created.ApiId as string, isNew: true };
  }
  const { api } = found;
  const apiId = api.ApiId as string;
  if (
    api.Name !== desired.name ||
    api.RouteSelectionExpression !== desired.routeSelectionExpression
  ) {
    await awsStep(`update the name and route selection expression of API ${apiId}`, () =>
      apigateway.updateApi({
        ApiId: apiId,
        Name: desired.name,
        RouteSelectionExpression: desired.routeSelectionExpression,
      }),
    );
    log.info(`updated WebSocket API "${desired.name}" (${apiId})`);
  }
  if (found.adopt) {
    await awsStep(`tag API ${apiId} for ${describeServiceStage(context)}`, () =>
      apigateway.tagResource({
        ResourceArn: apiResourceArn(context.region, apiId),
        Tags: desired.tags,
      }),
    );
    log.info(`adopted the existing WebSocket API "${api.Name}" (${apiId})`);
  }
  return { apiId, isNew: false };
}

const EMPTY_DRAFT: ExistingDraft = {
  integrations: [],
  authorizers: [],
  routes: [],
  routeResponses: {},
};

async function readExistingDraft(
  context: CommandContext,
  apiId: string,
  desired: DesiredApi,
): Promise<ExistingDraft> {
  const draft = await readDraft(context.apigateway, apiId);
  const routes = routesWithResponsesToRead(draft.routes, desired);
  const responses = await runBounded(
    routes.map(
      (route) => () =>
        awsStep(`read the route responses of route "${route.RouteKey}"`, () =>
          context.apigateway.getRouteResponses(apiId, route.RouteId as string),
        ),
    ),
  );
  const routeResponses: ExistingDraft['routeResponses'] = {};
  routes.forEach((route, index) => (routeResponses[route.RouteId as string] = responses[index]));
  return { ...draft, routeResponses };
}

/** Lets API Gateway invoke every integrated and authorizer function, for this API id only. */
async function grantPermissions(
  context: CommandContext,
  apiId: string,
  desired: DesiredApi,
  accountId: string,
): Promise<number> {
  const { lambda, region } = context;
  const wanted: ResolvedPermission[] = desired.permissions.map((permission) => ({
    functionName: permission.functionName,
    statementId: permission.statementId,
    sourceArn: executeApiArn(region, accountId, apiId, permission.sourcePath),
  }));
  const functionNames = [...new Set(wanted.map((permission) => permission.functionName))];
  const policies = await runBounded(
    functionNames.map(
      (name) => () =>
        awsStep(`read the resource policy of function ${name}`, () =>
          lambda.getPolicyStatements(name),
        ),
    ),
  );
  const plan = planPermissions(
    wanted,
    Object.fromEntries(functionNames.map((name, index) => [name, policies[index]])),
  );
  const add = (permission: ResolvedPermission) =>
    awsStep(`allow API Gateway to invoke function ${permission.functionName}`, () =>
      lambda.addPermission({
        FunctionName: permission.functionName,
        StatementId: permission.statementId,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: permission.sourceArn,
      }),
    );
  await runBounded([
    ...plan.toAdd.map((permission) => () => add(permission)),
    ...plan.toReplace.map((permission) => async () => {
      await awsStep(
        `remove the outdated permission ${permission.statementId} of function ${permission.functionName}`,
        () =>
          lambda.removePermission({
            FunctionName: permission.functionName,
            StatementId: permission.statementId,
          }),
      );
      await add(permission);
    }),
  ]);
  return plan.toAdd.length + plan.toReplace.length;
}

async function getStageIfAny(
  context: CommandContext,
  apiId: string,
  stageName: string,
): Promise<ApiGatewayV2.GetStageResponse | undefined> {
  try {
    return await context.apigateway.getStage({ ApiId: apiId, StageName: stageName });
  } catch (error) {
    if (awsErrorCode(error) === 'NotFoundException') return undefined;
    throw error;
  }
}

/**
 * Makes a deployment and puts it on the stage, unless the stage already serves this exact draft.
 * Returns the new deployment's id, or undefined when none was needed.
 */
async function deployStage(
  context: CommandContext,
  apiId: string,
  stageName: string,
  fingerprint: string,
  draftChanged: boolean,
): Promise<string | undefined> {
  const { apigateway } = context;
  const stage = await awsStep(`read stage "${stageName}" of API ${apiId}`, () =>
    getStageIfAny(context, apiId, stageName),
  );
  if (stage && !draftChanged && stageServesDraft(stage, fingerprint)) return undefined;

  const deployment = await awsStep(`create a deployment of API ${apiId}`, () =>
    apigateway.createDeployment({
      ApiId: apiId,
      Description: `serverless-websockets-plugin state ${fingerprint}`,
    }),
  );
  const deploymentId = deployment.DeploymentId as string;
  const settings = {
    ApiId: apiId,
    StageName: stageName,
    DeploymentId: deploymentId,
    Description: stageDescription(fingerprint, deploymentId),
  };
  await awsStep(`put deployment ${deploymentId} on stage "${stageName}" of API ${apiId}`, () =>
    stage ? apigateway.updateStage(settings) : apigateway.createStage(settings),
  );
  return deploymentId;
}

async function warnAboutUnusedApi(context: CommandContext): Promise<void> {
  const found = await findDeployedApi(context);
  if (found?.api.ApiId) {
    context.log.warning(
      `no function has websocket events, so API "${found.api.Name}" (${found.api.ApiId}) was left as it is; \`sls remove\` deletes it`,
    );
  }
}

function functionNames(context: CommandContext, config: WebsocketConfig): Record<string, string> {
  const keys = new Set(config.routes.map((route) => route.functionKey));
  for (const authorizer of config.authorizers) {
    if (authorizer.function.kind === 'service') keys.add(authorizer.function.functionKey);
  }
  const { service, stage, functions } = context.service;
  return Object.fromEntries(
    [...keys].map((key) => [key, functions[key].name ?? `${service}-${stage}-${key}`]),
  );
}

/** Brings the service's WebSocket API in AWS to what serverless.yml describes. */
export async function deployApi(context: CommandContext): Promise<void> {
  const { log, service, region } = context;
  const config = readWebsocketConfig(service);
  config.warnings.forEach((warning) => log.warning(warning));
  if (config.routes.length === 0) {
    await warnAboutUnusedApi(context);
    return;
  }

  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  const desired = desiredApi(config, {
    service: service.service,
    stage: service.stage,
    region,
    accountId,
    functionNames: functionNames(context, config),
  });

  const { apiId, isNew } = await ensureApi(context, desired);
  const existing = isNew ? EMPTY_DRAFT : await readExistingDraft(context, apiId, desired);
  const plan = planDraft(desired, existing);
  const draftWrites = countDraftWrites(plan);
  const ids = await applyDraftPlan(context.apigateway, apiId, plan);
  if (draftWrites > 0)
    log.info(`updated the routes, integrations and authorizers (${draftWrites} changes)`);

  const permissionWrites = await grantPermissions(context, apiId, desired, accountId);
  if (permissionWrites > 0) log.info(`granted API Gateway ${permissionWrites} invoke permissions`);

  const fingerprint = draftFingerprint(desired, ids);
  const deploymentId = await deployStage(
    context,
    apiId,
    desired.stageName,
    fingerprint,
    draftWrites > 0,
  );
  log.info(
    deploymentId
      ? `deployed stage "${desired.stageName}" (deployment ${deploymentId})`
      : `stage "${desired.stageName}" already serves the current routes; nothing to deploy`,
  );
  log.info(websocketUrl(region, apiId, desired.stageName));
}
