import type { ApiGatewayV2 } from 'aws-sdk';
import { stageResourceArn } from '../arns';
import type { ApiGatewayClient } from '../aws/apigateway';
import { awsStep, unlessNotFound } from '../errors';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import {
  countStageSettingsWrites,
  planStageSettings,
  type StageSettingsPlan,
  type WantedStageSettings,
} from '../reconcile/stage-settings-plan';
import type { DesiredApi } from '../desired-state';
import type { ResolvedIds } from '../reconcile/apply-draft-plan';
import {
  deploymentDescription,
  deploymentHasFingerprint,
  deploymentRecord,
  type DeploymentRecord,
} from '../reconcile/stage-state';
import { countTagWrites, planTags, type Tags, type TagsPlan } from '../reconcile/tags-plan';

export interface StageDeployment {
  region: string;
  apiId: string;
  stageName: string;
  /** See stage-state.ts: what the draft holds, to tell whether the stage serves it. */
  record: DeploymentRecord;
  apiIsNew: boolean;
  draftChanged: boolean;
  settings: WantedStageSettings;
  tags: Tags;
}

export interface StageOutcome {
  /** The new deployment's id; undefined when the stage already served the draft. */
  deploymentId?: string;
  /** Writes to the stage's settings and tags, beside putting a deployment on it. */
  settingsWrites: number;
}

/** The stage step of a deploy of `desired` to `apiId`, whose draft resolved to `ids`. */
export function stageDeploymentOf(
  desired: DesiredApi,
  api: { region: string; apiId: string; apiIsNew: boolean },
  ids: ResolvedIds,
  draftChanged: boolean,
): StageDeployment {
  return {
    ...api,
    stageName: desired.stageName,
    record: deploymentRecord(desired, ids),
    draftChanged,
    settings: desired.stageSettings,
    tags: desired.tags,
  };
}

const stageLabelOf = ({ stageName, apiId }: StageDeployment) =>
  `stage "${stageName}" of API ${apiId}`;

async function servesDraft(
  apigateway: ApiGatewayClient,
  stage: ApiGatewayV2.GetStageResponse,
  { apiId, record, draftChanged }: StageDeployment,
): Promise<boolean> {
  const deploymentId = stage.DeploymentId;
  if (draftChanged || !deploymentId) return false;
  const deployment = await awsStep(`read deployment ${deploymentId} of API ${apiId}`, () =>
    unlessNotFound(() => apigateway.getDeployment({ ApiId: apiId, DeploymentId: deploymentId })),
  );
  return !!deployment && deploymentHasFingerprint(deployment, record.fingerprint);
}

/** What the deploy does to the stage, read before any write. */
export interface StagePlan {
  deployment: StageDeployment;
  /** A new deployment goes on the stage (it does not serve the draft). */
  newDeployment: boolean;
  /** The existing stage; undefined: it is created with everything in its createStage call. */
  existing?: { settings: StageSettingsPlan; tags: TagsPlan };
}

/**
 * Reads the stage (a new API has none) and the deployment it serves: a new deployment is needed
 * unless the stage already serves this exact draft.
 */
export async function readStagePlan(
  apigateway: ApiGatewayClient,
  deployment: StageDeployment,
): Promise<StagePlan> {
  const { apiId, stageName, settings, tags } = deployment;
  const stage = deployment.apiIsNew
    ? undefined
    : await awsStep(`read ${stageLabelOf(deployment)}`, () =>
        unlessNotFound(() => apigateway.getStage({ ApiId: apiId, StageName: stageName })),
      );
  if (!stage) return { deployment, newDeployment: true };
  return {
    deployment,
    newDeployment: !(await servesDraft(apigateway, stage, deployment)),
    existing: { settings: planStageSettings(settings, stage), tags: planTags(tags, stage.Tags) },
  };
}

/**
 * Makes a deployment and puts it on the stage when planned, and brings the stage's settings and
 * tags to what serverless.yml asks for.
 */
export async function applyStagePlan(
  apigateway: ApiGatewayClient,
  { deployment, newDeployment, existing }: StagePlan,
): Promise<StageOutcome> {
  const { region, apiId, stageName, record, settings, tags } = deployment;
  const stageLabel = stageLabelOf(deployment);
  let deploymentId: string | undefined;
  if (newDeployment) {
    const created = await awsStep(`create a deployment of API ${apiId}`, () =>
      apigateway.createDeployment({
        ApiId: apiId,
        Description: deploymentDescription(record),
      }),
    );
    deploymentId = created.DeploymentId as string;
  }

  if (!existing) {
    await awsStep(`create ${stageLabel} with deployment ${deploymentId}`, () =>
      apigateway.createStage({
        ApiId: apiId,
        StageName: stageName,
        DeploymentId: deploymentId,
        ...settings,
        Tags: tags,
      }),
    );
    return { deploymentId, settingsWrites: 0 };
  }

  const plan = existing.settings;
  if (deploymentId || Object.keys(plan.update).length > 0) {
    const what = deploymentId ? `put deployment ${deploymentId} on` : 'update the settings of';
    await awsStep(`${what} ${stageLabel}`, () =>
      apigateway.updateStage({
        ApiId: apiId,
        StageName: stageName,
        ...(deploymentId && { DeploymentId: deploymentId }),
        ...plan.update,
      }),
    );
  }
  for (const routeKey of plan.deleteRouteSettings) {
    await awsStep(`remove the settings of route "${routeKey}" from ${stageLabel}`, () =>
      unlessNotFound(() =>
        apigateway.deleteRouteSettings({ ApiId: apiId, StageName: stageName, RouteKey: routeKey }),
      ),
    );
  }
  if (plan.deleteAccessLogSettings) {
    await awsStep(`turn off access logging of ${stageLabel}`, () =>
      apigateway.deleteAccessLogSettings({ ApiId: apiId, StageName: stageName }),
    );
  }
  const stageArn = stageResourceArn(region, apiId, stageName);
  await applyTagsPlan(apigateway, stageArn, stageLabel, existing.tags);
  return {
    deploymentId,
    settingsWrites: countStageSettingsWrites(plan) + countTagWrites(existing.tags),
  };
}

/**
 * Puts a new deployment on the stage unless it already serves this exact draft, and brings its
 * settings and tags up to date. A new API has no stage to read.
 */
export async function deployStage(
  apigateway: ApiGatewayClient,
  deployment: StageDeployment,
): Promise<StageOutcome> {
  return applyStagePlan(apigateway, await readStagePlan(apigateway, deployment));
}
