import type { ApiGatewayV2 } from 'aws-sdk';
import { stageResourceArn } from '../arns';
import type { ApiGatewayClient } from '../aws/apigateway';
import { awsStep, unlessNotFound } from '../errors';
import { applyTagsPlan } from '../reconcile/apply-tags-plan';
import {
  countStageSettingsWrites,
  planStageSettings,
  type WantedStageSettings,
} from '../reconcile/stage-settings-plan';
import {
  deploymentDescription,
  deploymentHasFingerprint,
  type DeploymentRecord,
} from '../reconcile/stage-state';
import { countTagWrites, planTags, type Tags } from '../reconcile/tags-plan';

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

/**
 * Makes a deployment and puts it on the stage unless the stage already serves this exact draft,
 * and brings the stage's settings and tags to what serverless.yml asks for. A new API has no
 * stage to read; a new stage gets everything in its createStage call.
 */
export async function deployStage(
  apigateway: ApiGatewayClient,
  deployment: StageDeployment,
): Promise<StageOutcome> {
  const { region, apiId, stageName, record, settings, tags } = deployment;
  const stageLabel = `stage "${stageName}" of API ${apiId}`;
  const stage = deployment.apiIsNew
    ? undefined
    : await awsStep(`read ${stageLabel}`, () =>
        unlessNotFound(() => apigateway.getStage({ ApiId: apiId, StageName: stageName })),
      );

  let deploymentId: string | undefined;
  if (!stage || !(await servesDraft(apigateway, stage, deployment))) {
    const created = await awsStep(`create a deployment of API ${apiId}`, () =>
      apigateway.createDeployment({
        ApiId: apiId,
        Description: deploymentDescription(record),
      }),
    );
    deploymentId = created.DeploymentId as string;
  }

  if (!stage) {
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

  const plan = planStageSettings(settings, stage);
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
  const tagsPlan = planTags(tags, stage.Tags);
  await applyTagsPlan(apigateway, stageResourceArn(region, apiId, stageName), stageLabel, tagsPlan);
  return {
    deploymentId,
    settingsWrites: countStageSettingsWrites(plan) + countTagWrites(tagsPlan),
  };
}
