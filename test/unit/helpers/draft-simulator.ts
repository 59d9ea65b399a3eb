import type { ApiGatewayV2 } from 'aws-sdk';
import { cloneDeep } from 'lodash';
import type { DesiredApi, DesiredRoute } from '../../../src/desired-state';
import {
  planDraft,
  routesWithResponsesToRead,
  type DraftPlan,
} from '../../../src/reconcile/draft-plan';
import type { ExistingDraft } from '../../../src/reconcile/existing-state';

/**
 * A small model of an API's draft in API Gateway, and what a DraftPlan does to it. The model
 * knows every route's responses (AWS does; the planner only sees the ones it asked for). The
 * simulator follows the plan's documented phases and refuses what API Gateway refuses: a second
 * route with one key, a route or route response that does not exist, a route pointing at an
 * integration or authorizer that does not exist, and deleting an integration or authorizer that a
 * route still uses. An update changes only the settings it sends, as API Gateway's do.
 */
export type DraftModel = ExistingDraft;

export type ResolvedIds = DraftPlan['kept'];

export interface Applied {
  draft: DraftModel;
  ids: ResolvedIds;
}

export class RefusedByApiGateway extends Error {}

export const EMPTY_DRAFT: DraftModel = {
  integrations: [],
  authorizers: [],
  routes: [],
  routeResponses: {},
};

const PROXY = { IntegrationType: 'AWS_PROXY', IntegrationMethod: 'POST' };
const TARGET_PREFIX = 'integrations/';

/** What the deploy command hands the planner: the draft, with only the responses it read. */
export function readForPlanning(draft: DraftModel, desired: DesiredApi): ExistingDraft {
  const routeResponses: ExistingDraft['routeResponses'] = {};
  for (const route of routesWithResponsesToRead(draft.routes, desired)) {
    const routeId = route.RouteId as string;
    routeResponses[routeId] = draft.routeResponses[routeId] ?? [];
  }
  return { ...draft, routeResponses };
}

export function planFor(desired: DesiredApi, draft: DraftModel): DraftPlan {
  return planDraft(desired, readForPlanning(draft, desired));
}

/** Applies a plan to a draft, giving created resources fresh ids. Pure: `start` is left as is. */
export function applyPlan(start: DraftModel, plan: DraftPlan): Applied {
  const draft = cloneDeep(start);
  const ids = cloneDeep(plan.kept);
  let created = 0;
  const freshId = (kind: string) => `new-${kind}-${++created}`;

  const refuse = (message: string): never => {
    throw new RefusedByApiGateway(message);
  };
  const routeById = (routeId: string | undefined) =>
    draft.routes.find((route) => route.RouteId === routeId) ??
    refuse(`NotFoundException: route ${routeId}`);
  const integrationById = (integrationId: string | undefined) =>
    draft.integrations.find((integration) => integration.IntegrationId === integrationId) ??
    refuse(`NotFoundException: integration ${integrationId}`);
  const authorizerById = (authorizerId: string | undefined) =>
    draft.authorizers.find((authorizer) => authorizer.AuthorizerId === authorizerId) ??
    refuse(`NotFoundException: authorizer ${authorizerId}`);

  const routeSettings = (desired: DesiredRoute): Partial<ApiGatewayV2.Route> => {
    const integrationId = integrationById(ids.integrationIdByUri[desired.integrationUri])
      .IntegrationId as string;
    const settings: Partial<ApiGatewayV2.Route> = { Target: `${TARGET_PREFIX}${integrationId}` };
    if (desired.authorizerName) {
      settings.AuthorizationType = 'CUSTOM';
      settings.AuthorizerId = authorizerById(ids.authorizerIdByName[desired.authorizerName])
        .AuthorizerId as string;
    } else if (desired.iamAuthorization) {
      settings.AuthorizationType = 'AWS_IAM';
    }
    if (desired.routeResponseSelectionExpression) {
      settings.RouteResponseSelectionExpression = desired.routeResponseSelectionExpression;
    }
    return settings;
  };

  // Phase 0: authorizers whose function changed are renamed out of the way.
  for (const { authorizerId, name } of plan.authorizersToSetAside) {
    authorizerById(authorizerId).Name = name;
  }

  // Phase 1: integrations and authorizers; stale and recreated routes go.
  for (const desired of plan.integrationsToCreate) {
    const IntegrationId = freshId('integration');
    draft.integrations.push({ IntegrationId, IntegrationUri: desired.uri, ...PROXY });
    ids.integrationIdByUri[desired.uri] = IntegrationId;
  }
  for (const { integrationId } of plan.integrationsToUpdate) {
    Object.assign(integrationById(integrationId), PROXY);
  }
  for (const desired of plan.authorizersToCreate) {
    const AuthorizerId = freshId('authorizer');
    draft.authorizers.push({
      AuthorizerId,
      Name: desired.name,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: desired.uri,
      IdentitySource: [...desired.identitySource],
    });
    ids.authorizerIdByName[desired.name] = AuthorizerId;
  }
  for (const { authorizerId, desired } of plan.authorizersToUpdate) {
    Object.assign(authorizerById(authorizerId), {
      Name: desired.name,
      AuthorizerType: 'REQUEST',
      AuthorizerUri: desired.uri,
      IdentitySource: [...desired.identitySource],
    });
  }
  for (const stale of plan.routesToDelete) {
    const route = routeById(stale.RouteId);
    draft.routes = draft.routes.filter((other) => other !== route);
    delete draft.routeResponses[route.RouteId as string];
  }

  // Phase 2: routes are created and updated; unwanted route responses go.
  for (const desired of plan.routesToCreate) {
    if (draft.routes.some((route) => route.RouteKey === desired.routeKey)) {
      refuse(`ConflictException: route key ${desired.routeKey} exists`);
    }
    const RouteId = freshId('route');
    draft.routes.push({
      RouteId,
      RouteKey: desired.routeKey,
      AuthorizationType: 'NONE',
      ...routeSettings(desired),
    });
    ids.routeIdByKey[desired.routeKey] = RouteId;
  }
  for (const { routeId, desired } of plan.routesToUpdate) {
    Object.assign(routeById(routeId), routeSettings(desired));
  }
  // Phase 3: route responses, once their routes exist.
  for (const routeKey of plan.routeResponsesToCreate) {
    const routeId = routeById(ids.routeIdByKey[routeKey]).RouteId as string;
    const responses = draft.routeResponses[routeId] ?? [];
    if (responses.some((response) => response.RouteResponseKey === '$default')) {
      refuse(`ConflictException: route ${routeKey} has a $default response`);
    }
    draft.routeResponses[routeId] = [
      ...responses,
      { RouteResponseId: freshId('response'), RouteResponseKey: '$default' },
    ];
  }

  // Phase 4 (after the deployment): stale integrations and authorizers, which no route may
  // still use.
  for (const stale of plan.integrationsToDelete) {
    const integration = integrationById(stale.IntegrationId);
    const target = `${TARGET_PREFIX}${integration.IntegrationId}`;
    if (draft.routes.some((route) => route.Target === target)) {
      refuse(`ConflictException: integration ${integration.IntegrationId} is in use`);
    }
    draft.integrations = draft.integrations.filter((other) => other !== integration);
  }
  for (const stale of plan.authorizersToDelete) {
    const authorizer = authorizerById(stale.AuthorizerId);
    if (draft.routes.some((route) => route.AuthorizerId === authorizer.AuthorizerId)) {
      refuse(`ConflictException: authorizer ${authorizer.AuthorizerId} is in use`);
    }
    draft.authorizers = draft.authorizers.filter((other) => other !== authorizer);
  }

  return { draft, ids };
}

/** A draft or a desired API, reduced to what a client of the API can tell apart. */
export interface DraftShape {
  integrations: { uri: string; type: string; method: string }[];
  authorizers: { name: string; type: string; uri: string; identitySource: string[] }[];
  routes: {
    routeKey: string;
    integrationUri: string;
    authorizationType: string;
    authorizerName?: string;
    routeResponseSelectionExpression?: string;
    responseKeys: string[];
  }[];
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

export function shapeOfDraft(draft: DraftModel): DraftShape {
  const uriById = new Map(
    draft.integrations.map((integration) => [
      integration.IntegrationId,
      integration.IntegrationUri,
    ]),
  );
  const nameById = new Map(
    draft.authorizers.map((authorizer) => [authorizer.AuthorizerId, authorizer.Name]),
  );
  return {
    integrations: draft.integrations
      .map((integration) => ({
        uri: integration.IntegrationUri ?? '(no uri)',
        type: integration.IntegrationType ?? '(no type)',
        method: integration.IntegrationMethod ?? '(no method)',
      }))
      .sort(byKey((integration) => integration.uri)),
    authorizers: draft.authorizers
      .map((authorizer) => ({
        name: authorizer.Name,
        type: authorizer.AuthorizerType ?? '(no type)',
        uri: authorizer.AuthorizerUri ?? '(no uri)',
        identitySource: authorizer.IdentitySource ?? [],
      }))
      .sort(byKey((authorizer) => authorizer.name)),
    routes: draft.routes
      .map((route) => {
        const integrationId = route.Target?.slice(TARGET_PREFIX.length);
        return {
          routeKey: route.RouteKey,
          integrationUri: uriById.get(integrationId) ?? `(dangling target ${route.Target})`,
          authorizationType: route.AuthorizationType ?? 'NONE',
          authorizerName: route.AuthorizerId
            ? (nameById.get(route.AuthorizerId) ?? `(dangling authorizer ${route.AuthorizerId})`)
            : undefined,
          routeResponseSelectionExpression: route.RouteResponseSelectionExpression || undefined,
          responseKeys: (draft.routeResponses[route.RouteId as string] ?? [])
            .map((response) => response.RouteResponseKey)
            .sort(),
        };
      })
      .sort(byKey((route) => route.routeKey)),
  };
}

export function shapeOfDesired(desired: DesiredApi): DraftShape {
  return {
    integrations: desired.integrations
      .map((integration) => ({ uri: integration.uri, type: 'AWS_PROXY', method: 'POST' }))
      .sort(byKey((integration) => integration.uri)),
    authorizers: desired.authorizers
      .map((authorizer) => ({
        name: authorizer.name,
        type: 'REQUEST',
        uri: authorizer.uri,
        identitySource: authorizer.identitySource,
      }))
      .sort(byKey((authorizer) => authorizer.name)),
    routes: desired.routes
      .map((route) => ({
        routeKey: route.routeKey,
        integrationUri: route.integrationUri,
        authorizationType: route.authorizerName
          ? 'CUSTOM'
          : route.iamAuthorization
            ? 'AWS_IAM'
            : 'NONE',
        authorizerName: route.authorizerName,
        routeResponseSelectionExpression: route.routeResponseSelectionExpression,
        responseKeys: route.routeResponseSelectionExpression ? ['$default'] : [],
      }))
      .sort(byKey((route) => route.routeKey)),
  };
}
