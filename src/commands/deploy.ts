import { apiResourceArn, customDomainUrl, websocketUrl } from '../arns';
import { getAccountId } from '../aws/sts';
import { runBounded } from '../concurrency';
import { readWebsocketConfig } from '../config/read-config';
import type { WebsocketConfig } from '../config/types';
import { desiredApi, type DesiredApi } from '../desired-state';
import { awsStep } from '../errors';
import { applyDraftPlan } from '../reconcile/apply-draft-plan';
import { countDraftWrites, planDraft, routesWithResponsesToRead } from '../reconcile/draft-plan';
import type { ExistingDraft } from '../reconcile/existing-state';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { draftFingerprint } from '../reconcile/stage-state';
import { planTags } from '../reconcile/tags-plan';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { deployDomain } from './domain';
import { checkLoggingRole, ensureLogGroup } from './logs';
import { grantPermissions } from './permissions';
import { readDraft } from './read-draft';
import { deployStage } from './stage';

/**
 * Creates the API, or brings the found one's name, expression and tags up to date.
 * `isNew` tells that there is no draft to read.
 */
async function ensureApi(
  context: CommandContext,
  desired: DesiredApi,
): Promise<{ apiId: string; isNew: boolean; tags?: Record<string, string> }> {
  const { apigateway, log } = context;
  const found = await findDeployedApi(context);
  if (!found?.api.ApiId) {
    const created = await awsStep(`create WebSocket API "${desired.name}"`, () =>
      apigateway.createApi({
        Name: desired.name,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: desired.routeSelectionExpression,
        Description: desired.description || undefined,
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
    api.RouteSelectionExpression !== desired.routeSelectionExpression ||
    (api.Description ?? '') !== desired.description
  ) {
    await awsStep(
      `update the name, route selection expression and description of API ${apiId}`,
      () =>
        apigateway.updateApi({
          ApiId: apiId,
          Name: desired.name,
          RouteSelectionExpression: desired.routeSelectionExpression,
          Description: desired.description,
        }),
    );
    log.info(`updated WebSocket API "${desired.name}" (${apiId})`);
  }
  const label = `API ${apiId} for ${describeServiceStage(context)}`;
  await applyTagsPlan(
    apigateway,
    apiResourceArn(context.region, apiId),
    label,
    planTags(desired.tags, api.Tags),
  );
  if (found.adopt) log.info(`adopted the existing WebSocket API "${api.Name}" (${apiId})`);
  return { apiId, isNew: false, tags: api.Tags };
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
  await checkLoggingRole(context, config.production.logs, accountId);
  const desired = desiredApi(config, {
    service: service.service,
    stage: service.stage,
    region,
    accountId,
    functionNames: functionNames(context, config),
  });

  const { apiId, isNew, tags: apiTags } = await ensureApi(context, desired);
  const existing = isNew ? EMPTY_DRAFT : await readExistingDraft(context, apiId, desired);
  const plan = planDraft(desired, existing);
  const draftWrites = countDraftWrites(plan);
  const ids = await applyDraftPlan(context.apigateway, apiId, plan);
  if (draftWrites > 0)
    log.info(`updated the routes, integrations and authorizers (${draftWrites} changes)`);

  const permissionWrites = await grantPermissions(context, { apiId, isNew }, desired, accountId);
  if (permissionWrites > 0) log.info(`granted API Gateway ${permissionWrites} invoke permissions`);

  const logGroupWrites = await ensureLogGroup(context, desired.logGroup, isNew);
  if (logGroupWrites > 0) log.info(`set up log group ${desired.logGroup?.name}`);

  const { deploymentId, settingsWrites } = await deployStage(context.apigateway, {
    region,
    apiId,
    stageName: desired.stageName,
    fingerprint: draftFingerprint(desired, ids),
    apiIsNew: isNew,
    draftChanged: draftWrites > 0,
    settings: desired.stageSettings,
    tags: desired.tags,
  });
  if (settingsWrites > 0) log.info(`updated the settings and tags of stage "${desired.stageName}"`);
  log.info(
    deploymentId
      ? `deployed stage "${desired.stageName}" (deployment ${deploymentId})`
      : `stage "${desired.stageName}" already serves the current routes; nothing to deploy`,
  );
  log.info(websocketUrl(region, apiId, desired.stageName));

  const { domain } = config.production;
  await deployDomain(context, { apiId, stageName: desired.stageName, domain, apiTags });
  if (domain) log.info(customDomainUrl(domain.name, domain.basePath ?? ''));
}
