import { lambdaFunctionArn } from '../arns';
import { runBounded } from '../concurrency';
import { readWebsocketConfig } from '../config/read-config';
import type { DesiredApi } from '../desired-state';
import { awsStep } from '../errors';
import { countDraftWrites, planDraft } from '../reconcile/draft-plan';
import { countChanges, renderPlan, summaryLine, type Change } from '../plan/changes';
import {
  describeApiPlan,
  describeDomain,
  describeDraftPlan,
  describeLogGroup,
  describePermissions,
  describeStage,
  describeRetirement,
} from '../plan/describe';
import type { CommandContext } from './context';
import { readDomainPlan } from './domain';
import { readApiPlan } from './ensure-api';
import { readLogGroupPlan } from './logs';
import { readPermissionsPlan, retirementOf } from './permissions';
import { EMPTY_DRAFT, readExistingDraft } from './read-draft';
import { serviceDesiredApi } from './service-desired';
import { readStagePlan, stageDeploymentOf } from './stage';

/** Stands for the id `createApi` will give a new API (in SourceArns and labels). */
const NEW_API_ID = '(new API)';

export interface PlanOutcome {
  lines: string[];
  /** How many writes a deploy would make. */
  changes: number;
}

/** The service's own functions the plan assumed, by ARN, when they are not deployed yet. */
async function assumedFunctionArns(
  context: CommandContext,
  desired: DesiredApi,
  accountId: string,
) {
  const names = [...new Set(desired.permissions.map((p) => p.functionName))].filter(
    (name) => !name.startsWith('arn:'),
  );
  const exists = await runBounded(
    names.map(
      (name) => () => awsStep(`read function ${name}`, () => context.lambda.functionExists(name)),
    ),
  );
  return names
    .filter((_name, index) => !exists[index])
    .map((name) => lambdaFunctionArn(context.region, accountId, name));
}

/**
 * `sls websockets plan`: every step of the deploy reads and plans exactly as `sls deploy` does
 * (the same read and plan functions), and nothing is applied; the plans are rendered instead.
 * Only reads are made.
 */
export async function planDeploy(context: CommandContext): Promise<PlanOutcome> {
  const { log, service, region } = context;
  const config = readWebsocketConfig(service);
  config.warnings.forEach((warning) => log.warning(warning));
  if (config.routes.length === 0) {
    const nothing =
      'WebSockets: no function has websocket events; a deploy leaves any API as it is';
    return { lines: [nothing, summaryLine([])], changes: 0 };
  }

  const apiPlan = await readApiPlan(context, config);
  const { accountId } = apiPlan;
  const found = apiPlan.existing?.found.api;
  const isNew = !found;
  const apiId = found?.ApiId ?? NEW_API_ID;
  const desired = serviceDesiredApi(context, config, accountId);

  const existingDraft = isNew ? EMPTY_DRAFT : await readExistingDraft(context, apiId, desired);
  const draftPlan = planDraft(desired, existingDraft);
  const permissions = await readPermissionsPlan(context, { apiId, isNew }, desired, accountId);
  const logGroup = await readLogGroupPlan(context, desired.logGroup, isNew);
  // Unchanged draft: its ids are the kept ones, as the deploy would find them after its apply.
  const draftChanged = countDraftWrites(draftPlan) > 0;
  const stage = await readStagePlan(
    context.apigateway,
    stageDeploymentOf(desired, { region, apiId, apiIsNew: isNew }, draftPlan.kept, draftChanged),
  );
  const domain = await readDomainPlan(context, {
    apiId,
    stageName: desired.stageName,
    domain: config.production.domain,
    apiTags: found?.Tags,
  });

  const changes: Change[] = [
    ...describeApiPlan(apiPlan),
    ...describeDraftPlan(draftPlan, existingDraft),
    ...describePermissions(permissions),
    ...describeLogGroup(logGroup),
    ...describeStage(stage),
    ...describeRetirement(retirementOf(context, draftPlan, desired, accountId)),
    ...describeDomain(domain),
  ];
  const notes: string[] = [];
  if (!stage.newDeployment) {
    notes.push(`stage ${desired.stageName} already serves the current routes`);
  }
  const assumed = await assumedFunctionArns(context, desired, accountId);
  if (assumed.length > 0) {
    notes.push(`functions not deployed yet; assumed ARNs: ${assumed.join(', ')}`);
  }
  const lines = renderPlan({
    apiName: found?.Name ?? config.name,
    apiId: found?.ApiId,
    stageName: desired.stageName,
    changes,
    notes,
  });
  const counts = countChanges(changes);
  return { lines, changes: counts.create + counts.update + counts.delete };
}
