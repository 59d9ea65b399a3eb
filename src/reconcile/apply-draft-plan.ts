import type { ApiGatewayV2 } from 'aws-sdk';
import type { ApiGatewayClient } from '../aws/apigateway';
import { runBounded, type Task } from '../concurrency';
import type { DesiredAuthorizer, DesiredRoute } from '../desired-state';
import { awsStep } from '../errors';
import { ROUTE_RESPONSE_KEY, type DraftPlan } from './draft-plan';
import { integrationTarget } from './existing-state';

/** The ids every desired resource has once the plan has been carried out. */
export type ResolvedIds = DraftPlan['kept'];

const PROXY_INTEGRATION = { IntegrationType: 'AWS_PROXY', IntegrationMethod: 'POST' };

function authorizerSettings(desired: DesiredAuthorizer) {
  return {
    Name: desired.name,
    AuthorizerType: 'REQUEST',
    AuthorizerUri: desired.uri,
    IdentitySource: desired.identitySource,
  };
}

function routeSettings(desired: DesiredRoute, ids: ResolvedIds) {
  const authorizerId = desired.authorizerName && ids.authorizerIdByName[desired.authorizerName];
  return {
    Target: integrationTarget(ids.integrationIdByUri[desired.integrationUri]),
    ...(authorizerId ? { AuthorizationType: 'CUSTOM', AuthorizerId: authorizerId } : {}),
    ...(desired.iamAuthorization ? { AuthorizationType: 'AWS_IAM' } : {}),
    ...(desired.routeResponseSelectionExpression
      ? { RouteResponseSelectionExpression: desired.routeResponseSelectionExpression }
      : {}),
  };
}

const routeLabel = (route: ApiGatewayV2.Route) => `route "${route.RouteKey}" (${route.RouteId})`;

/**
 * Carries out a draft plan in phases API Gateway accepts: authorizers whose function changed
 * are renamed out of the way of their replacement; integrations and authorizers next (routes
 * point at them); stale and recreated routes deleted before routes are created (a recreated
 * route keeps its key); route responses once their routes exist. Stale integrations and
 * authorizers stay until the new deployment is live (see DraftPlan). Within a phase calls run
 * concurrently, bounded.
 */
export async function applyDraftPlan(
  apigateway: ApiGatewayClient,
  apiId: string,
  plan: DraftPlan,
): Promise<ResolvedIds> {
  const ids: ResolvedIds = {
    integrationIdByUri: { ...plan.kept.integrationIdByUri },
    authorizerIdByName: { ...plan.kept.authorizerIdByName },
    routeIdByKey: { ...plan.kept.routeIdByKey },
  };

  const targets: Task[] = [
    ...plan.integrationsToCreate.map((desired) => async () => {
      const created = await awsStep(`create the integration for ${desired.uri}`, () =>
        apigateway.createIntegration({
          ApiId: apiId,
          IntegrationUri: desired.uri,
          ...PROXY_INTEGRATION,
        }),
      );
      ids.integrationIdByUri[desired.uri] = created.IntegrationId as string;
    }),
    ...plan.integrationsToUpdate.map(
      ({ integrationId, desired }) =>
        () =>
          awsStep(`update integration ${integrationId} for ${desired.uri}`, () =>
            apigateway.updateIntegration({
              ApiId: apiId,
              IntegrationId: integrationId,
              ...PROXY_INTEGRATION,
            }),
          ),
    ),
    ...plan.authorizersToCreate.map((desired) => async () => {
      const created = await awsStep(`create authorizer "${desired.name}"`, () =>
        apigateway.createAuthorizer({ ApiId: apiId, ...authorizerSettings(desired) }),
      );
      ids.authorizerIdByName[desired.name] = created.AuthorizerId as string;
    }),
    ...plan.authorizersToUpdate.map(
      ({ authorizerId, desired }) =>
        () =>
          awsStep(`update authorizer "${desired.name}" (${authorizerId})`, () =>
            apigateway.updateAuthorizer({
              ApiId: apiId,
              AuthorizerId: authorizerId,
              ...authorizerSettings(desired),
            }),
          ),
    ),
  ];

  const routeDeletions: Task[] = plan.routesToDelete.map(
    (route) => () =>
      awsStep(`delete ${routeLabel(route)}`, () =>
        apigateway.deleteRoute({ ApiId: apiId, RouteId: route.RouteId as string }),
      ),
  );

  const routeWrites = (): Task[] => [
    ...plan.routesToCreate.map((desired) => async () => {
      const created = await awsStep(`create route "${desired.routeKey}"`, () =>
        apigateway.createRoute({
          ApiId: apiId,
          RouteKey: desired.routeKey,
          ...routeSettings(desired, ids),
        }),
      );
      ids.routeIdByKey[desired.routeKey] = created.RouteId as string;
    }),
    ...plan.routesToUpdate.map(
      ({ routeId, desired }) =>
        () =>
          awsStep(`update route "${desired.routeKey}" (${routeId})`, () =>
            apigateway.updateRoute({
              ApiId: apiId,
              RouteId: routeId,
              ...routeSettings(desired, ids),
            }),
          ),
    ),
  ];

  const routeResponseCreations = (): Task[] =>
    plan.routeResponsesToCreate.map(
      (routeKey) => () =>
        awsStep(`create the route response of route "${routeKey}"`, () =>
          apigateway.createRouteResponse({
            ApiId: apiId,
            RouteId: ids.routeIdByKey[routeKey],
            RouteResponseKey: ROUTE_RESPONSE_KEY,
          }),
        ),
    );

  const setAside: Task[] = plan.authorizersToSetAside.map(
    ({ authorizerId, name }) =>
      () =>
        awsStep(`rename authorizer ${authorizerId} to "${name}" until it is deleted`, () =>
          apigateway.updateAuthorizer({ ApiId: apiId, AuthorizerId: authorizerId, Name: name }),
        ),
  );

  // Later phases are built only when they run: they read ids the earlier phases created.
  await runBounded(setAside);
  await runBounded([...targets, ...routeDeletions]);
  await runBounded(routeWrites());
  await runBounded(routeResponseCreations());
  return ids;
}
