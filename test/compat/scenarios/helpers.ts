import { ACCOUNT, apiGatewayGrants, summarize, websocketApis } from '../../integration/support';
import { summarizeServed } from '../../support/api-summary';
import type { ApiState } from '../../support/fake-aws';
import { pluginLines, type ScenarioContext } from '../scenario-kit';

export { EXAMPLE_DIR, withProviderSetting } from '../../support/example-service';

/** Validation messages of the framework about a key of this plugin (there must be none). */
export function schemaComplaints(output: string): string[] {
  const keys =
    'routeKey|route|routeResponseSelectionExpression|authorizer|identitySources|identitySource|throttling|websocketApiName|websocketApiRouteSelectionExpression|websocketApiDescription|websocketApiTags|websocketApiThrottling|websocketApiDomain';
  const complaint = new RegExp(`property '(${keys})'|websocket(\\.|': )|'provider': `);
  return output.split('\n').filter((line) => complaint.test(line));
}

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The client URL the plugin must print, built independently of the plugin's own code. */
export function expectedUrl(apiId: string, region: string, stage: string): string {
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `wss://${apiId}.execute-api.${region}.${suffix}/${stage}`;
}

/** The one WebSocket API FakeAws holds; a failed check (and undefined) otherwise. */
export function theApi(context: ScenarioContext, label: string): ApiState | undefined {
  const apis = websocketApis(context.fake);
  context.checks.equal(`${label}: number of WebSocket APIs`, apis.length, 1);
  return apis[0];
}

/**
 * Checks and records what a deploy left: the API's draft (and that the stage serves it), the
 * invoke permissions, and the lines the plugin printed, including the client URL.
 */
export function checkDeployed(
  context: ScenarioContext,
  label: string,
  output: string,
  where: { service: string; stage: string; region: string; functions: string[] },
): ApiState | undefined {
  const { checks } = context;
  const lines = pluginLines(output);
  checks.equal(
    `${label}: configuration warnings about the plugin's keys`,
    schemaComplaints(output),
    [],
  );
  checks.that(
    `${label}: a line printed twice`,
    new Set(lines).size === lines.length,
    lines.join(' | '),
  );
  const api = theApi(context, label);
  if (!api) return undefined;
  const draft = summarize(context.fake.apigw.draft(api.apiId));
  const live = context.fake.apigw.live(api.apiId, where.stage);
  checks.equal(`${label}: the stage serves the draft`, live && summarizeServed(live), draft);
  checks.contains(
    `${label}: URL line`,
    lines.join('\n'),
    `WebSockets: ${expectedUrl(api.apiId, where.region, where.stage)}`,
  );
  checks.equal(
    `${label}: API endpoint`,
    api.api.ApiEndpoint,
    expectedUrl(api.apiId, where.region, where.stage).replace(/\/[^/]+$/, ''),
  );
  const executeApi = `arn:${partitionOf(where.region)}:execute-api:${where.region}:${ACCOUNT}:${api.apiId}`;
  const grants = Object.fromEntries(
    where.functions.map((fn) => [
      fn,
      apiGatewayGrants(context.fake, `${where.service}-${where.stage}-${fn}`),
    ]),
  );
  for (const [fn, granted] of Object.entries(grants)) {
    checks.that(
      `${label}: ${fn} may be invoked by this API only`,
      granted.length === 1 && granted[0].startsWith(`${executeApi}/`),
      JSON.stringify(granted),
    );
  }
  context.observe(`${label}: API`, {
    name: api.api.Name,
    routeSelectionExpression: api.api.RouteSelectionExpression,
    tags: api.api.Tags,
    ...draft,
  });
  context.observe(`${label}: permissions`, grants);
  context.observe(`${label}: lines`, lines);
  return api;
}
