import type { ApiGatewayV2 } from 'aws-sdk';
import { functionArnOfInvocationUri, functionNameOfArn, websocketUrl } from '../arns';
import { integrationTarget } from '../reconcile/existing-state';
import type { CommandContext } from './context';
import { describeServiceStage, findDeployedApi } from './find-deployed-api';
import { readDraft } from './read-draft';

interface InfoState {
  url: string;
  routes: ApiGatewayV2.Route[];
  integrations: ApiGatewayV2.Integration[];
  authorizers: ApiGatewayV2.Authorizer[];
}

/** The `sls info` section: the URL and one line per route, sorted by route key. Pure. */
export function formatInfo({ url, routes, integrations, authorizers }: InfoState): string[] {
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
    '  Routes:',
    ...(routeLines.length ? routeLines : ['    none']),
  ];
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
  const apiId = found.api.ApiId;
  const draft = await readDraft(context.apigateway, apiId);
  context.log.text(
    formatInfo({ url: websocketUrl(context.region, apiId, context.service.stage), ...draft }),
  );
}
