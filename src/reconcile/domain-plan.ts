import type { ApiGatewayV2, Route53 } from 'aws-sdk';
import { sameDnsName } from '../aws/route53';
import { RESERVED_TAG_PREFIX } from '../config/read-production';

/**
 * The custom domain's API mapping and DNS record, as pure plans. The API carries the name of
 * the domain the plugin mapped it on, so that a domain removed from serverless.yml (or renamed)
 * is found again and its mapping removed.
 */
export const DOMAIN_TAG = `${RESERVED_TAG_PREFIX}domain`;

export interface MappingTarget {
  apiId: string;
  stage: string;
  /** '' maps the stage at the domain's root. */
  key: string;
}

export interface MappingPlan {
  create: boolean;
  /** A mapping of this API and stage that moves to the wanted key (basePath changed). */
  updateId?: string;
  deleteIds: string[];
}

const isOurs = (mapping: ApiGatewayV2.ApiMapping, target: Omit<MappingTarget, 'key'>) =>
  mapping.ApiId === target.apiId && mapping.Stage === target.stage;

/** Brings this stage's mappings on a domain to one mapping at `target.key`. */
export function planMapping(
  target: MappingTarget,
  mappings: ApiGatewayV2.ApiMapping[],
): MappingPlan {
  const ours = mappings.filter((mapping) => isOurs(mapping, target));
  const kept = ours.find((mapping) => (mapping.ApiMappingKey ?? '') === target.key) ?? ours[0];
  return {
    create: !kept,
    updateId: kept && (kept.ApiMappingKey ?? '') !== target.key ? kept.ApiMappingId : undefined,
    deleteIds: ours
      .filter((mapping) => mapping !== kept)
      .map((mapping) => mapping.ApiMappingId as string),
  };
}

/** The mappings of this stage on a domain it no longer uses, and whether the domain goes too. */
export function planDomainCleanup(
  target: Omit<MappingTarget, 'key'>,
  mappings: ApiGatewayV2.ApiMapping[],
  createdByThisStage: boolean,
): { deleteIds: string[]; deleteDomain: boolean } {
  const ours = mappings.filter((mapping) => isOurs(mapping, target));
  return {
    deleteIds: ours.map((mapping) => mapping.ApiMappingId as string),
    deleteDomain: createdByThisStage && ours.length === mappings.length,
  };
}

export interface AliasTarget {
  dnsName: string;
  hostedZoneId: string;
}

/** True when the record is an A alias to exactly this target. */
export function aliasRecordMatches(
  record: Route53.ResourceRecordSet | undefined,
  target: AliasTarget,
): boolean {
  const alias = record?.AliasTarget;
  return (
    !!alias &&
    sameDnsName(alias.DNSName, target.dnsName) &&
    alias.HostedZoneId === target.hostedZoneId
  );
}
