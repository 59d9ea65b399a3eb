/**
 * A benchmark service as plain data, and what the plugin should build from it. Both the
 * serverless.yml generator and the lower bounds read this, never the plugin's own code.
 */

export const CONNECT_ROUTE = '$connect';

export interface RouteSpec {
  routeKey: string;
  twoWay?: boolean;
  /**
   * Key of the authorizer function. API Gateway runs authorizers on $connect only, so on any
   * other route the plugin ignores it (with a warning).
   */
  authorizer?: string;
}

export interface FunctionSpec {
  key: string;
  routes: RouteSpec[];
}

export interface ServiceSpec {
  service: string;
  functions: FunctionSpec[];
  /**
   * Every production setting on (service-files.ts): logs with retention, description, tags,
   * throttling, a custom domain with basePath and a Route 53 alias record.
   */
  production?: boolean;
}

/** The benchmark's config change: one route moved, one removed, one added. */
export interface ConfigChange {
  move: { routeKey: string; toFunction: string };
  remove: string;
  add: { functionKey: string; routeKey: string };
}

export interface ModelRoute {
  functionKey: string;
  twoWay: boolean;
  /** Only a live ($connect) authorizer. */
  authorizer?: string;
}

/** The API Gateway and Lambda state a deploy of the spec should leave. */
export interface ApiModel {
  routes: Map<string, ModelRoute>;
  /** Function keys with an integration (one per function that has routes). */
  integrations: Set<string>;
  /** Live authorizer names (the function key) -> function key. */
  authorizers: Map<string, string>;
  /** Permission statements, as `<function key> <kind>`. */
  permissions: Set<string>;
  /** Functions whose resource policy holds those statements. */
  policyFunctions: Set<string>;
  production: boolean;
}

const routesOf = (spec: ServiceSpec) =>
  spec.functions.flatMap((fn) => fn.routes.map((route) => ({ fn, route })));

export function apiModel(spec: ServiceSpec): ApiModel {
  const model: ApiModel = {
    routes: new Map(),
    production: !!spec.production,
    integrations: new Set(),
    authorizers: new Map(),
    permissions: new Set(),
    policyFunctions: new Set(),
  };
  for (const { fn, route } of routesOf(spec)) {
    const authorizer = route.routeKey === CONNECT_ROUTE ? route.authorizer : undefined;
    model.routes.set(route.routeKey, { functionKey: fn.key, twoWay: !!route.twoWay, authorizer });
    model.integrations.add(fn.key);
    model.permissions.add(`${fn.key} invoke`);
    model.policyFunctions.add(fn.key);
    if (authorizer) {
      model.authorizers.set(authorizer, authorizer);
      model.permissions.add(`${authorizer} authorizer`);
      model.policyFunctions.add(authorizer);
    }
  }
  return model;
}

export interface SpecSummary {
  functions: number;
  routes: number;
  twoWayRoutes: number;
  liveAuthorizers: number;
  /** Authorizers declared on routes other than $connect, which the plugin reports as ignored. */
  ignoredAuthorizers: number;
}

export function summarizeSpec(spec: ServiceSpec): SpecSummary {
  const routes = routesOf(spec).map(({ route }) => route);
  const model = apiModel(spec);
  return {
    functions: spec.functions.length,
    routes: routes.length,
    twoWayRoutes: routes.filter((route) => route.twoWay).length,
    liveAuthorizers: model.authorizers.size,
    ignoredAuthorizers: routes.filter(
      (route) => route.authorizer && route.routeKey !== CONNECT_ROUTE,
    ).length,
  };
}

/** The spec after the config change. Pure: the input is left as it is. */
export function applyConfigChange(spec: ServiceSpec, change: ConfigChange): ServiceSpec {
  const moved = routesOf(spec).find(({ route }) => route.routeKey === change.move.routeKey);
  if (!moved) throw new Error(`config change: no route "${change.move.routeKey}"`);
  for (const key of [change.move.toFunction, change.add.functionKey]) {
    if (!spec.functions.some((fn) => fn.key === key)) {
      throw new Error(`config change: no function "${key}"`);
    }
  }
  const functions = spec.functions.map((fn) => {
    const kept = fn.routes.filter(
      (route) => route.routeKey !== change.remove && route !== moved.route,
    );
    if (fn.key === change.move.toFunction) kept.push({ ...moved.route });
    if (fn.key === change.add.functionKey) kept.push({ routeKey: change.add.routeKey });
    return { key: fn.key, routes: kept };
  });
  return { ...spec, functions };
}
