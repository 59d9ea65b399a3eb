import type { ApiGatewayV2 } from 'aws-sdk';
import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { describeServiceStage, searchApis } from './find-deployed-api';
import { DOMAIN_TAG } from '../reconcile/domain-plan';
import { releaseDomain } from './domain';
import { removeLogGroup } from './logs';
import { revokeOutsideGrants } from './permissions';

/**
 * Deletes one API, after releasing the custom domain mapped on it (tagged on the API) and taking
 * the plugin's statement off its authorizer functions outside the stack.
 */
async function deleteApi(context: CommandContext, api: ApiGatewayV2.Api): Promise<void> {
  const apiId = api.ApiId as string;
  const domainName = api.Tags?.[DOMAIN_TAG];
  if (domainName) await releaseDomain(context, apiId, domainName);
  await revokeOutsideGrants(context, apiId);
  await awsStep(`delete API "${api.Name}" (${apiId})`, () =>
    context.apigateway.deleteApi({ ApiId: apiId }),
  );
  context.log.info(`removed WebSocket API "${api.Name}" (${apiId})`);
}

/**
 * Deletes this service and stage's API, and every other API tagged for them (duplicates), each
 * with its custom domain mapping (and the domain when the plugin created it for this stage and
 * nothing else is mapped), and the access log group. APIs another tool owns are left alone.
 */
export async function removeApi(context: CommandContext): Promise<void> {
  const { found, foreign } = await searchApis(context);
  for (const { api, owner } of foreign) {
    context.log.info(
      `left WebSocket API "${api.Name}" (${api.ApiId}) alone: it belongs to ${owner}, not to this plugin`,
    );
  }
  if (found) {
    for (const api of [found.api, ...found.duplicates.map((duplicate) => duplicate.api)]) {
      await deleteApi(context, api);
    }
  } else {
    context.log.info(`no WebSocket API to remove for ${describeServiceStage(context)}`);
  }
  await removeLogGroup(context);
}
