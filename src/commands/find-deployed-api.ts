import type { ApiGatewayV2 } from 'aws-sdk';
import { runBounded } from '../concurrency';
import { readApiSettings } from '../config/read-config';
import { awsStep, unlessNotFound } from '../errors';
import {
  duplicateWarnings,
  findOwnApi,
  taggedApis,
  type ApiIdentity,
  type ApiSearch,
  type FoundApi,
} from '../reconcile/find-api';
import type { CommandContext } from './context';

export function apiIdentity(context: CommandContext): ApiIdentity {
  const { name } = readApiSettings(context.service);
  return { name, service: context.service.service, stage: context.service.stage };
}

/** The ids of these APIs whose stage (the service's stage name) serves a deployment. */
async function servingApiIds(
  context: CommandContext,
  apis: ApiGatewayV2.Api[],
): Promise<Set<string>> {
  const StageName = context.service.stage;
  const stages = await runBounded(
    apis.map((api) => () => {
      const ApiId = api.ApiId as string;
      return awsStep(`read stage "${StageName}" of API ${ApiId}`, () =>
        unlessNotFound(() => context.apigateway.getStage({ ApiId, StageName })),
      );
    }),
  );
  return new Set(
    apis.filter((_, index) => stages[index]?.DeploymentId).map((api) => api.ApiId as string),
  );
}

/**
 * Reads the account's APIs and picks this service and stage's one (see find-api.ts). The
 * stages are read only when several APIs are tagged for it: a normal deploy pays no extra call.
 */
export async function searchApis(context: CommandContext): Promise<ApiSearch> {
  const identity = apiIdentity(context);
  const apis = await awsStep('list the API Gateway APIs', () => context.apigateway.getApis());
  const tagged = taggedApis(apis, identity);
  const serving = tagged.length > 1 ? await servingApiIds(context, tagged) : new Set<string>();
  return findOwnApi(apis, identity, serving);
}

export async function findDeployedApi(context: CommandContext): Promise<FoundApi | undefined> {
  return (await searchApis(context)).found;
}

/** Warns about the other APIs tagged for this service and stage, if any. */
export function warnAboutDuplicates(
  context: CommandContext,
  found: FoundApi | undefined,
  unservedFate: string,
): void {
  if (!found) return;
  duplicateWarnings(found, apiIdentity(context), context.region, unservedFate).forEach((warning) =>
    context.log.warning(warning),
  );
}

export function describeServiceStage(context: CommandContext): string {
  return `service "${context.service.service}" stage "${context.service.stage}"`;
}
