import type { FakeAws } from '../test/support/fake-aws';
import { STAGE } from './settings';
import { apiModel, type ServiceSpec } from './service-model';

/**
 * Checks that a phase did its job, so that its numbers mean something: after a deploy the stage
 * serves every route of the spec, on the right function, with its authorizer and route
 * response; after remove the service has no API. A mismatch stops the benchmark.
 */

const functionOfUri = (uri: string | undefined) => uri?.match(/:function:([^/:]+)/)?.[1];

function describeLive(fake: FakeAws, apiId: string): Record<string, string> {
  const live = fake.apigw.live(apiId, STAGE);
  if (!live) throw new Error(`API ${apiId} has no deployment on stage "${STAGE}"`);
  const functionByTarget = new Map(
    live.integrations.map((i) => [
      `integrations/${i.IntegrationId}`,
      functionOfUri(i.IntegrationUri),
    ]),
  );
  const authorizerName = new Map(live.authorizers.map((a) => [a.AuthorizerId, a.Name]));
  return Object.fromEntries(
    live.routes.map((route) => {
      const parts = [functionByTarget.get(route.Target ?? '') ?? '?'];
      if (route.AuthorizationType === 'CUSTOM') {
        parts.push(`authorizer ${authorizerName.get(route.AuthorizerId) ?? '?'}`);
      }
      if ((live.routeResponses[route.RouteId ?? ''] ?? []).length > 0) parts.push('two-way');
      return [route.RouteKey ?? '?', parts.join(', ')];
    }),
  );
}

function expectedLive(spec: ServiceSpec): Record<string, string> {
  const entries = [...apiModel(spec).routes].map(([routeKey, route]) => {
    const parts = [`${spec.service}-${STAGE}-${route.functionKey}`];
    if (route.authorizer) parts.push(`authorizer ${route.authorizer}`);
    if (route.twoWay) parts.push('two-way');
    return [routeKey, parts.join(', ')] as const;
  });
  return Object.fromEntries(entries);
}

const sorted = (record: Record<string, string>) =>
  JSON.stringify(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

const websocketApis = (fake: FakeAws) =>
  fake.apigw.apis().filter((state) => state.api.ProtocolType === 'WEBSOCKET');

export function verifyDeployed(fake: FakeAws, spec: ServiceSpec): void {
  const apis = websocketApis(fake);
  if (apis.length !== 1) throw new Error(`expected one WebSocket API, found ${apis.length}`);
  const actual = sorted(describeLive(fake, apis[0].apiId));
  const expected = sorted(expectedLive(spec));
  if (actual !== expected) {
    throw new Error(
      `the stage does not serve the service:\n  expected ${expected}\n  actual   ${actual}`,
    );
  }
}

export function verifyRemoved(fake: FakeAws): void {
  const left = websocketApis(fake).length;
  if (left !== 0) throw new Error(`remove left ${left} WebSocket API(s)`);
}
