import type { ApiGatewayV2 } from 'aws-sdk';
import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings, WebsocketConfig } from '../config/types';
import { ownershipTags } from '../desired-state';
import { AwsStepError, awsStep, unlessNotFound } from '../errors';
import type { CommandContext } from './context';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { planTags, wantedTags } from '../reconcile/tags-plan';
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
type WantedApi = ApiSettings & { description: string; tags: Record<string, string> };

type EnsuredApi = { apiId: string; isNew: boolean };

/**
 * Creates the API, or finds it. A found API's settings are brought up to date later, under the
 * deploy lock (`applyApiSettings`): written here, before the stack, they could change what a
 * concurrent deploy is about to put live. `isNew` tells that there is no draft to read.
 */
async function ensureApi(context: CommandContext, desired: WantedApi): Promise<EnsuredApi> {
  const before = await searchApis(context);
  if (before.found) return keep(context, before.found);
  // Before any write: an API of this name that another tool owns is not taken over.
  if (before.foreign.length > 0) {
    throw foreignApiError(before.foreign, apiIdentity(context), context.region);
  }

  const created = await createApi(context, desired);
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
    return { apiId: created.ApiId as string, isNew: true };
  }
  context.log.info(
    `API ${found.api.ApiId} was made for this service and stage before the one this deploy created (${created.ApiId}): another deploy at the same time, or a retried call whose answer was lost; continuing with ${found.api.ApiId}`,
  );
  return keep(context, found);
}

/** Uses the found API, after deleting the duplicates of it that serve nothing. */
async function keep(context: CommandContext, found: FoundApi): Promise<EnsuredApi> {
  await settleDuplicates(context, found);
  return { apiId: found.api.ApiId as string, isNew: false };
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

function wantedApi(context: CommandContext, config: WebsocketConfig): WantedApi {
  const { service, stage } = context.service;
  return {
    ...config,
    description: config.production.description ?? '',
    tags: wantedTags(ownershipTags(service, stage), config.production.tags),
  };
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
  const desired = wantedApi(context, config);
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
  return api.Tags;
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
  const api = await ensureApi(context, wantedApi(context, config));
  return { ...api, accountId };
}
