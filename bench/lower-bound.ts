import { normalized, type OperationCounts } from './call-counts';
import { PAGE_SIZE } from './settings';
import type { ApiModel, ModelRoute } from './service-model';

/**
 * The fewest AWS calls a plugin with no local state could make for each phase, by operation.
 * The derivation (what must be read, what must be written, and which reads a write's success
 * makes unnecessary) is in bench/README.md; this file is that derivation as code.
 */

const APIGW = 'ApiGatewayV2';
const apigw = (operation: string) => `${APIGW}.${operation}`;

/** A list call reads at least one page, and one per PAGE_SIZE items. */
export const pages = (items: number): number => Math.max(1, Math.ceil(items / PAGE_SIZE));

function add(counts: OperationCounts, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

const minus = <T>(a: Iterable<T>, b: { has(item: T): boolean }) =>
  [...a].filter((item) => !b.has(item));

/**
 * Each deploy: the account id (for ARNs), every page of the account's APIs, and the deploy lock
 * (see bench/README.md, rule 3): an atomic create to take it, the API read again under it, a
 * delete to give it back.
 */
function findApi(counts: OperationCounts, apisInAccount: number): void {
  add(counts, 'STS.getCallerIdentity');
  add(counts, apigw('getApis'), pages(apisInAccount));
  add(counts, apigw('createStage'));
  add(counts, apigw('getApi'));
  add(counts, apigw('deleteStage'));
}

/**
 * A new API: it has no stage, and its functions no statement. The APIs are listed again after
 * createApi (a retried create, or another first deploy, may have made a second one), and the
 * draft is read under the lock (another deploy may have reconciled the new API meanwhile).
 */
export function firstDeployBound(after: ApiModel, apisInAccount: number): OperationCounts {
  const counts: OperationCounts = {};
  findApi(counts, apisInAccount);
  add(counts, apigw('getApis'), pages(apisInAccount + 1));
  add(counts, apigw('getIntegrations'));
  add(counts, apigw('getAuthorizers'));
  add(counts, apigw('getRoutes'));
  add(counts, apigw('createApi'));
  add(counts, apigw('createIntegration'), after.integrations.size);
  add(counts, apigw('createAuthorizer'), after.authorizers.size);
  add(counts, apigw('createRoute'), after.routes.size);
  add(
    counts,
    apigw('createRouteResponse'),
    [...after.routes.values()].filter((r) => r.twoWay).length,
  );
  // Fresh functions have no statement: an addPermission that succeeds proves it, no read needed.
  add(counts, 'Lambda.addPermission', after.permissions.size);
  add(counts, apigw('createDeployment'));
  add(counts, apigw('createStage'));
  if (after.production) {
    // The role must be known before the first write, so that nothing is half-applied; a
    // create that succeeds proves the log group and domain were missing; the domain's name
    // goes in createApi's tags; an UPSERT needs no read.
    add(counts, 'APIGateway.getAccount');
    add(counts, 'CloudWatchLogs.createLogGroup');
    add(counts, 'CloudWatchLogs.putRetentionPolicy');
    add(counts, apigw('createDomainName'));
    add(counts, apigw('createApiMapping'));
    add(counts, 'Route53.changeResourceRecordSets');
  }
  return normalized(counts);
}

/**
 * The route writes that turn `before` into `after`: one per created, deleted or changed route,
 * and one per route response that must appear or go.
 */
function routeWrites(counts: OperationCounts, before: ApiModel, after: ApiModel): void {
  add(counts, apigw('deleteRoute'), minus(before.routes.keys(), after.routes).length);
  for (const [key, wanted] of after.routes) {
    const existing: ModelRoute | undefined = before.routes.get(key);
    if (!existing) {
      add(counts, apigw('createRoute'));
      if (wanted.twoWay) add(counts, apigw('createRouteResponse'));
      continue;
    }
    if (
      existing.functionKey !== wanted.functionKey ||
      existing.authorizer !== wanted.authorizer ||
      existing.twoWay !== wanted.twoWay
    ) {
      add(counts, apigw('updateRoute'));
    }
    if (wanted.twoWay && !existing.twoWay) add(counts, apigw('createRouteResponse'));
    if (existing.twoWay && !wanted.twoWay) add(counts, apigw('deleteRouteResponse'));
  }
}

function draftWrites(before: ApiModel, after: ApiModel): OperationCounts {
  const counts: OperationCounts = {};
  add(counts, apigw('createIntegration'), minus(after.integrations, before.integrations).length);
  add(counts, apigw('deleteIntegration'), minus(before.integrations, after.integrations).length);
  add(
    counts,
    apigw('createAuthorizer'),
    minus(after.authorizers.keys(), before.authorizers).length,
  );
  add(
    counts,
    apigw('deleteAuthorizer'),
    minus(before.authorizers.keys(), after.authorizers).length,
  );
  routeWrites(counts, before, after);
  return counts;
}

/**
 * An existing API: every page of its integrations, authorizers and routes, the responses of
 * each route that has or wants one, and each granted function's policy must be read (any of
 * them may have drifted). The stage is read only when the draft is unchanged (to learn whether
 * it serves it); otherwise a new deployment is due anyway and an updateStage that succeeds
 * proves the stage exists.
 */
export function redeployBound(
  before: ApiModel,
  after: ApiModel,
  apisInAccount: number,
): OperationCounts {
  const counts: OperationCounts = {};
  findApi(counts, apisInAccount);
  add(counts, apigw('getIntegrations'), pages(before.integrations.size));
  add(counts, apigw('getAuthorizers'), pages(before.authorizers.size));
  add(counts, apigw('getRoutes'), pages(before.routes.size));
  const withResponses = [...before.routes].filter(
    ([key, route]) => route.twoWay || after.routes.get(key)?.twoWay,
  );
  add(counts, apigw('getRouteResponses'), withResponses.length);
  add(counts, 'Lambda.getPolicy', after.policyFunctions.size);
  add(counts, 'Lambda.addPermission', minus(after.permissions, before.permissions).length);

  const writes = draftWrites(before, after);
  const draftChanged = Object.values(writes).some((n) => n > 0);
  Object.entries(writes).forEach(([key, n]) => add(counts, key, n));
  if (draftChanged) {
    add(counts, apigw('createDeployment'));
    add(counts, apigw('updateStage'));
  } else {
    add(counts, apigw('getStage'));
  }
  if (after.production) {
    // Each may have drifted: the log group (and its retention), the domain, its mappings, the
    // DNS record. The role needs no read: the stage read shows logging already on.
    add(counts, 'CloudWatchLogs.describeLogGroups');
    add(counts, apigw('getDomainName'));
    add(counts, apigw('getApiMappings'));
    add(counts, 'Route53.listResourceRecordSets');
  }
  return normalized(counts);
}

/**
 * Find the API, delete it; its functions (and their policies) go with the stack. With the
 * production settings: the domain (is it the plugin's?) and its mappings (is anything else
 * mapped?) are read, then the mapping and domain deleted; a deleteLogGroup needs no read.
 */
export function removeBound(model: ApiModel, apisInAccount: number): OperationCounts {
  const counts: OperationCounts = {
    [apigw('getApis')]: pages(apisInAccount),
    // Authorizers given by ARN outlive the stack: their statements must be found and taken off.
    [apigw('getAuthorizers')]: 1,
    [apigw('deleteApi')]: 1,
  };
  if (model.production) {
    add(counts, apigw('getDomainName'));
    add(counts, apigw('getApiMappings'));
    add(counts, apigw('deleteApiMapping'));
    add(counts, apigw('deleteDomainName'));
    add(counts, 'CloudWatchLogs.deleteLogGroup');
  }
  return normalized(counts);
}
