import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings, WebsocketConfig } from '../config/types';
import { ownershipTags } from '../desired-state';
import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { planTags, wantedTags, type TagsPlan } from '../reconcile/tags-plan';
import type { FoundApi } from '../reconcile/find-api';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { checkLoggingRole } from './logs';

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
export type WantedApi = ApiSettings & { description: string; tags: Record<string, string> };

/** What the deploy does to the API itself, read before any write. */
export interface ApiPlan {
  accountId: string;
  wanted: WantedApi;
  /** The service's API as found; undefined: it is created (createApi sets everything). */
  existing?: {
    found: FoundApi & { api: { ApiId: string } };
    /** Its name, expression or description differs (one updateApi call). */
    updateSettings: boolean;
    tags: TagsPlan;
  };
}

/** Reads the account id, checks the logging role, finds the API and compares it with the wanted one. */
export async function readApiPlan(
  context: CommandContext,
  config: WebsocketConfig,
): Promise<ApiPlan> {
  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  // Before the first write: a deploy that cannot set up its logs changes nothing.
  await checkLoggingRole(context, config.production.logs, accountId);
  const { service, stage } = context.service;
  const wanted: WantedApi = {
    ...config,
    description: config.production.description ?? '',
    tags: wantedTags(ownershipTags(service, stage), config.production.tags),
  };
  const found = await findDeployedApi(context);
  const apiId = found?.api.ApiId;
  if (!found || !apiId) return { accountId, wanted };
  const { api } = found;
  return {
    accountId,
    wanted,
    existing: {
      found: { ...found, api: { ...api, ApiId: apiId } },
      updateSettings:
        api.Name !== wanted.name ||
        api.RouteSelectionExpression !== wanted.routeSelectionExpression ||
        (api.Description ?? '') !== wanted.description,
      tags: planTags(wanted.tags, api.Tags),
    },
  };
}

/**
 * Creates the API, or brings the found one's name, expression, description and tags up to date.
 * `isNew` tells that there is no draft to read; `tags` are the found API's tags before the update.
 */
export async function applyApiPlan(context: CommandContext, plan: ApiPlan): Promise<ReadyApi> {
  const { apigateway, log } = context;
  const { wanted, existing, accountId } = plan;
  if (!existing) {
    const created = await awsStep(`create WebSocket API "${wanted.name}"`, () =>
      apigateway.createApi({
        Name: wanted.name,
        ProtocolType: 'WEBSOCKET',
        RouteSelectionExpression: wanted.routeSelectionExpression,
        Description: wanted.description || undefined,
        Tags: wanted.tags,
      }),
    );
    log.info(`created WebSocket API "${wanted.name}" (${created.ApiId})`);
    return { apiId: created.ApiId as string, isNew: true, accountId };
  }
  const { api, adopt } = existing.found;
  const apiId = api.ApiId;
  if (existing.updateSettings) {
    await awsStep(
      `update the name, route selection expression and description of API ${apiId}`,
      () =>
        apigateway.updateApi({
          ApiId: apiId,
          Name: wanted.name,
          RouteSelectionExpression: wanted.routeSelectionExpression,
          Description: wanted.description,
        }),
    );
    log.info(`updated WebSocket API "${wanted.name}" (${apiId})`);
  }
  const label = `API ${apiId} for ${describeServiceStage(context)}`;
  await applyTagsPlan(apigateway, apiResourceArn(context.region, apiId), label, existing.tags);
  if (adopt) log.info(`adopted the existing WebSocket API "${api.Name}" (${apiId})`);
  return { apiId, isNew: false, accountId, tags: api.Tags };
}

/** Finds or creates the service's API and reads the account id its ARNs need. */
export async function readyApi(
  context: CommandContext,
  config: WebsocketConfig,
): Promise<ReadyApi> {
  return applyApiPlan(context, await readApiPlan(context, config));
}
