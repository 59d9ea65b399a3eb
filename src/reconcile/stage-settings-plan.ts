import type { ApiGatewayV2 } from 'aws-sdk';
import { isEqual, pickBy } from 'lodash';
import type { ProductionConfig, Throttling } from '../config/read-production';
import type { RouteConfig } from '../config/types';

type RouteSettings = ApiGatewayV2.RouteSettings;

/** What the stage should hold beside its deployment: description, throttling and logging. */
export interface WantedStageSettings {
  /** Empty when the user sets none (clears any older text, such as the plugin's old marker). */
  Description: string;
  DefaultRouteSettings: RouteSettings;
  /** Route key -> its settings, for routes with their own throttling. */
  RouteSettings: Record<string, RouteSettings>;
  AccessLogSettings?: ApiGatewayV2.AccessLogSettings;
}

export interface StageSettingsPlan {
  /** Fields for one updateStage call; empty when nothing differs. */
  update: Partial<Omit<WantedStageSettings, 'RouteSettings'>> & {
    RouteSettings?: Record<string, RouteSettings>;
  };
  /** Routes whose own settings go (deleteRouteSettings each). */
  deleteRouteSettings: string[];
  deleteAccessLogSettings: boolean;
}

/** The access log format of the framework's own websocket logs. */
export const FRAMEWORK_ACCESS_LOG_FORMAT = [
  '$context.identity.sourceIp',
  '$context.identity.caller',
  '$context.identity.user',
  '[$context.requestTime]',
  '"$context.eventType $context.routeKey $context.connectionId"',
  '$context.requestId',
].join(' ');

/** What AWS reports for route settings nobody set. */
const AWS_ROUTE_DEFAULTS: RouteSettings = {
  DataTraceEnabled: false,
  DetailedMetricsEnabled: false,
  LoggingLevel: 'OFF',
};

const throttlingFields = (throttling: Throttling | undefined): RouteSettings => ({
  ThrottlingBurstLimit: throttling?.burstLimit,
  ThrottlingRateLimit: throttling?.rateLimit,
});

const normalized = (settings: RouteSettings | undefined): RouteSettings =>
  pickBy({ ...AWS_ROUTE_DEFAULTS, ...settings }, (value) => value !== undefined);

/** The stage settings serverless.yml asks for; `logGroupArn` is where access logs go. Pure. */
export function wantedStageSettings(
  production: ProductionConfig,
  routes: Pick<RouteConfig, 'routeKey' | 'throttling'>[],
  logGroupArn?: string,
): WantedStageSettings {
  const { logs } = production;
  const executionLogging = !!logs?.executionLogging;
  // Route settings repeat the logging fields so that a route with its own throttling logs as
  // the others do, whatever AWS fills in for fields a route setting leaves out.
  const logging: RouteSettings = {
    ...AWS_ROUTE_DEFAULTS,
    LoggingLevel: executionLogging ? logs?.level : 'OFF',
    DataTraceEnabled: executionLogging && !!logs?.fullExecutionData,
  };
  const wanted: WantedStageSettings = {
    Description: production.description ?? '',
    DefaultRouteSettings: normalized({ ...logging, ...throttlingFields(production.throttling) }),
    RouteSettings: Object.fromEntries(
      routes
        .filter((route) => route.throttling)
        .map((route) => [
          route.routeKey,
          normalized({ ...logging, ...throttlingFields(route.throttling) }),
        ]),
    ),
  };
  if (logs?.accessLogging && logGroupArn) {
    wanted.AccessLogSettings = {
      DestinationArn: logGroupArn,
      Format: logs.format ?? FRAMEWORK_ACCESS_LOG_FORMAT,
    };
  }
  return wanted;
}

/** The writes that bring an existing stage's settings to the wanted ones. Pure. */
export function planStageSettings(
  wanted: WantedStageSettings,
  existing: ApiGatewayV2.GetStageResponse,
): StageSettingsPlan {
  const plan: StageSettingsPlan = {
    update: {},
    deleteRouteSettings: [],
    deleteAccessLogSettings: false,
  };
  if ((existing.Description ?? '') !== wanted.Description) {
    plan.update.Description = wanted.Description;
  }
  if (!isEqual(normalized(existing.DefaultRouteSettings), wanted.DefaultRouteSettings)) {
    // updateStage replaces the default route settings as a whole: throttling left out is reset.
    plan.update.DefaultRouteSettings = wanted.DefaultRouteSettings;
  }
  const existingRoutes = existing.RouteSettings ?? {};
  const changedRoutes = pickBy(
    wanted.RouteSettings,
    (settings, routeKey) =>
      !(routeKey in existingRoutes) || !isEqual(normalized(existingRoutes[routeKey]), settings),
  );
  if (Object.keys(changedRoutes).length > 0) plan.update.RouteSettings = changedRoutes;
  plan.deleteRouteSettings = Object.keys(existingRoutes).filter(
    (routeKey) => !(routeKey in wanted.RouteSettings),
  );
  const existingAccessLog = existing.AccessLogSettings?.DestinationArn
    ? existing.AccessLogSettings
    : undefined;
  if (wanted.AccessLogSettings && !isEqual(existingAccessLog, wanted.AccessLogSettings)) {
    plan.update.AccessLogSettings = wanted.AccessLogSettings;
  }
  plan.deleteAccessLogSettings = !wanted.AccessLogSettings && existingAccessLog !== undefined;
  return plan;
}

export const countStageSettingsWrites = (plan: StageSettingsPlan): number =>
  (Object.keys(plan.update).length > 0 ? 1 : 0) +
  plan.deleteRouteSettings.length +
  (plan.deleteAccessLogSettings ? 1 : 0);
