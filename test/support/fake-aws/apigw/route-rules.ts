import type * as AWS from 'aws-sdk';
import { badRequest, conflict } from '../errors';
import { ApiState } from './state';
import { ApiGwStore } from './store';

type Route = AWS.ApiGatewayV2.Route;

const AUTHORIZATION_TYPES: Record<string, string[]> = {
  WEBSOCKET: ['NONE', 'AWS_IAM', 'CUSTOM'],
  HTTP: ['NONE', 'AWS_IAM', 'CUSTOM', 'JWT'],
};

/**
 * The rules AWS applies to a route, on create and on update alike (an update is checked as
 * the route it would produce). `selfId` is the route being updated, if any.
 */
export function checkRoute(store: ApiGwStore, api: ApiState, route: Route, selfId?: string): void {
  const clash = api.routes.find(
    (other) => other.RouteKey === route.RouteKey && other.RouteId !== selfId,
  );
  if (clash) {
    throw conflict(`Route with key ${route.RouteKey} already exists for this API`);
  }
  checkRouteKey(api, route.RouteKey);
  if (route.Target !== undefined) checkTarget(api, route.Target);
  checkAuthorization(store, api, route);
  if (
    route.RouteResponseSelectionExpression !== undefined &&
    route.RouteResponseSelectionExpression !== '$default'
  ) {
    throw badRequest(
      `Unsupported RouteResponseSelectionExpression: ${route.RouteResponseSelectionExpression}. Only $default is supported`,
    );
  }
}

/**
 * WebSocket APIs predefine $connect, $disconnect and $default ("Create routes for WebSocket
 * APIs in API Gateway"); other `$` keys are reserved (modelled as a BadRequestException).
 */
const WEBSOCKET_PREDEFINED_KEYS = ['$connect', '$disconnect', '$default'];

function checkRouteKey(api: ApiState, routeKey: string | undefined): void {
  if (
    api.api.ProtocolType === 'WEBSOCKET' &&
    routeKey?.startsWith('$') &&
    !WEBSOCKET_PREDEFINED_KEYS.includes(routeKey)
  ) {
    throw badRequest(`Invalid route key: ${routeKey}. Route keys starting with $ are reserved`);
  }
}

function checkTarget(api: ApiState, target: string): void {
  const match = /^integrations\/(.+)$/.exec(target);
  if (!match || !api.integrations.has(match[1])) {
    throw badRequest(`Invalid target specified: ${target}`);
  }
}

function checkAuthorization(store: ApiGwStore, api: ApiState, route: Route): void {
  const type = route.AuthorizationType ?? 'NONE';
  if (!AUTHORIZATION_TYPES[api.api.ProtocolType].includes(type)) {
    throw badRequest(`AuthorizationType ${type} is not supported for ${api.api.ProtocolType} APIs`);
  }
  if (type === 'CUSTOM' || type === 'JWT') {
    if (!route.AuthorizerId || !api.authorizers.has(route.AuthorizerId)) {
      throw badRequest(
        `Invalid authorizer identifier specified ${store.accountId}:${route.AuthorizerId}`,
      );
    }
  }
  if (api.api.ProtocolType === 'WEBSOCKET' && type !== 'NONE' && route.RouteKey !== '$connect') {
    throw badRequest('Currently, authorization is restricted to the $connect route only');
  }
}
