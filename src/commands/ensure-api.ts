import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings, WebsocketConfig } from '../config/types';
import { ownershipTags } from '../desired-state';
import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { planTags, wantedTags } from '../reconcile/tags-plan';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { checkLoggingRole } from './logs';
import { checkAuthorizerReach } from './permissions';

/** The service's API as it exists in AWS at the start of the reconcile. */
export interface ReadyApi {
  apiId: string;
  /** Created by this deploy: there is no draft to read and no grant to look for. */
  isNew: boolean;
  accountId: string;
  /** The found API's tags before this deploy (none for a new API). */
  tags?: Record<string, string>;
}

/** What the API itself should be: name, expression, description and tags. */
type WantedApi = ApiSettings & { description: string; tags: Record<string, string> };

/**
 * Creates the API, or brings the found one's name, expression, description and tags up to date.
 * `isNew` tells that there is no draft to read; `tags` are the found API's tags before the update.
 */
async function ensureApi(
  context: CommandContext,
  desired: WantedApi,
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

/** Finds or creates the service's API and reads the account id its ARNs need. */
export async function readyApi(
  context: CommandContext,
  config: WebsocketConfig,
): Promise<ReadyApi> {
  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  // Before the first write: a deploy that cannot set up its logs changes nothing.
  await checkLoggingRole(context, config.production.logs, accountId);
  await checkAuthorizerReach(context, config, accountId);
  const { service, stage } = context.service;
  const api = await ensureApi(context, {
    ...config,
    description: config.production.description ?? '',
    tags: wantedTags(ownershipTags(service, stage), config.production.tags),
  });
  return { ...api, accountId };
}
