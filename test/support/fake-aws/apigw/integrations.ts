import type * as AWS from 'aws-sdk';
import { OperationTable } from '../call-context';
import { badRequest, conflict } from '../errors';
import { pickDefined } from '../objects';
import { ApiState } from './state';
import { ApiGwStore } from './store';

type Integration = AWS.ApiGatewayV2.Integration;

const INTEGRATION_FIELDS = [
  'ConnectionId',
  'ConnectionType',
  'ContentHandlingStrategy',
  'CredentialsArn',
  'Description',
  'IntegrationMethod',
  'IntegrationSubtype',
  'IntegrationType',
  'IntegrationUri',
  'PassthroughBehavior',
  'PayloadFormatVersion',
  'RequestParameters',
  'RequestTemplates',
  'ResponseParameters',
  'TemplateSelectionExpression',
  'TimeoutInMillis',
  'TlsConfig',
] as const;
const INTEGRATION_TYPES = ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'];

function checkIntegration(integration: Integration): void {
  const type = integration.IntegrationType ?? '';
  if (!INTEGRATION_TYPES.includes(type)) throw badRequest(`Invalid IntegrationType: ${type}`);
  if (type !== 'MOCK' && !integration.IntegrationUri) {
    throw badRequest(`IntegrationUri is required for IntegrationType ${type}`);
  }
}

/** The defaults AWS fills in on create. */
function defaults(api: ApiState): Integration {
  return {
    ConnectionType: 'INTERNET',
    PayloadFormatVersion: '1.0',
    TimeoutInMillis: 29000,
    ...(api.api.ProtocolType === 'WEBSOCKET' ? { PassthroughBehavior: 'WHEN_NO_MATCH' } : {}),
  };
}

export function integrationOperations(store: ApiGwStore) {
  return {
    createIntegration: (
      p: AWS.ApiGatewayV2.CreateIntegrationRequest,
    ): AWS.ApiGatewayV2.CreateIntegrationResult => {
      const api = store.requireApi(p.ApiId);
      const integration: Integration = { ...defaults(api), ...pickDefined(p, INTEGRATION_FIELDS) };
      checkIntegration(integration);
      store.requireRoom('integrations', api.integrations.size);
      integration.IntegrationId = store.newId();
      api.integrations.set(integration.IntegrationId, integration);
      return integration;
    },

    getIntegration: (
      p: AWS.ApiGatewayV2.GetIntegrationRequest,
    ): AWS.ApiGatewayV2.GetIntegrationResult =>
      store.requireIntegration(store.requireApi(p.ApiId), p.IntegrationId),

    getIntegrations: (
      p: AWS.ApiGatewayV2.GetIntegrationsRequest,
    ): AWS.ApiGatewayV2.GetIntegrationsResponse =>
      store.page(store.requireApi(p.ApiId).integrations, p),

    updateIntegration: (
      p: AWS.ApiGatewayV2.UpdateIntegrationRequest,
    ): AWS.ApiGatewayV2.UpdateIntegrationResult => {
      const api = store.requireApi(p.ApiId);
      const existing = store.requireIntegration(api, p.IntegrationId);
      const integration = { ...existing, ...pickDefined(p, INTEGRATION_FIELDS) };
      checkIntegration(integration);
      api.integrations.set(p.IntegrationId, integration);
      return integration;
    },

    deleteIntegration: (p: AWS.ApiGatewayV2.DeleteIntegrationRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireIntegration(api, p.IntegrationId);
      const user = api.routes.find((route) => route.Target === `integrations/${p.IntegrationId}`);
      if (user) {
        throw conflict(
          `Integration ${p.IntegrationId} is still used by route ${user.RouteKey} (${user.RouteId}); delete or retarget the route first`,
        );
      }
      api.integrations.delete(p.IntegrationId);
      return {};
    },
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
