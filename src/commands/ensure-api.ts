import type { ApiGatewayV2 } from 'aws-sdk';
import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings, WebsocketConfig } from '../config/types';
import { ownershipTags } from '../desired-state';
import { AwsStepError, awsStep, unlessNotFound } from '../errors';
import type { CommandContext } from './context';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { planTags, wantedTags, type TagsPlan } from '../reconcile/tags-plan';
import { findOwnApi, foreignApiError, type FoundApi } from '../reconcile/find-api';
import {
  apiIdentity,
  describeServiceStage,
  searchApis,
  warnAboutDuplicates,
} from './find-deployed-api';
import { checkLoggingRole } from './logs';
import { checkAuthorizerReach } from './permissions';

/** The service's API as it exists in AWS at the start of the reconcile. */
export interface ReadyApi {
  apiId: string;
  /** Created by this deploy: there is no draft to read and no grant to look for. */
  isNew: boolean;
  accountId: string;
}

/** What the API itself should be: name, expression, description and tags. */
export type WantedApi = ApiSettings & { description: string; tags: Record<string, string> };

/** What a found API's own settings need: one updateApi call, and tag changes. */
export interface ApiSettingsPlan {
  /** Its name, expression or description differs (one updateApi call). */
  updateSettings: boolean;
  tags: TagsPlan;
}

/** What the deploy does to the API itself, read before any write. */
export interface ApiPlan {
  accountId: string;
  wanted: WantedApi;
  /** The service's API as found; undefined: it is created (createApi sets everything). */
  existing?: { found: FoundApi & { api: { ApiId: string } }; settings: ApiSettingsPlan };
}

/** Compares a found API with the wanted one. Pure. */
export function planApiSettings(api: ApiGatewayV2.Api, wanted: WantedApi): ApiSettingsPlan {
  return {
    updateSettings:
      api.Name !== wanted.name ||
      api.RouteSelectionExpression !== wanted.routeSelectionExpression ||
      (api.Description ?? '') !== wanted.description,
    tags: planTags(wanted.tags, api.Tags),
  };
}

function wantedApi(context: CommandContext, config: WebsocketConfig): WantedApi {
  const { service, stage } = context.service;
  return {
    ...config,
    description: config.production.description ?? '',
    tags: wantedTags(ownershipTags(service, stage), config.production.tags),
  };
}

/**
 * Reads the account id, checks what must hold before the first write (the logging role, the
 * authorizers' reach, no API of this name another tool owns), finds the API and compares it
 * with the wanted one. Only reads.
 */
export async function readApiPlan(
  context: CommandContext,
  config: WebsocketConfig,
): Promise<ApiPlan> {
  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  await checkLoggingRole(context, config.production.logs, accountId);
  await checkAuthorizerReach(context, config, accountId);
  const wanted = wantedApi(context, config);
  const { found, foreign } = await searchApis(context);
  const apiId = found?.api.ApiId;
  if (found && apiId) {
    const existing = { found: { ...found, api: { ...found.api, ApiId: apiId } } };
    return {
      accountId,
      wanted,
      existing: { ...existing, settings: planApiSettings(found.api, wanted) },
    };
  }
  if (foreign.length > 0) throw foreignApiError(foreign, apiIdentity(context), context.region);
  return { accountId, wanted };
}

/**
 * Before the stack: creates the API, or uses the found one (after deleting its idle duplicates).
 * A found API's settings are brought up to date later, under the deploy lock
 * (`applyApiSettings`): written here, they could change what a concurrent deploy is about to
 * put live.
 */
async function ensureApi(context: CommandContext, plan: ApiPlan): Promise<ReadyApi> {
  const { accountId, existing } = plan;
  if (existing) return keep(context, existing.found, accountId);

  const created = await createApi(context, plan.wanted);
  // createApi has no idempotency token: a retried call whose first answer was lost, or a deploy
  // of the same stage running at the same time, may have made another API. Each deploy lists
  // again after its own create returned, so the deploy of the younger API always sees the older
  // one (made before it) and gives way to it: every deploy keeps the oldest (none serves yet),
  // and the younger ones are deleted.
  const { found } = await searchApis(context);
  // A list that does not show the new API yet leaves it the one to use (or, beside an older one,
  // an idle duplicate that the next deploy sees and deletes).
  if (!found || found.api.ApiId === created.ApiId) {
    if (found) await settleDuplicates(context, found);
    return { apiId: created.ApiId as string, isNew: true, accountId };
  }
  context.log.info(
    `API ${found.api.ApiId} was made for this service and stage before the one this deploy created (${created.ApiId}): another deploy at the same time, or a retried call whose answer was lost; continuing with ${found.api.ApiId}`,
  );
  return keep(context, found, accountId);
}

/** Uses the found API, after deleting the duplicates of it that serve nothing. */
async function keep(context: CommandContext, found: FoundApi, accountId: string) {
  await settleDuplicates(context, found);
  return { apiId: found.api.ApiId as string, isNew: false, accountId };
}

async function createApi(
  context: CommandContext,
  desired: WantedApi,
): Promise<ApiGatewayV2.CreateApiResponse> {
  const created = await awsStep(`create WebSocket API "${desired.name}"`, () =>
    context.apigateway.createApi({
      Name: desired.name,
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: desired.routeSelectionExpression,
      Description: desired.description || undefined,
      Tags: desired.tags,
    }),
  );
  context.log.info(`created WebSocket API "${desired.name}" (${created.ApiId})`);
  return created;
}

/**
 * Says which APIs are tagged for this service and stage and which one is used, then deletes
 * the duplicates that serve nothing: the orphans of a lost createApi answer or of a concurrent
 * first deploy. One that serves is never deleted (clients may use its URL).
 */
async function settleDuplicates(context: CommandContext, found: FoundApi): Promise<void> {
  warnAboutDuplicates(context, found, 'deleted by this deploy');
  for (const { api } of found.duplicates.filter((duplicate) => !duplicate.serving)) {
    const ApiId = api.ApiId as string;
    // A concurrent deploy of the same stage may be deleting it too.
    await awsStep(`delete API ${ApiId}, a duplicate that serves no stage`, () =>
      unlessNotFound(() => context.apigateway.deleteApi({ ApiId })),
    );
    context.log.info(`deleted API ${ApiId}, a duplicate that served no stage`);
  }
}

/**
 * Under the deploy lock (deploy-lock.ts): brings API `apiId`'s name, route selection expression,
 * description and tags to what serverless.yml says, so that the stage never serves one deploy's
 * routes with another's expression. Returns the API's tags before the update.
 */
export async function applyApiSettings(
  context: CommandContext,
  config: WebsocketConfig,
  apiId: string,
): Promise<Record<string, string> | undefined> {
  const { apigateway, log } = context;
  const wanted = wantedApi(context, config);
  // One read of this API, not another list of them all: it only has to be still ours.
  const read = await awsStep(`read API ${apiId}`, () =>
    unlessNotFound(() => apigateway.getApi({ ApiId: apiId })),
  );
  const found = read && findOwnApi([read], apiIdentity(context)).found;
  if (!found) {
    throw new AwsStepError(
      `update API ${apiId}`,
      new Error(
        `it is ${read ? `no longer tagged for ${describeServiceStage(context)}` : 'gone'}: another command changed it during this deploy; run \`sls deploy\` again`,
      ),
    );
  }
  const { api } = found;
  const plan = planApiSettings(api, wanted);
  if (plan.updateSettings) {
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
  await applyTagsPlan(apigateway, apiResourceArn(context.region, apiId), label, plan.tags);
  if (found.adopt) log.info(`adopted the existing WebSocket API "${api.Name}" (${apiId})`);
  return api.Tags;
}

/** Finds or creates the service's API and reads the account id its ARNs need. */
export async function readyApi(
  context: CommandContext,
  config: WebsocketConfig,
): Promise<ReadyApi> {
  return ensureApi(context, await readApiPlan(context, config));
}
