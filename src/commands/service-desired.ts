import type { WebsocketConfig } from '../config/types';
import { desiredApi, type DesiredApi } from '../desired-state';
import type { CommandContext } from './context';

function functionNames(context: CommandContext, config: WebsocketConfig): Record<string, string> {
  const keys = new Set(config.routes.map((route) => route.functionKey));
  for (const authorizer of config.authorizers) {
    if (authorizer.function.kind === 'service') keys.add(authorizer.function.functionKey);
  }
  const { service, stage, functions } = context.service;
  return Object.fromEntries(
    [...keys].map((key) => [key, functions[key].name ?? `${service}-${stage}-${key}`]),
  );
}

/** The service's desired API in this region and account (deploy and plan alike). */
export function serviceDesiredApi(
  context: CommandContext,
  config: WebsocketConfig,
  accountId: string,
): DesiredApi {
  const { service, region } = context;
  return desiredApi(config, {
    service: service.service,
    stage: service.stage,
    region,
    accountId,
    functionNames: functionNames(context, config),
  });
}
