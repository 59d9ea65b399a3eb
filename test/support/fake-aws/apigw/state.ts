import type * as AWS from 'aws-sdk';
import { Collection } from '../collection';
import { clonePlain } from '../objects';

type Route = AWS.ApiGatewayV2.Route;
type Integration = AWS.ApiGatewayV2.Integration;
type Authorizer = AWS.ApiGatewayV2.Authorizer;
type RouteResponse = AWS.ApiGatewayV2.RouteResponse;

/** What a deployment captured: the draft's routes, integrations, authorizers, route responses. */
export interface ApiSnapshot {
  routes: Route[];
  integrations: Integration[];
  authorizers: Authorizer[];
  /** Route responses by RouteId. */
  routeResponses: Record<string, RouteResponse[]>;
}

/** The draft of an API as plain data, with the API itself. */
export interface ApiDraft extends ApiSnapshot {
  api: AWS.ApiGatewayV2.Api;
}

export interface DeploymentState {
  deployment: AWS.ApiGatewayV2.Deployment;
  snapshot: ApiSnapshot;
}

/**
 * Everything under one API. The collections are the fake's live state: tests may read them
 * and mutate them to simulate drift (mutations bypass every AWS rule).
 */
export class ApiState {
  readonly routes: Collection<Route>;
  readonly integrations: Collection<Integration>;
  readonly authorizers: Collection<Authorizer>;
  /** One collection per RouteId. */
  readonly routeResponses = new Map<string, Collection<RouteResponse>>();
  readonly deployments: Collection<DeploymentState>;
  /** Keyed by StageName. */
  readonly stages: Collection<AWS.ApiGatewayV2.Stage>;

  constructor(public api: AWS.ApiGatewayV2.Api & { ApiId: string }) {
    const id = api.ApiId;
    this.routes = new Collection(`routes:${id}`);
    this.integrations = new Collection(`integrations:${id}`);
    this.authorizers = new Collection(`authorizers:${id}`);
    this.deployments = new Collection(`deployments:${id}`);
    this.stages = new Collection(`stages:${id}`);
  }

  get apiId(): string {
    return this.api.ApiId;
  }

  responsesOf(routeId: string): Collection<RouteResponse> {
    let responses = this.routeResponses.get(routeId);
    if (!responses) {
      responses = new Collection(`routeResponses:${this.apiId}:${routeId}`);
      this.routeResponses.set(routeId, responses);
    }
    return responses;
  }

  /** A deep copy of the draft, as a deployment captures it. */
  snapshot(): ApiSnapshot {
    const routeResponses: Record<string, RouteResponse[]> = {};
    for (const [routeId, responses] of this.routeResponses) {
      if (responses.size > 0) routeResponses[routeId] = responses.values();
    }
    return clonePlain({
      routes: this.routes.values(),
      integrations: this.integrations.values(),
      authorizers: this.authorizers.values(),
      routeResponses,
    });
  }
}
