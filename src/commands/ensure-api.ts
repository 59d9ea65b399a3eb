import { apiResourceArn } from '../arns';
import { getAccountId } from '../aws/sts';
import type { ApiSettings } from '../config/types';
import { ownershipTags } from '../desired-state';
import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';

/** The service's API as it exists in AWS at the start of the reconcile. */
export interface ReadyApi {
  apiId: string;
  /** Created by this deploy: there is no draft to read and no grant to look for. */
  isNew: boolean;
  accountId: string;
}

/**
 * Creates the API, or brings the found one's name, expression and tags up to date.
 * `isNew` tells that there is no draft to read.
 */
async function ensureApi(
  context: CommandContext,
  desired: ApiSettings & { tags: Record<string, string> },
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

/** Finds or creates the service's API and reads the account id its ARNs need. */
export async function readyApi(context: CommandContext, settings: ApiSettings): Promise<ReadyApi> {
  const accountId = await awsStep('read the AWS account id', () => getAccountId(context.request));
  const { service, stage } = context.service;
  const api = await ensureApi(context, { ...settings, tags: ownershipTags(service, stage) });
  return { ...api, accountId };
}
