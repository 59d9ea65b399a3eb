import { customDomainUrl, websocketUrl } from '../arns';
import { settleBoth } from '../concurrency';
import { readWebsocketConfig } from '../config/read-config';
import { applyDraftPlan } from '../reconcile/apply-draft-plan';
import { countDraftWrites, planDraft } from '../reconcile/draft-plan';
import type { CommandContext } from './context';
import { deployDomain } from './domain';
import { readyApi, type ReadyApi } from './ensure-api';
import { findDeployedApi } from './find-deployed-api';
import { ensureLogGroup } from './logs';
import { grantPermissions, revokeStaleAuthorizerGrants } from './permissions';
import { EMPTY_DRAFT, readExistingDraft } from './read-draft';
import { serviceDesiredApi } from './service-desired';
import { deployStage, stageDeploymentOf } from './stage';

async function warnAboutUnusedApi(context: CommandContext): Promise<void> {
  const found = await findDeployedApi(context);
  if (found?.api.ApiId) {
    context.log.warning(
      `no function has websocket events, so API "${found.api.Name}" (${found.api.ApiId}) was left as it is; \`sls remove\` deletes it`,
    );
  }
}

/**
 * Brings the service's WebSocket API in AWS to what serverless.yml describes. `ready` is the API
 * found or created before the stack update (see talk-back.ts), when that happened.
 */
export async function deployApi(context: CommandContext, ready?: ReadyApi): Promise<void> {
  const { log, service, region } = context;
  const config = readWebsocketConfig(service);
  config.warnings.forEach((warning) => log.warning(warning));
  if (config.routes.length === 0) {
    await warnAboutUnusedApi(context);
    return;
  }

  const { apiId, isNew, accountId, tags: apiTags } = ready ?? (await readyApi(context, config));
  const desired = serviceDesiredApi(context, config, accountId);

  const existing = isNew ? EMPTY_DRAFT : await readExistingDraft(context, apiId, desired);
  const plan = planDraft(desired, existing);
  const draftWrites = countDraftWrites(plan);
  // The draft's API Gateway calls wait on the pacer (the account's rate); the permissions are
  // Lambda calls, outside that quota, so they go meanwhile instead of after.
  const [ids, permissionWrites] = await settleBoth(
    applyDraftPlan(context.apigateway, apiId, plan),
    grantPermissions(context, { apiId, isNew }, desired, accountId),
  );
  if (draftWrites > 0)
    log.info(`updated the routes, integrations and authorizers (${draftWrites} changes)`);
  if (permissionWrites > 0) log.info(`granted API Gateway ${permissionWrites} invoke permissions`);

  const logGroupWrites = await ensureLogGroup(context, desired.logGroup, isNew);
  if (logGroupWrites > 0) log.info(`set up log group ${desired.logGroup?.name}`);

  const { deploymentId, settingsWrites } = await deployStage(
    context.apigateway,
    stageDeploymentOf(desired, { region, apiId, apiIsNew: isNew }, ids, draftWrites > 0),
  );
  if (settingsWrites > 0) log.info(`updated the settings and tags of stage "${desired.stageName}"`);
  log.info(
    deploymentId
      ? `deployed stage "${desired.stageName}" (deployment ${deploymentId})`
      : `stage "${desired.stageName}" already serves the current routes; nothing to deploy`,
  );
  const revoked = await revokeStaleAuthorizerGrants(context, plan.authorizersToDelete, desired);
  if (revoked > 0) log.info(`removed ${revoked} permissions of authorizers no longer used`);
  log.info(websocketUrl(region, apiId, desired.stageName));

  const { domain } = config.production;
  await deployDomain(context, { apiId, stageName: desired.stageName, domain, apiTags });
  if (domain) log.info(customDomainUrl(domain.name, domain.basePath ?? ''));
}
