import type { ApiGatewayV2 } from 'aws-sdk';
import {
  customDomainUrl,
  functionArnOfInvocationUri,
  functionNameOfArn,
  websocketUrl,
} from '../arns';
import { awsStep, unlessNotFound } from '../errors';
import { DOMAIN_TAG } from '../reconcile/domain-plan';
import { integrationTarget } from '../reconcile/existing-state';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi, warnAboutDuplicates } from './find-deployed-api';
import { readDraft } from './read-draft';

interface InfoState {
  url: string;
  /** `wss://<custom domain>/<key>` when the stage is mapped on one. */
  customUrl?: string;
  routes: ApiGatewayV2.Route[];
  integrations: ApiGatewayV2.Integration[];
  authorizers: ApiGatewayV2.Authorizer[];
}

/** The `sls info` section: the URL and one line per route, sorted by route key. Pure. */
export function formatInfo({
  url,
  customUrl,
  routes,
  integrations,
  authorizers,
}: InfoState): string[] {
  const functionByTarget = new Map(
    integrations.map((integration) => {
      const arn = functionArnOfInvocationUri(integration.IntegrationUri);
      const name = (arn && functionNameOfArn(arn)) ?? arn ?? integration.IntegrationUri ?? '?';
      return [integrationTarget(integration.IntegrationId ?? ''), name];
    }),
  );
  const authorizerById = new Map(authorizers.map((a) => [a.AuthorizerId, a.Name]));
  const routeLines = [...routes]
    .sort((a, b) => (a.RouteKey ?? '').localeCompare(b.RouteKey ?? ''))
    .map((route) => {
      const target = functionByTarget.get(route.Target ?? '') ?? 'no integration';
      const notes = [
        route.AuthorizerId &&
          `authorizer: ${authorizerById.get(route.AuthorizerId) ?? route.AuthorizerId}`,
        route.AuthorizationType === 'AWS_IAM' && 'AWS_IAM',
        route.RouteResponseSelectionExpression && 'two-way',
      ].filter(Boolean);
      return `    ${route.RouteKey} -> ${target}${notes.length ? ` (${notes.join(', ')})` : ''}`;
    });
  return [
    'WebSockets:',
    `  Base URL: ${url}`,
    ...(customUrl ? [`  Custom domain URL: ${customUrl}`] : []),
    '  Routes:',
    ...(routeLines.length ? routeLines : ['    none']),
  ];
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
  const draft = await readDraft(context.apigateway, apiId);
  const customUrl = await mappedUrl(context, found.api);
  context.log.text(
    formatInfo({
      url: websocketUrl(context.region, apiId, context.service.stage),
      customUrl,
      ...draft,
    }),
  );
}
