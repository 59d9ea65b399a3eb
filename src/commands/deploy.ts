import { customDomainUrl, websocketUrl } from '../arns';
import { settleBoth } from '../concurrency';
import { readWebsocketConfig } from '../config/read-config';
import type { WebsocketConfig } from '../config/types';
import { applyDraftPlan } from '../reconcile/apply-draft-plan';
import { countDraftWrites, planDraft } from '../reconcile/draft-plan';
import type { ExistingDraft } from '../reconcile/existing-state';
import type { CommandContext } from './context';
import { deployDomain } from './domain';
import { withDeployLock, REAL_LOCK_TIMING, type LockTiming } from './deploy-lock';
import { applyApiSettings, readyApi, type ReadyApi } from './ensure-api';
import { findDeployedApi } from './find-deployed-api';
import { ensureLogGroup } from './logs';
import { applyRetirement, grantPermissions, retirementOf } from './permissions';
import { readExistingDraft } from './read-draft';
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

const isEmpty = (draft: ExistingDraft) =>
  draft.routes.length + draft.integrations.length + draft.authorizers.length === 0;

/**
 * Brings the service's WebSocket API in AWS to what serverless.yml describes. `ready` is the API
 * found or created before the stack update (see talk-back.ts), when that happened. Everything
 * from the API's settings to the stage is done holding the deploy lock (deploy-lock.ts), so
 * that concurrent deploys of the stage take turns.
 */
export async function deployApi(
  context: CommandContext,
  ready?: ReadyApi,
  lockTiming: LockTiming = REAL_LOCK_TIMING,
): Promise<void> {
  const config = readWebsocketConfig(context.service);
  config.warnings.forEach((warning) => context.log.warning(warning));
  if (config.routes.length === 0) {
    await warnAboutUnusedApi(context);
    return;
  }
  const api = ready ?? (await readyApi(context, config));
  await withDeployLock(context, api.apiId, lockTiming, () => reconcile(context, config, api));
}

async function reconcile(
  context: CommandContext,
  config: WebsocketConfig,
  { apiId, isNew: created, accountId }: ReadyApi,
): Promise<void> {
  const { log, region } = context;
  const apiTags = await applyApiSettings(context, config, apiId);
  const desired = serviceDesiredApi(context, config, accountId);

  const existing = await readExistingDraft(context, apiId, desired);
  // Another deploy may have reconciled the API this one created while this one waited.
  const isNew = created && isEmpty(existing);
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
  const retirement = retirementOf(context, plan, desired, accountId);
  const revoked = await applyRetirement(context, apiId, retirement);
  if (revoked > 0) log.info(`removed ${revoked} invoke permissions no longer needed`);
  log.info(websocketUrl(region, apiId, desired.stageName));

  const { domain } = config.production;
  await deployDomain(context, { apiId, stageName: desired.stageName, domain, apiTags });
  if (domain) log.info(customDomainUrl(domain.name, domain.basePath ?? ''));
}
