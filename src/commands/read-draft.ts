import type { ApiGatewayClient } from '../aws/apigateway';
import { runBounded } from '../concurrency';
import { awsStep } from '../errors';
import type { ExistingDraft } from '../reconcile/existing-state';

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
