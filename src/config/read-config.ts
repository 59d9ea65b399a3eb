import { parseLambdaFunctionArn } from '../arns';
import { AWS_MANAGEMENT_RATE, type PacingSettings } from '../aws/pacer';
import { ConfigurationError } from '../errors';
import { findPartition, PARTITIONS } from '../partitions';
import { readProductionConfig, readThrottling } from './read-production';
import type {
  ApiSettings,
  AuthorizerConfig,
  RouteConfig,
  ServiceDescription,
  WebsocketConfig,
} from './types';
import {
  AUTHORIZER_KEYS,
  EVENT_KEYS,
  unknownKeyMessages,
  unknownProviderKeyMessages,
} from './unknown-keys';

export const DEFAULT_ROUTE_SELECTION_EXPRESSION = '$request.body.action';
const CONNECT_ROUTE = '$connect';
/** `authorizer: aws_iam`: API Gateway checks the SigV4 signature of the connection request. */
export const IAM_AUTHORIZER = 'aws_iam';

/**
 * The route keys API Gateway predefines for WebSocket APIs ("Create routes for WebSocket APIs
 * in API Gateway": "three predefined routes ... $connect, $disconnect, and $default"); other
 * keys starting with `$` are reserved, and a custom route key is anything else.
 */
const PREDEFINED_ROUTE_KEYS = ['$connect', '$disconnect', '$default'];

/** CreateApi's limit on Name ("API names up to 128 characters"). */
export const API_NAME_MAX_LENGTH = 128;

/**
 * The identity sources a WebSocket REQUEST authorizer accepts (the HTTP API `$request.header.X`
 * form is refused by API Gateway for WebSocket APIs).
 */
const IDENTITY_SOURCE =
  /^(route\.request\.header|route\.request\.querystring|stageVariables|context)\.\S+$/;

/**
 * AWS's per-API quotas for WebSocket APIs ("Quotas for configuring and running a WebSocket API
 * in API Gateway"): both raisable per API on request, so each has a provider key that tells
 * the plugin about a raised quota.
 */
const RAISABLE_QUOTAS = {
  routes: {
    key: 'websocketApiMaxRoutes',
    limit: 300,
    howToRaise:
      'request an increase of "Routes per API" (L-01C8A9E0) for this API in the Service Quotas console',
  },
  integrations: {
    key: 'websocketApiMaxIntegrations',
    limit: 300,
    howToRaise: 'ask the AWS Support Center to raise "Integrations per API" for this API',
  },
} as const;

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** The API's name and route selection expression, from the `provider` block. */
export function readApiSettings(service: ServiceDescription): ApiSettings {
  return withoutProblems((problems) => collectApiSettings(service, problems));
}

/** What `collect` read, or a ConfigurationError with every problem it found. */
function withoutProblems<T>(collect: (problems: string[]) => T): T {
  const problems: string[] = [];
  const read = collect(problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return read;
}

function collectApiSettings(service: ServiceDescription, problems: string[]): ApiSettings {
  const { websocketApiName, websocketApiRouteSelectionExpression } = service.provider;
  if (websocketApiName !== undefined && !isNonEmptyString(websocketApiName)) {
    problems.push(
      `provider.websocketApiName must be a non-empty string, got ${shown(websocketApiName)}`,
    );
  }
  if (
    websocketApiRouteSelectionExpression !== undefined &&
    !isNonEmptyString(websocketApiRouteSelectionExpression)
  ) {
    problems.push(
      `provider.websocketApiRouteSelectionExpression must be a non-empty string such as ${DEFAULT_ROUTE_SELECTION_EXPRESSION}, got ${shown(websocketApiRouteSelectionExpression)}`,
    );
  }
  const name = isNonEmptyString(websocketApiName)
    ? websocketApiName
    : `${service.service}-${service.stage}-websockets-api`;
  if (name.length > API_NAME_MAX_LENGTH) {
    const what = isNonEmptyString(websocketApiName)
      ? 'provider.websocketApiName'
      : `the API name made from service and stage ("${name}")`;
    const fix = isNonEmptyString(websocketApiName)
      ? ''
      : '; set a shorter provider.websocketApiName';
    problems.push(
      `${what} is ${name.length} characters long; API Gateway allows at most ${API_NAME_MAX_LENGTH}${fix}`,
    );
  }
  return {
    name,
    routeSelectionExpression: isNonEmptyString(websocketApiRouteSelectionExpression)
      ? websocketApiRouteSelectionExpression
      : DEFAULT_ROUTE_SELECTION_EXPRESSION,
  };
}

/**
 * True for a `websocket` event that belongs to this plugin, as opposed to the framework's own
 * websocket events (an object with `route` and no `routeKey`, or the string shorthand). An event
 * with neither key is ours, so that the user hears that `routeKey` is missing.
 */
export function isPluginEvent(event: unknown): boolean {
  if (!isRecord(event) || !('websocket' in event)) return false;
  const { websocket } = event;
  if (typeof websocket === 'string') return false;
  return !(isRecord(websocket) && 'route' in websocket && !('routeKey' in websocket));
}

/** Where an event sits, as the user would look for it in serverless.yml. */
function eventLabel(functionKey: string, index: number): string {
  return `function "${functionKey}", events[${index}] (websocket)`;
}

interface EventContext {
  functionKey: string;
  label: string;
  problems: string[];
  /** Reports the keys of `given` outside `known` (shown after `path`, e.g. `authorizer.`). */
  reportUnknownKeys(given: Raw, known: readonly string[], path?: string): void;
}

function readIdentitySource(authorizer: Raw, context: EventContext): string[] {
  const given = authorizer.identitySources ?? authorizer.identitySource;
  const list = typeof given === 'string' ? given.split(',').map((part) => part.trim()) : given;
  if (Array.isArray(list) && list.length > 0 && list.every(isNonEmptyString)) {
    const malformed = list.filter((source) => !IDENTITY_SOURCE.test(source));
    if (malformed.length === 0) return list;
    context.problems.push(
      `${context.label}: authorizer.identitySources ${malformed.map((source) => `"${source}"`).join(', ')} ${malformed.length === 1 ? 'is' : 'are'} not a WebSocket identity source; use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>`,
    );
    return [];
  }
  context.problems.push(
    `${context.label}: authorizer.identitySources must be a non-empty list of strings (or one comma-separated string) such as route.request.header.Auth, got ${shown(given)}`,
  );
  return [];
}

/** Why an authorizer ARN's partition or region is not a real one, or undefined when both are. */
function unrealArnPart(partitionId: string, region: string): string | undefined {
  const partition = findPartition(partitionId);
  if (!partition) {
    return `its partition "${partitionId}" is not an AWS partition (${PARTITIONS.map((p) => p.id).join(', ')})`;
  }
  if (!partition.regions.includes(region)) {
    return `its region "${region}" is not a region of partition ${partition.id} (${partition.regions.join(', ')})`;
  }
  return undefined;
}

function readManagedExternally(authorizer: Raw, context: EventContext): boolean {
  const { managedExternally } = authorizer;
  if (managedExternally === undefined || typeof managedExternally === 'boolean') {
    return managedExternally === true;
  }
  context.problems.push(
    `${context.label}: authorizer.managedExternally must be true (the function's owner grants API Gateway the invoke permission) or false, got ${shown(managedExternally)}`,
  );
  return false;
}

function readAuthorizer(
  authorizer: unknown,
  service: ServiceDescription,
  context: EventContext,
): AuthorizerConfig | undefined {
  if (!isRecord(authorizer)) {
    context.problems.push(
      `${context.label}: authorizer must be "${IAM_AUTHORIZER}" or an object with "name" or "arn" and "identitySources", got ${shown(authorizer)}`,
    );
    return undefined;
  }
  context.reportUnknownKeys(authorizer, AUTHORIZER_KEYS, 'authorizer.');
  const identitySource = readIdentitySource(authorizer, context);
  const managedExternally = readManagedExternally(authorizer, context);
  const { name, arn } = authorizer;
  if (arn !== undefined) {
    const parsed = isNonEmptyString(arn) ? parseLambdaFunctionArn(arn) : undefined;
    if (parsed === undefined) {
      context.problems.push(
        `${context.label}: authorizer.arn must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:my-authorizer, got ${shown(arn)}`,
      );
      return undefined;
    }
    const unreal = unrealArnPart(parsed.partition, parsed.region);
    if (unreal) {
      context.problems.push(`${context.label}: authorizer.arn ${shown(arn)}: ${unreal}`);
      return undefined;
    }
    return {
      name: isNonEmptyString(name) ? name : parsed.functionName,
      label: context.label,
      function: { kind: 'arn', arn: arn as string },
      identitySource,
      managedExternally,
    };
  }
  if (!isNonEmptyString(name)) {
    context.problems.push(
      `${context.label}: authorizer needs "name" (a function of this service) or "arn" (a Lambda function ARN), got ${shown(authorizer)}`,
    );
    return undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(service.functions, name)) {
    context.problems.push(
      `${context.label}: authorizer.name "${name}" is not a function of this service (functions: ${Object.keys(service.functions).join(', ')}); use "arn" for a function outside the service`,
    );
    return undefined;
  }
  return {
    name,
    label: context.label,
    function: { kind: 'service', functionKey: name },
    identitySource,
    managedExternally,
  };
}

function readEvent(
  websocket: unknown,
  service: ServiceDescription,
  context: EventContext,
  config: Pick<WebsocketConfig, 'authorizers' | 'warnings'>,
): RouteConfig | undefined {
  if (!isRecord(websocket)) {
    context.problems.push(
      `${context.label}: websocket must be an object with a routeKey, got ${shown(websocket)}`,
    );
    return undefined;
  }
  // `route` is the framework's key, reported below with what to do.
  context.reportUnknownKeys(websocket, [...EVENT_KEYS, 'route']);
  const { routeKey, route, routeResponseSelectionExpression, authorizer, throttling } = websocket;
  if (route !== undefined) {
    context.problems.push(
      `${context.label}: has both "routeKey" (this plugin) and "route" (the framework's own websocket support); use one of them`,
    );
  }
  if (!isNonEmptyString(routeKey)) {
    context.problems.push(
      `${context.label}: routeKey must be a non-empty string such as $connect, $disconnect, $default or an action name, got ${shown(routeKey)}`,
    );
    return undefined;
  }
  if (routeKey.startsWith('$') && !PREDEFINED_ROUTE_KEYS.includes(routeKey)) {
    context.problems.push(
      `${context.label}: routeKey "${routeKey}" is reserved by API Gateway: route keys starting with "$" are ${PREDEFINED_ROUTE_KEYS.join(', ')} only`,
    );
    return undefined;
  }
  const routeConfig: RouteConfig = { routeKey, functionKey: context.functionKey };
  const routeThrottling = readThrottling(
    `${context.label}: throttling`,
    throttling,
    context.problems,
  );
  if (routeThrottling) routeConfig.throttling = routeThrottling;
  if (routeResponseSelectionExpression !== undefined) {
    if (routeResponseSelectionExpression === '$default') {
      routeConfig.routeResponseSelectionExpression = '$default';
    } else {
      context.problems.push(
        `${context.label}: routeResponseSelectionExpression must be "$default" (the only value WebSocket APIs accept), got ${shown(routeResponseSelectionExpression)}`,
      );
    }
  }
  if (typeof authorizer === 'string' && authorizer !== IAM_AUTHORIZER) {
    context.problems.push(
      `${context.label}: authorizer must be "${IAM_AUTHORIZER}" (SigV4-signed connections) or an object with "name" or "arn" (a Lambda authorizer), got ${shown(authorizer)}`,
    );
  } else if (authorizer !== undefined) {
    if (routeKey !== CONNECT_ROUTE) {
      config.warnings.push(
        `${context.label}: the authorizer on route "${routeKey}" is ignored; API Gateway runs authorizers on the $connect route only`,
      );
    } else if (authorizer === IAM_AUTHORIZER) {
      routeConfig.iamAuthorization = true;
    } else {
      const read = readAuthorizer(authorizer, service, context);
      if (read) {
        routeConfig.authorizerName = read.name;
        config.authorizers.push(read);
      }
    }
  }
  return routeConfig;
}

/**
 * Reads and validates every websocket event of the service. All problems are reported at once,
 * each naming the function, the event's position and the key.
 */
export function readWebsocketConfig(service: ServiceDescription): WebsocketConfig {
  const problems: string[] = [];
  const config: WebsocketConfig = {
    ...collectApiSettings(service, problems),
    routes: [],
    authorizers: [],
    production: readProductionConfig(service.provider, problems),
    warnings: [],
  };
  const firstUseOfRouteKey = new Map<string, string>();
  // A misspelt key is a warning, or a problem under the framework's `configValidationMode: error`.
  const { frameworkValidation } = service;
  const ignored = frameworkValidation?.mode !== 'error';
  const unknownKeysGoTo = ignored ? config.warnings : problems;
  if (!frameworkValidation?.reportsUnknownProviderKeys) {
    unknownKeysGoTo.push(...unknownProviderKeyMessages(service.provider, ignored));
  }

  for (const [functionKey, definition] of Object.entries(service.functions)) {
    const events: unknown = definition.events ?? [];
    if (!Array.isArray(events)) {
      problems.push(`function "${functionKey}": events must be a list, got ${shown(events)}`);
      continue;
    }
    events.forEach((event, index) => {
      if (!isPluginEvent(event)) return;
      const label = eventLabel(functionKey, index);
      const { websocket } = event as { websocket: unknown };
      const reportUnknownKeys = (given: Raw, known: readonly string[], path?: string) =>
        unknownKeysGoTo.push(...unknownKeyMessages(given, known, { where: label, path, ignored }));
      const context = { functionKey, label, problems, reportUnknownKeys };
      const route = readEvent(websocket, service, context, config);
      if (!route) return;
      const earlier = firstUseOfRouteKey.get(route.routeKey);
      if (earlier) {
        problems.push(
          `${label}: routeKey "${route.routeKey}" is already used by ${earlier}; each routeKey may appear once`,
        );
        return;
      }
      firstUseOfRouteKey.set(route.routeKey, label);
      config.routes.push(route);
    });
  }
  checkQuotas(service, config, problems);
  // Read here too so that a bad rate stops the deploy before CloudFormation, with the rest.
  collectRequestPacing(service, problems);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return config;
}

/** A positive number from the provider block, or the default when the key is not set. */
function readPositive(
  service: ServiceDescription,
  key: string,
  fallback: number,
  problems: string[],
  what: string,
  integer = false,
): number {
  const value = service.provider[key];
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value > 0 && (!integer || Number.isInteger(value))) {
    return value;
  }
  problems.push(`provider.${key} must be ${what}, got ${shown(value)}`);
  return fallback;
}

/** Routes and integrations (one per function with routes) within the API's quotas. */
function checkQuotas(
  service: ServiceDescription,
  config: WebsocketConfig,
  problems: string[],
): void {
  const functionsWithRoutes = [...new Set(config.routes.map((route) => route.functionKey))];
  const counts = { routes: config.routes.length, integrations: functionsWithRoutes.length };
  for (const kind of ['routes', 'integrations'] as const) {
    const quota = RAISABLE_QUOTAS[kind];
    const limit = readPositive(
      service,
      quota.key,
      quota.limit,
      problems,
      `a positive whole number (the ${kind} quota of this API, AWS's default is ${quota.limit})`,
      true,
    );
    if (counts[kind] <= limit) continue;
    const first =
      kind === 'routes'
        ? `route "${config.routes[limit].routeKey}" of function "${config.routes[limit].functionKey}"`
        : `function "${functionsWithRoutes[limit]}"`;
    problems.push(
      `the service has ${counts[kind]} ${kind === 'routes' ? 'routes' : 'functions with routes (one integration each)'}, more than the ${limit} ${kind} API Gateway allows per WebSocket API (from ${first} on); ${quota.howToRaise}, then set provider.${quota.key} to the raised quota`,
    );
  }
}

/** How fast the plugin may send API Gateway calls (provider.websocketApiRequestRate / Burst). */
export function readRequestPacing(service: ServiceDescription): PacingSettings {
  return withoutProblems((problems) => collectRequestPacing(service, problems));
}

function collectRequestPacing(service: ServiceDescription, problems: string[]): PacingSettings {
  return {
    ratePerSecond: readPositive(
      service,
      'websocketApiRequestRate',
      AWS_MANAGEMENT_RATE.ratePerSecond,
      problems,
      `a positive number of API Gateway calls per second (AWS allows ${AWS_MANAGEMENT_RATE.ratePerSecond} per account)`,
    ),
    burst: readPositive(
      service,
      'websocketApiRequestBurst',
      AWS_MANAGEMENT_RATE.burst,
      problems,
      `a positive whole number of API Gateway calls (AWS allows bursts of ${AWS_MANAGEMENT_RATE.burst} per account)`,
      true,
    ),
  };
}
