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

/** `isNewDomain`: created in this run, so it has no mappings to read. */
async function ensureMapping(
  context: CommandContext,
  { apiId, stageName }: DomainDeployment,
  domain: DomainConfig,
  isNewDomain: boolean,
): Promise<void> {
  const { apigateway } = context;
  const key = domain.basePath ?? '';
  const mappings = isNewDomain
    ? []
    : await awsStep(`read the API mappings of ${domain.name}`, () =>
        apigateway.getApiMappings(domain.name),
      );
  const plan = planMapping({ apiId, stage: stageName, key }, mappings);
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

/** `isNewDomain`: the target is new, so the record needs the upsert whatever it holds. */
async function ensureAliasRecord(
  context: CommandContext,
  domain: DomainConfig,
  target: AliasTarget,
  isNewDomain: boolean,
): Promise<void> {
  const zoneId = domain.hostedZoneId;
  if (!zoneId) {
    context.log.info(
      `custom domain ${domain.name}: point an A alias (or CNAME) record at ${target.dnsName} (hosted zone ${target.hostedZoneId})`,
    );
    return;
  }
  if (!isNewDomain) {
    const record = await awsStep(
      `read the DNS record ${domain.name} in hosted zone ${zoneId}`,
      () => context.route53.findARecord(zoneId, domain.name),
    );
    if (aliasRecordMatches(record, target)) return;
  }
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

/** Removes this stage's mappings from a domain, and the domain when this stage created it and nothing else is mapped. */
export async function releaseDomain(
  context: CommandContext,
  apiId: string,
  name: string,
): Promise<void> {
  const existing = await readDomainName(context, name);
  if (!existing) return;
  const { service, stage } = context.service;
  const mappings = await awsStep(`read the API mappings of ${name}`, () =>
    context.apigateway.getApiMappings(name),
  );
  const createdHere =
    existing.Tags?.[SERVICE_TAG] === service && existing.Tags?.[STAGE_TAG] === stage;
  const plan = planDomainCleanup({ apiId, stage }, mappings, createdHere);
  for (const id of plan.deleteIds) {
    await awsStep(`delete API mapping ${id} of ${name}`, () =>
      context.apigateway.deleteApiMapping({ DomainName: name, ApiMappingId: id }),
    );
  }
  if (plan.deleteDomain) {
    await awsStep(`delete custom domain ${name}`, () =>
      context.apigateway.deleteDomainName({ DomainName: name }),
    );
    context.log.info(`removed custom domain ${name}`);
  }
}

/**
 * Creates the custom domain when missing, maps the stage on it, upserts the DNS record, and
 * releases the domain the stage was mapped on before when that is another one (or none).
 */
export async function deployDomain(
  context: CommandContext,
  deployment: DomainDeployment,
): Promise<void> {
  const { apiId, domain, apiTags } = deployment;
  const apiArn = apiResourceArn(context.region, apiId);
  const previous = apiTags?.[DOMAIN_TAG];
  if (domain) {
    const existing = await readDomainName(context, domain.name);
    const current = existing ?? (await createDomainName(context, domain));
    await ensureMapping(context, deployment, domain, !existing);
    await ensureAliasRecord(context, domain, aliasTargetOf(current), !existing);
    if (previous !== domain.name) {
      await awsStep(`tag API ${apiId} with its custom domain`, () =>
        context.apigateway.tagResource({
          ResourceArn: apiArn,
          Tags: { [DOMAIN_TAG]: domain.name },
        }),
      );
    }
  }
  if (previous && previous !== domain?.name) {
    await releaseDomain(context, apiId, previous);
    if (!domain) {
      await awsStep(`untag API ${apiId}`, () =>
        context.apigateway.untagResource({ ResourceArn: apiArn, TagKeys: [DOMAIN_TAG] }),
      );
    }
  }
}
