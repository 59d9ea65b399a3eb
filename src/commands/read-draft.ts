import type { ApiGatewayClient } from '../aws/apigateway';
import { runBounded } from '../concurrency';
import type { DesiredApi } from '../desired-state';
import { awsStep } from '../errors';
import { routesWithResponsesToRead } from '../reconcile/draft-plan';
import type { ExistingDraft } from '../reconcile/existing-state';
import type { CommandContext } from './context';

/** A new API's draft: nothing to read. */
export const EMPTY_DRAFT: ExistingDraft = {
  integrations: [],
  authorizers: [],
  routes: [],
  routeResponses: {},
};

/** Reads an API's integrations, authorizers and routes (every page of each). */
export function readDraft(
  apigateway: ApiGatewayClient,
  apiId: string,
): Promise<Omit<ExistingDraft, 'routeResponses'>> {
  return awsStep(`read the routes, integrations and authorizers of API ${apiId}`, async () => {
    const [integrations, authorizers, routes] = await runBounded([
      () => apigateway.getIntegrations(apiId),
      () => apigateway.getAuthorizers(apiId),
      () => apigateway.getRoutes(apiId),
    ] as const);
    return { integrations, authorizers, routes };
  });
}

/** The draft, with the route responses of the routes that have or want one. */
export async function readExistingDraft(
  context: CommandContext,
  apiId: string,
  desired: DesiredApi,
): Promise<ExistingDraft> {
  const draft = await readDraft(context.apigateway, apiId);
  const routes = routesWithResponsesToRead(draft.routes, desired);
  const responses = await runBounded(
    routes.map(
      (route) => () =>
        awsStep(`read the route responses of route "${route.RouteKey}"`, () =>
          context.apigateway.getRouteResponses(apiId, route.RouteId as string),
        ),
    ),
  );
  const routeResponses: ExistingDraft['routeResponses'] = {};
  routes.forEach((route, index) => (routeResponses[route.RouteId as string] = responses[index]));
  return { ...draft, routeResponses };
}
