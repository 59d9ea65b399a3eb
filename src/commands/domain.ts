import type { ApiGatewayV2 } from 'aws-sdk';
import { apiResourceArn } from '../arns';
import type { DomainConfig } from '../config/read-domain';
import { ownershipTags, SERVICE_TAG, STAGE_TAG } from '../desired-state';
import { awsErrorCode, awsStep, AwsStepError, unlessNotFound } from '../errors';
import {
  aliasRecordMatches,
  DOMAIN_TAG,
  planDomainCleanup,
  planMapping,
  type AliasTarget,
  type MappingPlan,
} from '../reconcile/domain-plan';
import type { CommandContext } from './context';

export interface DomainDeployment {
  apiId: string;
  stageName: string;
  domain?: DomainConfig;
  /** The API's tags as read before this deploy (DOMAIN_TAG: the domain mapped last time). */
  apiTags?: Record<string, string>;
}

function readDomainName(
  context: CommandContext,
  name: string,
): Promise<ApiGatewayV2.GetDomainNameResponse | undefined> {
  return awsStep(`read custom domain ${name}`, () =>
    unlessNotFound(() => context.apigateway.getDomainName({ DomainName: name })),
  );
}

async function createDomainName(
  context: CommandContext,
  domain: DomainConfig,
): Promise<ApiGatewayV2.CreateDomainNameResponse> {
  const step = `create custom domain ${domain.name}`;
  try {
    const created = await context.apigateway.createDomainName({
      DomainName: domain.name,
      DomainNameConfigurations: [
        {
          CertificateArn: domain.certificateArn,
          EndpointType: 'REGIONAL',
          SecurityPolicy: 'TLS_1_2',
        },
      ],
      Tags: ownershipTags(context.service.service, context.service.stage),
    });
    context.log.info(`created custom domain ${domain.name}`);
    return created;
  } catch (error) {
    if (awsErrorCode(error) === 'TooManyRequestsException') {
      throw new AwsStepError(
        `${step} (AWS allows one CreateDomainName per 30 seconds per account; deploy again in a minute)`,
        error,
      );
    }
    throw new AwsStepError(step, error);
  }
}

function aliasTargetOf(
  domain: Pick<ApiGatewayV2.DomainName, 'DomainNameConfigurations'>,
): AliasTarget {
  const configuration = domain.DomainNameConfigurations?.[0];
  return {
    dnsName: configuration?.ApiGatewayDomainName ?? '',
    hostedZoneId: configuration?.HostedZoneId ?? '',
  };
}

/** The custom domain the stage is mapped on, as read before any write. */
export interface DomainTargetPlan {
  domain: DomainConfig;
  /** The domain as it exists; undefined: it is created (with no mappings to read). */
  existing?: ApiGatewayV2.GetDomainNameResponse;
  mapping: MappingPlan;
  /** The DNS record needs the upsert (always for a new domain: its target is new). */
  upsertRecord: boolean;
  /** The API does not carry this domain's name yet. */
  tagApi: boolean;
}

/** A domain the stage was mapped on before and no longer is. */
export interface DomainReleasePlan {
  name: string;
  /** Undefined: the domain is gone already. */
  cleanup?: { deleteIds: string[]; deleteDomain: boolean };
  /** No domain is wanted: the API loses the domain tag. */
  untagApi: boolean;
}

export interface DomainPlan {
  apiId: string;
  stageName: string;
  target?: DomainTargetPlan;
  release?: DomainReleasePlan;
}

async function readDomainTarget(
  context: CommandContext,
  { apiId, stageName, apiTags }: DomainDeployment,
  domain: DomainConfig,
): Promise<DomainTargetPlan> {
  const existing = await readDomainName(context, domain.name);
  const key = domain.basePath ?? '';
  const mappings = existing
    ? await awsStep(`read the API mappings of ${domain.name}`, () =>
        context.apigateway.getApiMappings(domain.name),
      )
    : [];
  const zoneId = domain.hostedZoneId;
  const recordMatches =
    !!existing &&
    !!zoneId &&
    aliasRecordMatches(
      await awsStep(`read the DNS record ${domain.name} in hosted zone ${zoneId}`, () =>
        context.route53.findARecord(zoneId, domain.name),
      ),
      aliasTargetOf(existing),
    );
  return {
    domain,
    existing,
    mapping: planMapping({ apiId, stage: stageName, key }, mappings),
    upsertRecord: !!zoneId && !recordMatches,
    tagApi: apiTags?.[DOMAIN_TAG] !== domain.name,
  };
}

async function readDomainRelease(
  context: CommandContext,
  apiId: string,
  name: string,
): Promise<Omit<DomainReleasePlan, 'untagApi'>> {
  const existing = await readDomainName(context, name);
  if (!existing) return { name };
  const { service, stage } = context.service;
  const mappings = await awsStep(`read the API mappings of ${name}`, () =>
    context.apigateway.getApiMappings(name),
  );
  const createdHere =
    existing.Tags?.[SERVICE_TAG] === service && existing.Tags?.[STAGE_TAG] === stage;
  return { name, cleanup: planDomainCleanup({ apiId, stage }, mappings, createdHere) };
}

/**
 * Reads the wanted domain (its mappings and DNS record), and the domain the stage was mapped on
 * before when that is another one (or none is wanted now).
 */
export async function readDomainPlan(
  context: CommandContext,
  deployment: DomainDeployment,
): Promise<DomainPlan> {
  const { apiId, stageName, domain, apiTags } = deployment;
  const previous = apiTags?.[DOMAIN_TAG];
  return {
    apiId,
    stageName,
    target: domain && (await readDomainTarget(context, deployment, domain)),
    release:
      previous && previous !== domain?.name
        ? { ...(await readDomainRelease(context, apiId, previous)), untagApi: !domain }
        : undefined,
  };
}

async function applyMappingPlan(
  context: CommandContext,
  { apiId, stageName }: DomainPlan,
  { domain, mapping: plan }: DomainTargetPlan,
): Promise<void> {
  const { apigateway } = context;
  const key = domain.basePath ?? '';
  const where = `${domain.name}/${key}`;
  if (plan.create) {
    await awsStep(`map stage "${stageName}" of API ${apiId} at ${where}`, () =>
      apigateway.createApiMapping({
        DomainName: domain.name,
        ApiId: apiId,
        Stage: stageName,
        ApiMappingKey: key,
      }),
    );
  }
  const updateId = plan.updateId;
  if (updateId) {
    await awsStep(`move the mapping of stage "${stageName}" to ${where}`, () =>
      apigateway.updateApiMapping({
        DomainName: domain.name,
        ApiMappingId: updateId,
        ApiId: apiId,
        Stage: stageName,
        ApiMappingKey: key,
      }),
    );
  }
  for (const id of plan.deleteIds) {
    await awsStep(`delete API mapping ${id} of ${domain.name}`, () =>
      apigateway.deleteApiMapping({ DomainName: domain.name, ApiMappingId: id }),
    );
  }
  if (plan.create || updateId) context.log.info(`mapped stage "${stageName}" at wss://${where}`);
}

async function applyAliasRecord(
  context: CommandContext,
  { domain, upsertRecord }: DomainTargetPlan,
  target: AliasTarget,
): Promise<void> {
  const zoneId = domain.hostedZoneId;
  if (!zoneId) {
    context.log.info(
      `custom domain ${domain.name}: point an A alias (or CNAME) record at ${target.dnsName} (hosted zone ${target.hostedZoneId})`,
    );
    return;
  }
  if (!upsertRecord) return;
  await awsStep(`upsert the DNS record ${domain.name} in hosted zone ${zoneId}`, () =>
    context.route53.changeResourceRecordSets({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Comment: 'serverless-websockets-plugin custom domain',
        Changes: [
          {
            Action: 'UPSERT',
            ResourceRecordSet: {
              Name: domain.name,
              Type: 'A',
              AliasTarget: {
                DNSName: target.dnsName,
                HostedZoneId: target.hostedZoneId,
                EvaluateTargetHealth: false,
              },
            },
          },
        ],
      },
    }),
  );
  context.log.info(`pointed ${domain.name} at ${target.dnsName} in hosted zone ${zoneId}`);
}

async function applyDomainRelease(
  context: CommandContext,
  { name, cleanup }: Omit<DomainReleasePlan, 'untagApi'>,
): Promise<void> {
  if (!cleanup) return;
  for (const id of cleanup.deleteIds) {
    await awsStep(`delete API mapping ${id} of ${name}`, () =>
      context.apigateway.deleteApiMapping({ DomainName: name, ApiMappingId: id }),
    );
  }
  if (cleanup.deleteDomain) {
    await awsStep(`delete custom domain ${name}`, () =>
      context.apigateway.deleteDomainName({ DomainName: name }),
    );
    context.log.info(`removed custom domain ${name}`);
  }
}

/** Removes this stage's mappings from a domain, and the domain when this stage created it and nothing else is mapped. */
export async function releaseDomain(
  context: CommandContext,
  apiId: string,
  name: string,
): Promise<void> {
  await applyDomainRelease(context, await readDomainRelease(context, apiId, name));
}

/**
 * Creates the custom domain when missing, maps the stage on it, upserts the DNS record, and
 * releases the domain the stage was mapped on before when that is another one (or none).
 */
export async function applyDomainPlan(context: CommandContext, plan: DomainPlan): Promise<void> {
  const { apiId, target, release } = plan;
  const apiArn = apiResourceArn(context.region, apiId);
  if (target) {
    const { domain } = target;
    const current = target.existing ?? (await createDomainName(context, domain));
    await applyMappingPlan(context, plan, target);
    await applyAliasRecord(context, target, aliasTargetOf(current));
    if (target.tagApi) {
      await awsStep(`tag API ${apiId} with its custom domain`, () =>
        context.apigateway.tagResource({
          ResourceArn: apiArn,
          Tags: { [DOMAIN_TAG]: domain.name },
        }),
      );
    }
  }
  if (release) {
    await applyDomainRelease(context, release);
    if (release.untagApi) {
      await awsStep(`untag API ${apiId}`, () =>
        context.apigateway.untagResource({ ResourceArn: apiArn, TagKeys: [DOMAIN_TAG] }),
      );
    }
  }
}

export async function deployDomain(
  context: CommandContext,
  deployment: DomainDeployment,
): Promise<void> {
  await applyDomainPlan(context, await readDomainPlan(context, deployment));
}
