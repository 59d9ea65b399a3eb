import type { ApiGatewayV2 } from 'aws-sdk';
import { isEqual } from 'lodash';
import type {
  DesiredApi,
  DesiredAuthorizer,
  DesiredIntegration,
  DesiredRoute,
} from '../desired-state';
import { integrationTarget, type ExistingDraft } from './existing-state';

/**
 * The writes that turn an API's existing draft into the desired one: create what is missing,
 * update what differs, delete what is stale. Pure; `apply-draft-plan.ts` carries out all but
 * the deletion of stale integrations and authorizers, which waits until the new deployment is
 * live (`retireStale` in commands/permissions.ts): until then they are the record of which functions' invoke
 * permissions are to be taken back.
 */
export interface DraftPlan {
  integrationsToCreate: DesiredIntegration[];
  integrationsToUpdate: { integrationId: string; desired: DesiredIntegration }[];
  /**
   * Authorizers whose function changed: renamed out of the way (and retired with the stale
   * ones) instead of updated in place, so that the draft keeps the old function's URI until
   * its permission is taken back. Their replacement is in `authorizersToCreate`.
   */
  authorizersToSetAside: { authorizerId: string; name: string }[];
  authorizersToCreate: DesiredAuthorizer[];
  authorizersToUpdate: { authorizerId: string; desired: DesiredAuthorizer }[];
  /** Stale routes, and routes that must be recreated because a setting cannot be unset. */
  routesToDelete: ApiGatewayV2.Route[];
  routesToCreate: DesiredRoute[];
  routesToUpdate: { routeId: string; desired: DesiredRoute }[];
  /** Route keys that need a `$default` route response created. */
  routeResponsesToCreate: string[];
  /** Stale: deleted once the new deployment is live, after their permission is revoked. */
  integrationsToDelete: ApiGatewayV2.Integration[];
  /** Stale or set aside: as integrationsToDelete. */
  authorizersToDelete: ApiGatewayV2.Authorizer[];
  /** Ids of the resources that are kept as they are or updated in place. */
  kept: {
    integrationIdByUri: Record<string, string>;
    authorizerIdByName: Record<string, string>;
    routeIdByKey: Record<string, string>;
  };
}

export const ROUTE_RESPONSE_KEY = '$default';

/** Set-aside names stay within 128 characters, as API Gateway's names do. */
const AUTHORIZER_NAME_MAX = 128;
const SET_ASIDE_SUFFIX = '-retired';

/** The name an authorizer is set aside under until it is deleted. */
export function setAsideName(name: string): string {
  return `${name.slice(0, AUTHORIZER_NAME_MAX - SET_ASIDE_SUFFIX.length)}${SET_ASIDE_SUFFIX}`;
}

/** Splits existing resources into the first one per identity (kept) and duplicates (stale). */
function firstByIdentity<T>(items: T[], identity: (item: T) => string | undefined) {
  const first = new Map<string, T>();
  const duplicates: T[] = [];
  for (const item of items) {
    const key = identity(item);
    if (key === undefined || first.has(key)) duplicates.push(item);
    else first.set(key, item);
  }
  return { first, duplicates };
}

function integrationDiffers(existing: ApiGatewayV2.Integration): boolean {
  return existing.IntegrationType !== 'AWS_PROXY' || existing.IntegrationMethod !== 'POST';
}

function authorizerDiffers(existing: ApiGatewayV2.Authorizer, desired: DesiredAuthorizer) {
  return (
    existing.AuthorizerType !== 'REQUEST' ||
    !isEqual(existing.IdentitySource ?? [], desired.identitySource)
  );
}

function authorizationTypeOf(route: DesiredRoute): 'CUSTOM' | 'AWS_IAM' | 'NONE' {
  if (route.authorizerName) return 'CUSTOM';
  return route.iamAuthorization ? 'AWS_IAM' : 'NONE';
}

/**
 * What must happen to an existing route. API Gateway offers no reliable way to unset a route's
 * authorizer, authorization or route response selection expression, so losing any of them
 * recreates the route (the draft only; the live stage changes at the next deployment).
 */
function routeChange(
  existing: ApiGatewayV2.Route,
  desired: DesiredRoute,
  kept: DraftPlan['kept'],
): 'none' | 'update' | 'recreate' {
  const authorizationType = existing.AuthorizationType ?? 'NONE';
  const wantedType = authorizationTypeOf(desired);
  if (
    (authorizationType === 'CUSTOM' && wantedType !== 'CUSTOM') ||
    (authorizationType !== 'NONE' && wantedType === 'NONE') ||
    (!desired.routeResponseSelectionExpression && existing.RouteResponseSelectionExpression)
  ) {
    return 'recreate';
  }
  const integrationId = kept.integrationIdByUri[desired.integrationUri];
  const targetMatches =
    integrationId !== undefined && existing.Target === integrationTarget(integrationId);
  const authorizerId = desired.authorizerName && kept.authorizerIdByName[desired.authorizerName];
  const authorizationMatches =
    authorizationType === wantedType &&
    (wantedType !== 'CUSTOM' || (!!authorizerId && existing.AuthorizerId === authorizerId));
  const responseMatches =
    (existing.RouteResponseSelectionExpression || undefined) ===
    desired.routeResponseSelectionExpression;
  return targetMatches && authorizationMatches && responseMatches ? 'none' : 'update';
}

/** Which routes' responses must be read before planning: those that have or want one. */
export function routesWithResponsesToRead(
  existingRoutes: ApiGatewayV2.Route[],
  desired: DesiredApi,
): ApiGatewayV2.Route[] {
  const twoWayKeys = new Set(
    desired.routes.filter((route) => route.routeResponseSelectionExpression).map((r) => r.routeKey),
  );
  return existingRoutes.filter(
    (route) => route.RouteResponseSelectionExpression || twoWayKeys.has(route.RouteKey ?? ''),
  );
}

export function planDraft(desired: DesiredApi, existing: ExistingDraft): DraftPlan {
  const desiredUris = new Set(desired.integrations.map((integration) => integration.uri));
  const integrations = firstByIdentity(existing.integrations, (integration) =>
    integration.IntegrationUri && desiredUris.has(integration.IntegrationUri)
      ? integration.IntegrationUri
      : undefined,
  );
  const desiredAuthorizerNames = new Set(desired.authorizers.map((authorizer) => authorizer.name));
  const authorizers = firstByIdentity(existing.authorizers, (authorizer) =>
    authorizer.Name && desiredAuthorizerNames.has(authorizer.Name) ? authorizer.Name : undefined,
  );
  const routes = firstByIdentity(existing.routes, (route) => route.RouteKey);

  const plan: DraftPlan = {
    integrationsToCreate: [],
    integrationsToUpdate: [],
    authorizersToSetAside: [],
    authorizersToCreate: [],
    authorizersToUpdate: [],
    routesToDelete: [...routes.duplicates],
    routesToCreate: [],
    routesToUpdate: [],
    routeResponsesToCreate: [],
    integrationsToDelete: integrations.duplicates,
    authorizersToDelete: authorizers.duplicates,
    kept: { integrationIdByUri: {}, authorizerIdByName: {}, routeIdByKey: {} },
  };

  for (const wanted of desired.integrations) {
    const found = integrations.first.get(wanted.uri);
    if (!found?.IntegrationId) {
      plan.integrationsToCreate.push(wanted);
      continue;
    }
    plan.kept.integrationIdByUri[wanted.uri] = found.IntegrationId;
    if (integrationDiffers(found)) {
      plan.integrationsToUpdate.push({ integrationId: found.IntegrationId, desired: wanted });
    }
  }

  for (const wanted of desired.authorizers) {
    const found = authorizers.first.get(wanted.name);
    if (found?.AuthorizerId && found.AuthorizerUri !== wanted.uri) {
      plan.authorizersToSetAside.push({
        authorizerId: found.AuthorizerId,
        name: setAsideName(wanted.name),
      });
      plan.authorizersToDelete.push(found);
    }
    if (!found?.AuthorizerId || found.AuthorizerUri !== wanted.uri) {
      plan.authorizersToCreate.push(wanted);
      continue;
    }
    plan.kept.authorizerIdByName[wanted.name] = found.AuthorizerId;
    if (authorizerDiffers(found, wanted)) {
      plan.authorizersToUpdate.push({ authorizerId: found.AuthorizerId, desired: wanted });
    }
  }

  const desiredRouteKeys = new Set(desired.routes.map((route) => route.routeKey));
  for (const [routeKey, route] of routes.first) {
    if (!desiredRouteKeys.has(routeKey)) plan.routesToDelete.push(route);
  }

  for (const wanted of desired.routes) {
    const found = routes.first.get(wanted.routeKey);
    const change = found?.RouteId ? routeChange(found, wanted, plan.kept) : 'recreate';
    if (change === 'recreate') {
      if (found) plan.routesToDelete.push(found);
      plan.routesToCreate.push(wanted);
      if (wanted.routeResponseSelectionExpression)
        plan.routeResponsesToCreate.push(wanted.routeKey);
      continue;
    }
    const routeId = found?.RouteId as string;
    plan.kept.routeIdByKey[wanted.routeKey] = routeId;
    if (change === 'update') plan.routesToUpdate.push({ routeId, desired: wanted });

    // A route that stops being two-way is recreated above, which takes its responses along.
    const responses = existing.routeResponses[routeId] ?? [];
    if (
      wanted.routeResponseSelectionExpression &&
      !responses.some((response) => response.RouteResponseKey === ROUTE_RESPONSE_KEY)
    ) {
      plan.routeResponsesToCreate.push(wanted.routeKey);
    }
  }

  return plan;
}

/** The writes before the deployment (the deletions after it are not counted: see DraftPlan). */
export function countDraftWrites(plan: DraftPlan): number {
  return (
    plan.integrationsToCreate.length +
    plan.integrationsToUpdate.length +
    plan.authorizersToSetAside.length +
    plan.authorizersToCreate.length +
    plan.authorizersToUpdate.length +
    plan.routesToDelete.length +
    plan.routesToCreate.length +
    plan.routesToUpdate.length +
    plan.routeResponsesToCreate.length
  );
}
