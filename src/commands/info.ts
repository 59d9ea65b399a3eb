import type { ApiGatewayV2 } from 'aws-sdk';
import {
  customDomainUrl,
  functionArnOfInvocationUri,
  functionNameOfArn,
  websocketUrl,
} from '../arns';
import { awsStep, unlessNotFound } from '../errors';
import { DOMAIN_TAG } from '../reconcile/domain-plan';
import { integrationTarget, type ExistingDraft } from '../reconcile/existing-state';
import {
  draftRouteContent,
  entryRoute,
  isPluginDeployment,
  recordedRoutes,
  routeEntry,
  routesDigest,
  type RecordedRoutes,
} from '../reconcile/stage-state';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi, warnAboutDuplicates } from './find-deployed-api';
import { readDraft } from './read-draft';

/**
 * What the stage serves, as far as the deployment's record tells (see stage-state.ts):
 * - `nothing`: no stage, or a stage without a deployment: every route is only in the draft;
 * - `unchecked`: a deployment without a record of its routes (`why` says whose it is);
 * - `recorded`: the routes the plugin recorded when it made the deployment.
 */
export type LiveRoutes =
  | { kind: 'nothing' }
  | { kind: 'unchecked'; why: string }
  | { kind: 'recorded'; routes: RecordedRoutes };

interface InfoState extends Pick<ExistingDraft, 'routes' | 'integrations' | 'authorizers'> {
  stageName: string;
  /** The stage's URL; undefined when the stage does not exist. */
  url?: string;
  /** `wss://<custom domain>/<key>` when the stage is mapped on one. */
  customUrl?: string;
  live: LiveRoutes;
}

/** What the lines say about the draft against the stage. */
interface LiveCheck {
  /** Draft routes (by key) the stage does not serve as they are. */
  notDeployed: Set<string>;
  notes: string[];
}

function checkLive(state: InfoState): LiveCheck {
  const { live, routes } = state;
  if (live.kind === 'nothing') {
    return { notDeployed: new Set(routes.map((route) => route.RouteKey ?? '')), notes: [] };
  }
  if (live.kind === 'unchecked') {
    return { notDeployed: new Set(), notes: [`  ${live.why}: its routes cannot be checked`] };
  }
  const contents = routes.map((route) => draftRouteContent(route, state));
  const recorded = live.routes;
  if (recorded.kind === 'summarized') {
    const same = routesDigest(contents) === recorded.digest;
    const note = `  the draft differs from what the stage serves (too many routes to record which); \`sls deploy\` puts it live`;
    return { notDeployed: new Set(), notes: same ? [] : [note] };
  }
  const entries = contents.map(routeEntry);
  const notDeployed = new Set(
    contents.filter((_, i) => !recorded.entries.has(entries[i])).map((c) => c.routeKey),
  );
  const draftRoutes = new Set(entries.map(entryRoute));
  const gone = [...recorded.entries].filter((entry) => !draftRoutes.has(entryRoute(entry))).length;
  const notes = [];
  if (notDeployed.size > 0) {
    notes.push('  routes marked "not deployed" are only in the draft: `sls deploy` puts them live');
  }
  if (gone > 0) {
    notes.push(
      `  ${gone} live ${gone === 1 ? 'route is' : 'routes are'} no longer in the draft (\`sls deploy\` removes ${gone === 1 ? 'it' : 'them'})`,
    );
  }
  return { notDeployed, notes };
}

/**
 * The `sls info` section: the URL (when the stage exists), one line per route of the draft,
 * sorted by route key, marked when the stage does not serve it, and what else the stage
 * serves. Pure.
 */
export function formatInfo(state: InfoState): string[] {
  const { url, customUrl, stageName, routes, integrations, authorizers } = state;
  const functionByTarget = new Map(
    integrations.map((integration) => {
      const arn = functionArnOfInvocationUri(integration.IntegrationUri);
      const name = (arn && functionNameOfArn(arn)) ?? arn ?? integration.IntegrationUri ?? '?';
      return [integrationTarget(integration.IntegrationId ?? ''), name];
    }),
  );
  const authorizerById = new Map(authorizers.map((a) => [a.AuthorizerId, a.Name]));
  const { notDeployed, notes } = checkLive(state);
  const routeLines = [...routes]
    .sort((a, b) => (a.RouteKey ?? '').localeCompare(b.RouteKey ?? ''))
    .map((route) => {
      const target = functionByTarget.get(route.Target ?? '') ?? 'no integration';
      const marks = [
        route.AuthorizerId &&
          `authorizer: ${authorizerById.get(route.AuthorizerId) ?? route.AuthorizerId}`,
        route.AuthorizationType === 'AWS_IAM' && 'AWS_IAM',
        route.RouteResponseSelectionExpression && 'two-way',
        notDeployed.has(route.RouteKey ?? '') && 'not deployed',
      ].filter(Boolean);
      return `    ${route.RouteKey} -> ${target}${marks.length ? ` (${marks.join(', ')})` : ''}`;
    });
  return [
    'WebSockets:',
    url
      ? `  Base URL: ${url}`
      : `  stage "${stageName}" is not deployed yet (\`sls deploy\` creates it)`,
    ...(customUrl ? [`  Custom domain URL: ${customUrl}`] : []),
    '  Routes:',
    ...(routeLines.length ? routeLines : ['    none']),
    ...notes,
  ];
}

/** Whether the stage exists, and what its deployment records of its routes. */
async function readLiveRoutes(
  context: CommandContext,
  apiId: string,
): Promise<{ stageExists: boolean; live: LiveRoutes }> {
  const { stage: stageName } = context.service;
  const stage = await awsStep(`read stage "${stageName}" of API ${apiId}`, () =>
    unlessNotFound(() => context.apigateway.getStage({ ApiId: apiId, StageName: stageName })),
  );
  const deploymentId = stage?.DeploymentId;
  if (!deploymentId) return { stageExists: !!stage, live: { kind: 'nothing' } };
  const deployment = await awsStep(`read deployment ${deploymentId} of API ${apiId}`, () =>
    unlessNotFound(() =>
      context.apigateway.getDeployment({ ApiId: apiId, DeploymentId: deploymentId }),
    ),
  );
  const routes = deployment && recordedRoutes(deployment);
  if (routes) return { stageExists: true, live: { kind: 'recorded', routes } };
  const why =
    deployment && isPluginDeployment(deployment)
      ? `the stage serves deployment ${deploymentId}, made by an earlier version of serverless-websockets-plugin (the next \`sls deploy\` records its routes)`
      : `the stage serves deployment ${deploymentId}, not made by serverless-websockets-plugin`;
  return { stageExists: true, live: { kind: 'unchecked', why } };
}

/** The custom domain URL of this stage, read from the domain the API is tagged with. */
async function mappedUrl(
  context: CommandContext,
  api: ApiGatewayV2.Api,
): Promise<string | undefined> {
  const domainName = api.Tags?.[DOMAIN_TAG];
  if (!domainName) return undefined;
  const mappings = await awsStep(`read the API mappings of ${domainName}`, () =>
    unlessNotFound(() => context.apigateway.getApiMappings(domainName)),
  );
  const ours = mappings?.find(
    (mapping) => mapping.ApiId === api.ApiId && mapping.Stage === context.service.stage,
  );
  return ours && customDomainUrl(domainName, ours.ApiMappingKey ?? '');
}

export async function showInfo(context: CommandContext): Promise<void> {
  const found = await findDeployedApi(context);
  if (!found?.api.ApiId) {
    context.log.text([
      'WebSockets:',
      `  no WebSocket API deployed for ${describeServiceStage(context)} (sls deploy creates it)`,
    ]);
    return;
  }
  warnAboutDuplicates(context, found, 'to be deleted by the next `sls deploy`');
  const apiId = found.api.ApiId;
  const { stage } = context.service;
  const draft = await readDraft(context.apigateway, apiId);
  const { stageExists, live } = await readLiveRoutes(context, apiId);
  const customUrl = await mappedUrl(context, found.api);
  context.log.text(
    formatInfo({
      stageName: stage,
      url: stageExists ? websocketUrl(context.region, apiId, stage) : undefined,
      customUrl,
      ...draft,
      live,
    }),
  );
}
