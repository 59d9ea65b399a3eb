import { isPluginEvent } from '../config/read-config';
import type { AuthorizerConfig, RouteConfig, WebsocketConfig } from '../config/types';

/**
 * serverless-offline's view of this plugin's routes (pure). What it reads, checked in the
 * source of 13.9.0 (src/) and 8.8.1 (dist/), which agree:
 * - the events, from `service.getAllEventsInFunction()` in its `offline:start:init` /
 *   `offline:start` hook, not in its constructor (ServerlessOffline start() -> #getEvents /
 *   _getEvents), so a `before:` hook of either event can still present them;
 * - a `websocket` event as a string (the route) or `{ route, ...rest }` (events/websocket/
 *   WebSocketEventDefinition.js); of the rest, `routeResponseSelectionExpression === '$default'`
 *   sends the handler's `body` back, and `authorizer` counts on `$connect` only, as a function
 *   of the service by `name` (or a plain string); `arn` is refused with a warning of its own
 *   and `$connect` left open (WebSocketClients.js #configureAuthorization,
 *   events/authFunctionNameExtractor.js); identity sources are never read;
 * - `provider.websocketsApiRouteSelectionExpression` ("s"), with `request.body` cut out and the
 *   rest read as a JSONPath of the message; non-JSON or no match goes to `$default`
 *   (WebSocketClients.js #getRoute).
 */
/** A `websocket` event in the shape serverless-offline reads. */
export interface OfflineWebsocketEvent {
  route: string;
  routeResponseSelectionExpression?: '$default';
  authorizer?: { name: string };
}

export interface OfflineView {
  /** Function key -> its events, this plugin's in serverless-offline's shape, others as they were. */
  events: Record<string, unknown[]>;
  /** For `provider.websocketsApiRouteSelectionExpression`. */
  routeSelectionExpression: string;
  /** One line per thing serverless-offline does differently from AWS. */
  warnings: string[];
}

/** The only form serverless-offline evaluates: a field (or nested field) of the JSON body. */
const BODY_FIELD_EXPRESSION = /^\$request\.body(\.[A-Za-z0-9_-]+)+$/;

function authorizerWarning(authorizer: AuthorizerConfig): string {
  const sources = authorizer.identitySource.join(', ');
  if (authorizer.function.kind === 'arn') {
    return `$connect: authorizer "${authorizer.name}" is given by arn (${authorizer.function.arn}); serverless-offline runs only functions of this service, so $connect is open locally: every connection is accepted`;
  }
  return `$connect: serverless-offline does not check the identity sources (${sources}) before running authorizer "${authorizer.name}": a connection without them gets the authorizer's answer (403 when it denies), not API Gateway's 401`;
}

// serverless-offline has no SigV4 check, so the event carries no authorizer.
const IAM_WARNING =
  '$connect: authorizer aws_iam: serverless-offline does not check SigV4 signatures, so $connect is open locally: every connection is accepted';

function toOfflineEvent(route: RouteConfig, authorizers: AuthorizerConfig[]): unknown {
  const websocket: OfflineWebsocketEvent = { route: route.routeKey };
  if (route.routeResponseSelectionExpression) {
    websocket.routeResponseSelectionExpression = route.routeResponseSelectionExpression;
  }
  const authorizer = authorizers.find((candidate) => candidate.name === route.authorizerName);
  if (authorizer?.function.kind === 'service') {
    websocket.authorizer = { name: authorizer.function.functionKey };
  }
  return { websocket };
}

/** The route of one of the framework's own `websocket` events (string shorthand or `route`). */
function frameworkRoute(event: unknown): string | undefined {
  const { websocket } = (event ?? {}) as { websocket?: unknown };
  if (typeof websocket === 'string') return websocket;
  const route = (websocket as { route?: unknown } | undefined)?.route;
  return typeof route === 'string' ? route : undefined;
}

function mixedWarning(frameworkRoutes: string[], config: WebsocketConfig): string | undefined {
  if (frameworkRoutes.length === 0) return undefined;
  const ours = new Set(config.routes.map((route) => route.routeKey));
  const shared = [...new Set(frameworkRoutes.filter((route) => ours.has(route)))];
  const collision =
    shared.length > 0 ? `; route keys used by both (${shared.join(', ')}) reach one function` : '';
  return `the framework's own websocket events (route: ${[...new Set(frameworkRoutes)].join(', ')}) are a separate API on AWS; serverless-offline serves them and this plugin's routes on one local endpoint, routed by ${config.routeSelectionExpression}${collision}`;
}

/**
 * This plugin's events as serverless-offline reads them, and what it cannot emulate. A service
 * with no routes of this plugin is left as it is (`undefined`).
 */
export function offlineView(
  functions: Record<string, { events?: unknown[] }>,
  config: WebsocketConfig,
): OfflineView | undefined {
  if (config.routes.length === 0) return undefined;
  const byRouteKey = new Map(config.routes.map((route) => [route.routeKey, route]));
  const frameworkRoutes: string[] = [];
  const events = Object.fromEntries(
    Object.entries(functions).map(([functionKey, definition]) => [
      functionKey,
      (definition.events ?? []).map((event) => {
        if (!isPluginEvent(event)) {
          const route = frameworkRoute(event);
          if (route !== undefined) frameworkRoutes.push(route);
          return event;
        }
        const { routeKey } = (event as { websocket: { routeKey: string } }).websocket;
        return toOfflineEvent(byRouteKey.get(routeKey) as RouteConfig, config.authorizers);
      }),
    ]),
  );
  const expression = config.routeSelectionExpression;
  const warnings = [
    ...config.warnings,
    ...config.authorizers.map(authorizerWarning),
    ...(config.routes.some((route) => route.iamAuthorization) ? [IAM_WARNING] : []),
    ...(BODY_FIELD_EXPRESSION.test(expression)
      ? []
      : [
          `route selection expression ${expression}: serverless-offline routes only by a field of the JSON message ($request.body.<field>), so locally every message reaches $default`,
        ]),
    ...[mixedWarning(frameworkRoutes, config)].filter((line): line is string => !!line),
  ];
  return { events, routeSelectionExpression: expression, warnings };
}

/** Where a handler posts to `@connections` locally: serverless-offline's WebSocket port, no stage. */
export function localCallbackEndpoint(settings: Record<string, unknown>): string {
  const { host = 'localhost', websocketPort = 3001, httpsProtocol } = settings;
  return `${httpsProtocol ? 'https' : 'http'}://${String(host)}:${String(websocketPort)}`;
}
