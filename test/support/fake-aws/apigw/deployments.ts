import type * as AWS from 'aws-sdk';
import { OperationTable } from '../call-context';
import { badRequest, conflict } from '../errors';
import { pickDefined } from '../objects';
import { ApiState, DeploymentState } from './state';
import { ApiGwStore } from './store';

type Stage = AWS.ApiGatewayV2.Stage;

const STAGE_FIELDS = [
  'AccessLogSettings',
  'AutoDeploy',
  'ClientCertificateId',
  'DefaultRouteSettings',
  'DeploymentId',
  'Description',
  'RouteSettings',
  'StageVariables',
] as const;

function requireDeployment(
  store: ApiGwStore,
  api: ApiState,
  deploymentId: string,
): DeploymentState {
  return store.require(api.deployments, deploymentId, 'Deployment');
}

/** A stage may only point at a deployment of its own API. */
function checkStage(store: ApiGwStore, api: ApiState, stage: Stage): void {
  if (stage.DeploymentId !== undefined) requireDeployment(store, api, stage.DeploymentId);
}

export function deploymentOperations(store: ApiGwStore) {
  return {
    createDeployment: (
      p: AWS.ApiGatewayV2.CreateDeploymentRequest,
    ): AWS.ApiGatewayV2.CreateDeploymentResponse => {
      const api = store.requireApi(p.ApiId);
      if (api.routes.size === 0) {
        throw badRequest('At least one route is required before deploying the Api.');
      }
      const stage = p.StageName === undefined ? undefined : store.requireStage(api, p.StageName);
      const deployment: AWS.ApiGatewayV2.Deployment = {
        ...pickDefined(p, ['Description']),
        DeploymentId: store.newId(),
        DeploymentStatus: 'DEPLOYED',
        AutoDeployed: false,
        CreatedDate: new Date(),
      };
      const deploymentId = deployment.DeploymentId as string;
      // The deployment freezes the draft as it is now; later draft edits do not reach it.
      api.deployments.set(deploymentId, { deployment, snapshot: api.snapshot() });
      if (stage) {
        stage.DeploymentId = deploymentId;
        stage.LastUpdatedDate = new Date();
      }
      return deployment;
    },

    getDeployment: (
      p: AWS.ApiGatewayV2.GetDeploymentRequest,
    ): AWS.ApiGatewayV2.GetDeploymentResponse =>
      requireDeployment(store, store.requireApi(p.ApiId), p.DeploymentId).deployment,

    getDeployments: (
      p: AWS.ApiGatewayV2.GetDeploymentsRequest,
    ): AWS.ApiGatewayV2.GetDeploymentsResponse => {
      const page = store.page(store.requireApi(p.ApiId).deployments, p);
      return { Items: page.Items.map((state) => state.deployment), NextToken: page.NextToken };
    },

    deleteDeployment: (p: AWS.ApiGatewayV2.DeleteDeploymentRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      requireDeployment(store, api, p.DeploymentId);
      if (api.stages.find((stage) => stage.DeploymentId === p.DeploymentId)) {
        throw badRequest('Active stages pointing to this deployment must be moved or deleted');
      }
      api.deployments.delete(p.DeploymentId);
      return {};
    },

    createStage: (p: AWS.ApiGatewayV2.CreateStageRequest): AWS.ApiGatewayV2.CreateStageResponse => {
      const api = store.requireApi(p.ApiId);
      if (api.stages.has(p.StageName)) throw conflict(`Stage already exists: ${p.StageName}`);
      const now = new Date();
      const stage: Stage = {
        RouteSettings: {},
        StageVariables: {},
        ...pickDefined(p, STAGE_FIELDS),
        StageName: p.StageName,
        Tags: { ...p.Tags },
        CreatedDate: now,
        LastUpdatedDate: now,
      };
      checkStage(store, api, stage);
      store.requireRoom('stages', api.stages.size);
      api.stages.set(p.StageName, stage);
      return stage;
    },

    getStage: (p: AWS.ApiGatewayV2.GetStageRequest): AWS.ApiGatewayV2.GetStageResponse =>
      store.requireStage(store.requireApi(p.ApiId), p.StageName),

    getStages: (p: AWS.ApiGatewayV2.GetStagesRequest): AWS.ApiGatewayV2.GetStagesResponse =>
      store.page(store.requireApi(p.ApiId).stages, p),

    updateStage: (p: AWS.ApiGatewayV2.UpdateStageRequest): AWS.ApiGatewayV2.UpdateStageResponse => {
      const api = store.requireApi(p.ApiId);
      const existing = store.requireStage(api, p.StageName);
      const stage = { ...existing, ...pickDefined(p, STAGE_FIELDS), LastUpdatedDate: new Date() };
      checkStage(store, api, stage);
      api.stages.set(p.StageName, stage);
      return stage;
    },

    deleteStage: (p: AWS.ApiGatewayV2.DeleteStageRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireStage(api, p.StageName);
      api.stages.delete(p.StageName);
      return {};
    },
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
