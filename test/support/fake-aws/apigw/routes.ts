import type * as AWS from 'aws-sdk';
import { OperationTable } from '../call-context';
import { badRequest, conflict } from '../errors';
import { pickDefined } from '../objects';
import { checkRoute } from './route-rules';
import { ApiState } from './state';
import { ApiGwStore } from './store';

type V2 = AWS.ApiGatewayV2;
type Route = AWS.ApiGatewayV2.Route;
type RouteResponse = AWS.ApiGatewayV2.RouteResponse;

const ROUTE_FIELDS = [
  'ApiKeyRequired',
  'AuthorizationScopes',
  'AuthorizationType',
  'AuthorizerId',
  'ModelSelectionExpression',
  'OperationName',
  'RequestModels',
  'RequestParameters',
  'RouteKey',
  'RouteResponseSelectionExpression',
  'Target',
] as const;
const ROUTE_RESPONSE_FIELDS = [
  'ModelSelectionExpression',
  'ResponseModels',
  'ResponseParameters',
  'RouteResponseKey',
] as const;

/** What AWS stores: no authorizer without authorization, an empty Target clears it. */
function normalizeRoute(route: Route): Route {
  const normalized = { ...route };
  if (normalized.AuthorizationType === 'NONE' || normalized.AuthorizationType === 'AWS_IAM') {
    delete normalized.AuthorizerId;
  }
  if (normalized.Target === '') delete normalized.Target;
  return normalized;
}

function checkRouteResponse(
  api: ApiState,
  routeId: string,
  response: RouteResponse,
  selfId?: string,
): void {
  if (response.RouteResponseKey !== '$default') {
    throw badRequest(
      `Invalid RouteResponseKey: ${response.RouteResponseKey}. Only $default is supported`,
    );
  }
  const clash = api
    .responsesOf(routeId)
    .find(
      (other) =>
        other.RouteResponseKey === response.RouteResponseKey && other.RouteResponseId !== selfId,
    );
  if (clash)
    throw conflict(
      `RouteResponse with key ${response.RouteResponseKey} already exists for this Route`,
    );
}

export function routeOperations(store: ApiGwStore) {
  return {
    createRoute: (p: AWS.ApiGatewayV2.CreateRouteRequest): AWS.ApiGatewayV2.CreateRouteResult => {
      const api = store.requireApi(p.ApiId);
      const route = normalizeRoute({
        ApiKeyRequired: false,
        AuthorizationType: 'NONE',
        ...pickDefined(p, ROUTE_FIELDS),
        RouteKey: p.RouteKey,
      });
      checkRoute(store, api, route);
      store.requireRoom('routes', api.routes.size);
      route.RouteId = store.newId();
      api.routes.set(route.RouteId, route);
      return route;
    },

    getRoute: (p: AWS.ApiGatewayV2.GetRouteRequest): AWS.ApiGatewayV2.GetRouteResult =>
      store.requireRoute(store.requireApi(p.ApiId), p.RouteId),

    getRoutes: (p: AWS.ApiGatewayV2.GetRoutesRequest): AWS.ApiGatewayV2.GetRoutesResponse =>
      store.page(store.requireApi(p.ApiId).routes, p),

    updateRoute: (p: AWS.ApiGatewayV2.UpdateRouteRequest): AWS.ApiGatewayV2.UpdateRouteResult => {
      const api = store.requireApi(p.ApiId);
      const route = normalizeRoute({
        ...store.requireRoute(api, p.RouteId),
        ...pickDefined(p, ROUTE_FIELDS),
      });
      checkRoute(store, api, route, p.RouteId);
      api.routes.set(p.RouteId, route);
      return route;
    },

    deleteRoute: (p: AWS.ApiGatewayV2.DeleteRouteRequest): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      api.routes.delete(p.RouteId);
      api.routeResponses.delete(p.RouteId);
      return {};
    },

    createRouteResponse: (
      p: AWS.ApiGatewayV2.CreateRouteResponseRequest,
    ): AWS.ApiGatewayV2.CreateRouteResponseResponse => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      const response: RouteResponse = {
        ...pickDefined(p, ROUTE_RESPONSE_FIELDS),
        RouteResponseKey: p.RouteResponseKey,
      };
      checkRouteResponse(api, p.RouteId, response);
      response.RouteResponseId = store.newId();
      api.responsesOf(p.RouteId).set(response.RouteResponseId, response);
      return response;
    },

    getRouteResponse: (
      p: AWS.ApiGatewayV2.GetRouteResponseRequest,
    ): AWS.ApiGatewayV2.GetRouteResponseResponse => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      return store.require(api.responsesOf(p.RouteId), p.RouteResponseId, 'RouteResponse');
    },

    getRouteResponses: (
      p: AWS.ApiGatewayV2.GetRouteResponsesRequest,
    ): AWS.ApiGatewayV2.GetRouteResponsesResponse => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      return store.page(api.responsesOf(p.RouteId), p);
    },

    updateRouteResponse: (
      p: AWS.ApiGatewayV2.UpdateRouteResponseRequest,
    ): AWS.ApiGatewayV2.UpdateRouteResponseResponse => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      const responses = api.responsesOf(p.RouteId);
      const existing = store.require(responses, p.RouteResponseId, 'RouteResponse');
      const response = { ...existing, ...pickDefined(p, ROUTE_RESPONSE_FIELDS) };
      checkRouteResponse(api, p.RouteId, response, p.RouteResponseId);
      responses.set(p.RouteResponseId, response);
      return response;
    },

    deleteRouteResponse: (
      p: AWS.ApiGatewayV2.DeleteRouteResponseRequest,
    ): Record<string, never> => {
      const api = store.requireApi(p.ApiId);
      store.requireRoute(api, p.RouteId);
      const responses = api.responsesOf(p.RouteId);
      store.require(responses, p.RouteResponseId, 'RouteResponse');
      responses.delete(p.RouteResponseId);
      return {};
    },
  } satisfies OperationTable<V2>;
}
