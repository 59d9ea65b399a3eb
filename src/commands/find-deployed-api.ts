import { readApiSettings } from '../config/read-config';
import { awsStep } from '../errors';
import { findOwnApi, type FoundApi } from '../reconcile/find-api';
import type { CommandContext } from './context';

/** Reads the account's APIs and picks this service and stage's one (see find-api.ts). */
export async function findDeployedApi(context: CommandContext): Promise<FoundApi | undefined> {
  const { name } = readApiSettings(context.service);
  const apis = await awsStep('list the API Gateway APIs', () => context.apigateway.getApis());
  return findOwnApi(apis, { name, service: context.service.service, stage: context.service.stage });
}

export function describeServiceStage(context: CommandContext): string {
  return `service "${context.service.service}" stage "${context.service.stage}"`;
}
