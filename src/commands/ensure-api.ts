import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings, WebsocketConfig } from '../config/types';
import { ownershipTags } from '../desired-state';
import { AwsStepError, awsStep, unlessNotFound } from '../errors';
import type { CommandContext } from './context';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import { findOwnApi } from '../reconcile/find-api';
import { planTags, wantedTags } from '../reconcile/tags-plan';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { checkLoggingRole } from './logs';

/** The service's API as it exists in AWS at the start of the reconcile. */
export interface ReadyApi {
  apiId: string;
  /** Created by this deploy: there is no draft to read and no grant to look for. */
  isNew: boolean;
  accountId: string;
}

/** What the API itself should be: name, expression, description and tags. */
type WantedApi = ApiSettings & { description: string; tags: Record<string, string> };

/**
 * Creates the API, or finds it. A found API's settings are brought up to date later, under the
 * deploy lock (`applyApiSettings`): written here, before the stack, they could change what a
 * concurrent deploy is about to put live. `isNew` tells that there is no draft to read.
 */
async function ensureApi(
  context: CommandContext,
  desired: WantedApi,
): Promise<{ apiId: string; isNew: boolean }> {
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
  return { apiId: found.api.ApiId, isNew: false };
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
  const { service, stage } = context.service;
  const found = read && findOwnApi([read], { name: desired.name, service, stage });
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
  const api = await ensureApi(context, wantedApi(context, config));
  return { ...api, accountId };
}
