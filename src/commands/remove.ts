import { awsStep } from '../errors';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { DOMAIN_TAG } from '../reconcile/domain-plan';
import { releaseDomain } from './domain';
import { removeLogGroup } from './logs';
import { revokeOutsideGrants } from './permissions';

/**
 * Deletes this service and stage's API, its custom domain mapping (and the domain when the
 * plugin created it for this stage and nothing else is mapped), and its access log group.
 */
export async function removeApi(context: CommandContext): Promise<void> {
  const found = await findDeployedApi(context);
  const apiId = found?.api.ApiId;
  if (apiId) {
    const domainName = found.api.Tags?.[DOMAIN_TAG];
    if (domainName) await releaseDomain(context, apiId, domainName);
    await revokeOutsideGrants(context, apiId);
    await awsStep(`delete API "${found.api.Name}" (${apiId})`, () =>
      context.apigateway.deleteApi({ ApiId: apiId }),
    );
    context.log.info(`removed WebSocket API "${found.api.Name}" (${apiId})`);
  } else {
    context.log.info(`no WebSocket API to remove for ${describeServiceStage(context)}`);
  }
  await removeLogGroup(context);
}
