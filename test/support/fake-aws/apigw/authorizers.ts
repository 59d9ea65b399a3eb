import type * as AWS from 'aws-sdk';
import { OperationTable } from '../call-context';
import { badRequest, conflict } from '../errors';
import { pickDefined } from '../objects';
import { ApiState } from './state';
import { ApiGwStore } from './store';

type Authorizer = AWS.ApiGatewayV2.Authorizer;

const AUTHORIZER_FIELDS = [
  'AuthorizerCredentialsArn',
  'AuthorizerPayloadFormatVersion',
  'AuthorizerResultTtlInSeconds',
  'AuthorizerType',
  'AuthorizerUri',
  'EnableSimpleResponses',
  'IdentitySource',
  'IdentityValidationExpression',
  'JwtConfiguration',
  'Name',
] as const;

function checkAuthorizer(api: ApiState, authorizer: Authorizer): void {
  if (!authorizer.Name) throw badRequest('Name is required for an authorizer');
  const websocket = api.api.ProtocolType === 'WEBSOCKET';
  const allowed = websocket ? ['REQUEST'] : ['REQUEST', 'JWT'];
  if (!allowed.includes(authorizer.AuthorizerType ?? '')) {
    throw badRequest(
      `AuthorizerType ${authorizer.AuthorizerType} is not supported for ${api.api.ProtocolType} APIs`,
    );
  }
  if (authorizer.AuthorizerType === 'REQUEST' && !authorizer.AuthorizerUri) {
    throw badRequest('AuthorizerUri is required for a REQUEST authorizer');
  }
  if (authorizer.AuthorizerType === 'REQUEST' && websocket && !authorizer.IdentitySource?.length) {
    throw badRequest('IdentitySource must list at least one identity source');
  }
}

export function authorizerOperations(store: ApiGwStore) {
  return {
    createAuthorizer: (
      p: AWS.ApiGatewayV2.CreateAuthorizerRequest,
    ): AWS.ApiGatewayV2.CreateAuthorizerResponse => {
      const api = store.requireApi(p.ApiId);
      const authorizer: Authorizer = {
        ...pickDefined(p, AUTHORIZER_FIELDS),
        AuthorizerType: p.AuthorizerType,
        Name: p.Name,
      };
      checkAuthorizer(api, authorizer);
      store.requireRoom('authorizers', api.authorizers.size);
      authorizer.AuthorizerId = store.newId();
      api.authorizers.set(authorizer.AuthorizerId, authorizer);
      return authorizer;
    },

    getAuthorizer: (
      p: AWS.ApiGatewayV2.GetAuthorizerRequest,
    ): AWS.ApiGatewayV2.GetAuthorizerResponse =>
      store.requireAuthorizer(store.requireApi(p.ApiId), p.AuthorizerId),

    getAuthorizers: (
      p: AWS.ApiGatewayV2.GetAuthorizersRequest,
    ): AWS.ApiGatewayV2.GetAuthorizersResponse =>
      store.page(store.requireApi(p.ApiId).authorizers, p),

    updateAuthorizer: (
      p: AWS.ApiGatewayV2.UpdateAuthorizerRequest,
    ): AWS.ApiGatewayV2.UpdateAuthorizerResponse => {
      const api = store.requireApi(p.ApiId);
      const existing = store.requireAuthorizer(api, p.AuthorizerId);
      const authorizer = { ...existing, ...pickDefined(p, AUTHORIZER_FIELDS) };
      checkAuthorizer(api, authorizer);
      api.authorizers.set(p.AuthorizerId, authorizer);
      return authorizer;
    },

    deleteAuthorizer: (p: AWS.ApiGatewayV2.DeleteAuthorizerRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireAuthorizer(api, p.AuthorizerId);
      const user = api.routes.find((route) => route.AuthorizerId === p.AuthorizerId);
      if (user) {
        throw conflict(
          `Authorizer ${p.AuthorizerId} is still used by route ${user.RouteKey} (${user.RouteId}); remove it from the route first`,
        );
      }
      api.authorizers.delete(p.AuthorizerId);
      return {};
    },
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
