import type { ApiGatewayV2 } from 'aws-sdk';

/** What an API's draft holds in AWS now, as read before a deploy. */
export interface ExistingDraft {
  integrations: ApiGatewayV2.Integration[];
  authorizers: ApiGatewayV2.Authorizer[];
  routes: ApiGatewayV2.Route[];
  /** Route id -> its route responses; only for the routes whose responses were read. */
  routeResponses: Record<string, ApiGatewayV2.RouteResponse[]>;
}

export const integrationTarget = (integrationId: string): string => `integrations/${integrationId}`;
