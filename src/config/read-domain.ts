/** `provider.websocketApiDomain`: a custom domain name for the stage, and its DNS record. */
export interface DomainConfig {
  /** Lower case, as API Gateway and Route 53 keep it. */
  name: string;
  certificateArn: string;
  /** The API mapping key; undefined maps the stage at the domain's root. */
  basePath?: string;
  /** Route 53 hosted zone in which the plugin upserts an A alias record for `name`. */
  hostedZoneId?: string;
}

const KEY = 'provider.websocketApiDomain';
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown): string => JSON.stringify(value);

/** At least two labels of letters, digits and inner hyphens, 253 characters at most. */
const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ACM_CERTIFICATE_ARN =
  /^arn:aws(-cn|-us-gov)?:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/;
/** One path segment of the characters API Gateway accepts in a mapping key (WebSocket APIs take no '/'). */
const BASE_PATH = /^[A-Za-z0-9$_.+!*'()-]{1,128}$/;
const HOSTED_ZONE_ID = /^[A-Z0-9]{1,32}$/;

export function readDomain(given: unknown, problems: string[]): DomainConfig | undefined {
  if (given === undefined) return undefined;
  if (!isRecord(given)) {
    problems.push(`${KEY} must be an object with name and certificateArn, got ${shown(given)}`);
    return undefined;
  }
  const { name, certificateArn, basePath, hostedZoneId, ...unknown } = given;
  const before = problems.length;
  for (const key of Object.keys(unknown)) {
    problems.push(`${KEY}.${key} is not a setting (name, certificateArn, basePath, hostedZoneId)`);
  }
  const hostname = typeof name === 'string' ? name.toLowerCase().replace(/\.$/, '') : undefined;
  if (!hostname || !HOSTNAME.test(hostname)) {
    problems.push(`${KEY}.name must be a host name such as ws.example.com, got ${shown(name)}`);
  }
  if (typeof certificateArn !== 'string' || !ACM_CERTIFICATE_ARN.test(certificateArn)) {
    problems.push(
      `${KEY}.certificateArn must be the ARN of an ACM certificate in the deploy region, such as arn:aws:acm:us-east-1:123456789012:certificate/abc, got ${shown(certificateArn)}`,
    );
  }
  if (basePath !== undefined && (typeof basePath !== 'string' || !BASE_PATH.test(basePath))) {
    problems.push(
      `${KEY}.basePath must be one path segment of letters, digits and $-_.+!*'() (API Gateway takes no '/' in a WebSocket API mapping), got ${shown(basePath)}`,
    );
  }
  if (
    hostedZoneId !== undefined &&
    (typeof hostedZoneId !== 'string' || !HOSTED_ZONE_ID.test(hostedZoneId))
  ) {
    problems.push(
      `${KEY}.hostedZoneId must be a Route 53 hosted zone id such as Z123ABC, got ${shown(hostedZoneId)}`,
    );
  }
  if (problems.length > before) return undefined;
  const domain: DomainConfig = {
    name: hostname as string,
    certificateArn: certificateArn as string,
  };
  if (basePath !== undefined) domain.basePath = basePath as string;
  if (hostedZoneId !== undefined) domain.hostedZoneId = hostedZoneId as string;
  return domain;
}
