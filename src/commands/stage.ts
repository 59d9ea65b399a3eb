import type { ApiGatewayV2 } from 'aws-sdk';
import type { ApiGatewayClient } from '../aws/apigateway';
import { awsErrorCode, awsStep } from '../errors';
import { stageDescription, stageServesDraft } from '../reconcile/stage-state';

async function getStageIfAny(
  apigateway: ApiGatewayClient,
  apiId: string,
  stageName: string,
): Promise<ApiGatewayV2.GetStageResponse | undefined> {
  try {
    return await apigateway.getStage({ ApiId: apiId, StageName: stageName });
  } catch (error) {
    if (awsErrorCode(error) === 'NotFoundException') return undefined;
    throw error;
  }
}

/** Puts a deployment on the stage; `stageExists` undefined means not known (not read). */
async function putOnStage(
  apigateway: ApiGatewayClient,
  settings: ApiGatewayV2.UpdateStageRequest & ApiGatewayV2.CreateStageRequest,
  stageExists: boolean | undefined,
): Promise<void> {
  if (stageExists === false) {
    await apigateway.createStage(settings);
    return;
  }
  try {
    await apigateway.updateStage(settings);
  } catch (error) {
    if (stageExists !== undefined || awsErrorCode(error) !== 'NotFoundException') throw error;
    await apigateway.createStage(settings);
  }
}

export interface StageDeployment {
  apiId: string;
  stageName: string;
  /** See stage-state.ts: what the draft holds, to tell whether the stage serves it. */
  fingerprint: string;
  apiIsNew: boolean;
  draftChanged: boolean;
}

/**
 * Makes a deployment and puts it on the stage, unless the stage already serves this exact draft.
 * Only an unchanged draft of an existing API needs the stage read: a new API has no stage, and
 * a changed draft needs a deployment whatever the stage holds.
 * Returns the new deployment's id, or undefined when none was needed.
 */
export async function deployStage(
  apigateway: ApiGatewayClient,
  { apiId, stageName, fingerprint, apiIsNew, draftChanged }: StageDeployment,
): Promise<string | undefined> {
  let stageExists: boolean | undefined = apiIsNew ? false : undefined;
  if (!apiIsNew && !draftChanged) {
    const stage = await awsStep(`read stage "${stageName}" of API ${apiId}`, () =>
      getStageIfAny(apigateway, apiId, stageName),
    );
    if (stage && stageServesDraft(stage, fingerprint)) return undefined;
    stageExists = stage !== undefined;
  }

  const deployment = await awsStep(`create a deployment of API ${apiId}`, () =>
    apigateway.createDeployment({
      ApiId: apiId,
      Description: `serverless-websockets-plugin state ${fingerprint}`,
    }),
  );
  const deploymentId = deployment.DeploymentId as string;
  const settings = {
    ApiId: apiId,
    StageName: stageName,
    DeploymentId: deploymentId,
    Description: stageDescription(fingerprint, deploymentId),
  };
  await awsStep(`put deployment ${deploymentId} on stage "${stageName}" of API ${apiId}`, () =>
    putOnStage(apigateway, settings, stageExists),
  );
  return deploymentId;
}
