import type * as AWS from 'aws-sdk';
import { CallContext, OperationTable } from '../call-context';
import { badRequest, conflict, notFound } from '../errors';
import { pickDefined } from '../objects';
import { requireUserTagKeys } from './apis';
import { ApiState, DeploymentState } from './state';
import { ApiGwStore } from './store';

type Stage = AWS.ApiGatewayV2.Stage;

/**
 * A deployment's description holds at most 1024 characters (the Terraform AWS provider's check:
 * registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/apigatewayv2_deployment).
 */
const DEPLOYMENT_DESCRIPTION_MAX = 1024;

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

/** What AWS reports as the default route settings of a stage created without any. */
const UNSET_ROUTE_SETTINGS: AWS.ApiGatewayV2.RouteSettings = {
  DataTraceEnabled: false,
  DetailedMetricsEnabled: false,
  LoggingLevel: 'OFF',
};

const LOG_GROUP_ARN =
  /^arn:aws(-[a-z]+)*:logs:[a-z0-9-]+:\d{12}:log-group:[.\-_/#A-Za-z0-9]+(:\*)?$/;

function checkAccessLogSettings(settings: AWS.ApiGatewayV2.AccessLogSettings | undefined): void {
  if (!settings) return;
  if (!settings.DestinationArn || !LOG_GROUP_ARN.test(settings.DestinationArn)) {
    throw badRequest(`Invalid ARN specified in the request: ${settings.DestinationArn}`);
  }
  if (!settings.Format?.includes('$context.requestId')) {
    throw badRequest('Access Log format must contain at least $context.requestId');
  }
}

function checkRouteSettings(settings: AWS.ApiGatewayV2.RouteSettings, where: string): void {
  const { ThrottlingBurstLimit: burst, ThrottlingRateLimit: rate, LoggingLevel: level } = settings;
  if ((burst !== undefined && burst < 0) || (rate !== undefined && rate < 0)) {
    throw badRequest(`${where}: throttling limits must be non-negative`);
  }
  if (level !== undefined && !['ERROR', 'INFO', 'OFF'].includes(level)) {
    throw badRequest(`${where}: Invalid logging level ${level}`);
  }
}

/**
 * A stage may only point at a deployment of its own API, and the route settings of a request
 * only name routes of the API (settings of a route deleted later stay until deleted).
 */
function checkStage(
  store: ApiGwStore,
  api: ApiState,
  stage: Pick<
    Stage,
    'DeploymentId' | 'DefaultRouteSettings' | 'RouteSettings' | 'AccessLogSettings'
  >,
  region: string,
): void {
  if (stage.DeploymentId !== undefined) requireDeployment(store, api, stage.DeploymentId);
  checkAccessLogSettings(stage.AccessLogSettings);
  const allSettings = [stage.DefaultRouteSettings, ...Object.values(stage.RouteSettings ?? {})];
  const logs = allSettings.some(
    (settings) =>
      settings?.DataTraceEnabled || (settings?.LoggingLevel && settings.LoggingLevel !== 'OFF'),
  );
  if (logs && !store.account.cloudwatchRoleArn(region)) {
    throw badRequest('CloudWatch Logs role ARN must be set in account settings to enable logging');
  }
  if (stage.DefaultRouteSettings)
    checkRouteSettings(stage.DefaultRouteSettings, 'DefaultRouteSettings');
  for (const [routeKey, settings] of Object.entries(stage.RouteSettings ?? {})) {
    if (!api.routes.find((route) => route.RouteKey === routeKey)) {
      throw badRequest(`Unable to find Route by key ${routeKey} within the provided RouteSettings`);
    }
    checkRouteSettings(settings, `RouteSettings.${routeKey}`);
  }
}

/**
 * API Gateway's stage names: letters, digits, hyphens and underscores, 1 to 128 characters
 * (CreateStage stageName, docs.aws.amazon.com/apigateway/latest/api/API_CreateStage.html; the v2
 * SDK types it as a string of 1 to 128); HTTP APIs also have the `$default` stage.
 */
const STAGE_NAME = /^([A-Za-z0-9_-]{1,128}|\$default)$/;

export function deploymentOperations(store: ApiGwStore) {
  return {
    createDeployment: (
      p: AWS.ApiGatewayV2.CreateDeploymentRequest,
    ): AWS.ApiGatewayV2.CreateDeploymentResponse => {
      const api = store.requireApi(p.ApiId);
      if ((p.Description?.length ?? 0) > DEPLOYMENT_DESCRIPTION_MAX) {
        throw badRequest(
          `Description must be at most ${DEPLOYMENT_DESCRIPTION_MAX} characters long`,
        );
      }
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

    createStage: (
      p: AWS.ApiGatewayV2.CreateStageRequest,
      ctx: CallContext,
    ): AWS.ApiGatewayV2.CreateStageResponse => {
      const api = store.requireApi(p.ApiId);
      requireUserTagKeys(p.Tags);
      if (!STAGE_NAME.test(p.StageName)) {
        throw badRequest(
          `Stage name must contain only alphanumeric characters, hyphens and underscores: ${p.StageName}`,
        );
      }
      // Checked and set with no await between: two creates of one name, however interleaved,
      // give one stage and one ConflictException, as AWS's.
      if (api.stages.has(p.StageName)) throw conflict(`Stage already exists: ${p.StageName}`);
      const now = new Date();
      const stage: Stage = {
        DefaultRouteSettings: UNSET_ROUTE_SETTINGS,
        RouteSettings: {},
        StageVariables: {},
        ...pickDefined(p, STAGE_FIELDS),
        StageName: p.StageName,
        Tags: { ...p.Tags },
        CreatedDate: now,
        LastUpdatedDate: now,
      };
      checkStage(store, api, stage, ctx.region);
      store.requireRoom('stages', api.stages.size);
      api.stages.set(p.StageName, stage);
      return stage;
    },

    getStage: (p: AWS.ApiGatewayV2.GetStageRequest): AWS.ApiGatewayV2.GetStageResponse =>
      store.requireStage(store.requireApi(p.ApiId), p.StageName),

    getStages: (p: AWS.ApiGatewayV2.GetStagesRequest): AWS.ApiGatewayV2.GetStagesResponse =>
      store.page(store.requireApi(p.ApiId).stages, p),

    updateStage: (
      p: AWS.ApiGatewayV2.UpdateStageRequest,
      ctx: CallContext,
    ): AWS.ApiGatewayV2.UpdateStageResponse => {
      const api = store.requireApi(p.ApiId);
      const existing = store.requireStage(api, p.StageName);
      // Given default route settings replace the old ones as a whole (fields left out are unset,
      // as CloudFormation's stage updates rely on); route settings are merged route by route.
      const stage = {
        ...existing,
        ...pickDefined(p, STAGE_FIELDS),
        RouteSettings: { ...existing.RouteSettings, ...p.RouteSettings },
        LastUpdatedDate: new Date(),
      };
      checkStage(store, api, p, ctx.region);
      api.stages.set(p.StageName, stage);
      return stage;
    },

    deleteRouteSettings: (
      p: AWS.ApiGatewayV2.DeleteRouteSettingsRequest,
    ): Record<string, never> => {
      const stage = store.requireStage(store.requireApi(p.ApiId), p.StageName);
      if (!stage.RouteSettings?.[p.RouteKey]) {
        throw notFound(`Unable to find RouteSettings for route key ${p.RouteKey}`);
      }
      delete stage.RouteSettings[p.RouteKey];
      return {};
    },

    deleteAccessLogSettings: (
      p: AWS.ApiGatewayV2.DeleteAccessLogSettingsRequest,
    ): Record<string, never> => {
      const stage = store.requireStage(store.requireApi(p.ApiId), p.StageName);
      delete stage.AccessLogSettings;
      return {};
    },

    deleteStage: (p: AWS.ApiGatewayV2.DeleteStageRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireStage(api, p.StageName);
      api.stages.delete(p.StageName);
      return {};
    },
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
