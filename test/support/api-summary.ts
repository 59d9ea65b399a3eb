import type { ApiSnapshot } from './fake-aws';

const functionOfUri = (uri: string | undefined) => uri?.match(/:function:([^/:]+)/)?.[1] ?? '?';

export interface RouteSummary {
  function: string;
  authorizer?: string;
  routeResponseSelectionExpression?: string;
  routeResponses?: string[];
}

/**
 * An API's routes, integrations and authorizers in terms a person checks: which function each
 * route reaches, with which authorizer. Dangling references show up as '?'.
 */
export function summarize(snapshot: ApiSnapshot) {
  const functionByIntegration = new Map(
    snapshot.integrations.map((i) => [i.IntegrationId, functionOfUri(i.IntegrationUri)]),
  );
  const authorizerName = new Map(snapshot.authorizers.map((a) => [a.AuthorizerId, a.Name]));
  const routes: Record<string, RouteSummary> = {};
  for (const route of snapshot.routes) {
    const summary: RouteSummary = {
      function: functionByIntegration.get(route.Target?.replace('integrations/', '')) ?? '?',
    };
    if (route.AuthorizationType === 'CUSTOM') {
      summary.authorizer = `CUSTOM:${authorizerName.get(route.AuthorizerId) ?? '?'}`;
    } else if (route.AuthorizationType && route.AuthorizationType !== 'NONE') {
      summary.authorizer = route.AuthorizationType;
    }
    if (route.RouteResponseSelectionExpression) {
      summary.routeResponseSelectionExpression = route.RouteResponseSelectionExpression;
    }
    const responses = snapshot.routeResponses[route.RouteId ?? ''] ?? [];
    if (responses.length) summary.routeResponses = responses.map((r) => r.RouteResponseKey ?? '?');
    routes[route.RouteKey ?? '?'] = summary;
  }
  return {
    routes,
    integrations: snapshot.integrations
      .map((i) => `${i.IntegrationType} ${i.IntegrationMethod} ${functionOfUri(i.IntegrationUri)}`)
      .sort(),
    authorizers: Object.fromEntries(
      snapshot.authorizers.map((a) => [
        a.Name,
        {
          type: a.AuthorizerType,
          function: functionOfUri(a.AuthorizerUri),
          identitySource: a.IdentitySource,
        },
      ]),
    ),
  };
}

/**
 * What a stage serves: the snapshot without integrations and authorizers that no route uses.
 * A deployment may hold such leftovers: the plugin deletes stale ones from the draft only
 * after the new deployment is live (it takes their functions' permissions back first), so they
 * stay in that deployment, unused, until the next one.
 */
export function summarizeServed(snapshot: ApiSnapshot) {
  const targets = new Set(snapshot.routes.map((route) => route.Target));
  const authorizerIds = new Set(snapshot.routes.map((route) => route.AuthorizerId));
  return summarize({
    ...snapshot,
    integrations: snapshot.integrations.filter((i) =>
      targets.has(`integrations/${i.IntegrationId}`),
    ),
    authorizers: snapshot.authorizers.filter((a) => authorizerIds.has(a.AuthorizerId)),
  });
}
