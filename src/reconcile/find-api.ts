import type { ApiGatewayV2 } from 'aws-sdk';
import { apiResourceArn, websocketUrl } from '../arns';
import { SERVICE_TAG, STAGE_TAG } from '../desired-state';
import { ConfigurationError } from '../errors';

export interface ApiIdentity {
  name: string;
  service: string;
  stage: string;
}

/** Another API tagged for this service and stage than the one the service uses. */
export interface DuplicateApi {
  api: ApiGatewayV2.Api;
  /** Its stage (the service's stage name) serves a deployment: clients may be using it. */
  serving: boolean;
}

export interface FoundApi {
  api: ApiGatewayV2.Api;
  /** True for an untagged API found by name (made by hand or by the original plugin). */
  adopt: boolean;
  /** The other WebSocket APIs tagged for this service and stage, oldest first; normally none. */
  duplicates: DuplicateApi[];
  /** Why `api` was kept rather than one of the duplicates (set when there are duplicates). */
  keptBecause?: string;
}

/** An API the plugin would otherwise have taken as its own, owned by another tool. */
export interface ForeignApi {
  api: ApiGatewayV2.Api;
  /** Who owns it and which tag says so. */
  owner: string;
}

export interface ApiSearch {
  found?: FoundApi;
  /**
   * WebSocket APIs with the configured name (untagged by the plugin) or with this service and
   * stage's tags that another tool owns: never adopted, changed or deleted.
   */
  foreign: ForeignApi[];
}

const STACK_NAME_TAG = 'aws:cloudformation:stack-name';

const isWebsocket = (api: ApiGatewayV2.Api) => api.ProtocolType === 'WEBSOCKET';
const isTagged = (api: ApiGatewayV2.Api) =>
  api.Tags?.[SERVICE_TAG] !== undefined || api.Tags?.[STAGE_TAG] !== undefined;
const isTaggedFor = (identity: ApiIdentity) => (api: ApiGatewayV2.Api) =>
  api.Tags?.[SERVICE_TAG] === identity.service && api.Tags?.[STAGE_TAG] === identity.stage;
/** Oldest first; the id breaks ties, so that every deploy orders the same APIs the same way. */
const byAge = (a: ApiGatewayV2.Api, b: ApiGatewayV2.Api) =>
  new Date(a.CreatedDate ?? 0).getTime() - new Date(b.CreatedDate ?? 0).getTime() ||
  (a.ApiId ?? '').localeCompare(b.ApiId ?? '');

/**
 * Who else owns an API, read from its tags, or undefined. `aws:` tags are set by AWS only
 * (callers cannot: "must not start with aws:", docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html);
 * CloudFormation puts `aws:cloudformation:stack-name`, `-stack-id` and `-logical-id` on the
 * resources of a stack (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html):
 * the framework's own websocket API, SAM and CDK apps. SAM also marks what it generates with
 * `<kind>:createdBy: SAM` (`httpapi:createdBy`, github.com/aws/serverless-application-model/pull/1459).
 */
export function foreignOwnerOf(api: ApiGatewayV2.Api): string | undefined {
  const tags = api.Tags ?? {};
  const stackName = tags[STACK_NAME_TAG];
  if (stackName !== undefined) return `CloudFormation stack "${stackName}" (tag ${STACK_NAME_TAG})`;
  const awsKey = Object.keys(tags).find((key) => key.toLowerCase().startsWith('aws:'));
  if (awsKey !== undefined) return `AWS (tag ${awsKey}: ${tags[awsKey]})`;
  const createdBy = Object.keys(tags).find((key) => /:createdBy$/i.test(key));
  if (createdBy !== undefined) return `${tags[createdBy]} (tag ${createdBy})`;
  return undefined;
}

/**
 * The WebSocket APIs tagged for this service and stage that the plugin may use, oldest first.
 * When there are several, which one to keep depends on which serve their stage. Pure.
 */
export function taggedApis(apis: ApiGatewayV2.Api[], identity: ApiIdentity): ApiGatewayV2.Api[] {
  return apis
    .filter((api) => isWebsocket(api) && isTaggedFor(identity)(api) && !foreignOwnerOf(api))
    .sort(byAge);
}

/**
 * Which existing API belongs to this service and stage: of the ones tagged with both (whatever
 * their name), the one whose stage serves a deployment (`servingIds`), the oldest of those if
 * several serve, else the oldest; failing that, the one untagged WebSocket API with the
 * configured name. An API tagged for another service or stage, an HTTP API, or one another tool
 * owns (see foreignOwnerOf) is never chosen. Pure.
 */
export function findOwnApi(
  apis: ApiGatewayV2.Api[],
  identity: ApiIdentity,
  servingIds: ReadonlySet<string> = new Set(),
): ApiSearch {
  const websocketApis = apis.filter(isWebsocket);
  const foreign = websocketApis
    .filter((api) => isTaggedFor(identity)(api) || (api.Name === identity.name && !isTagged(api)))
    .flatMap((api) => {
      const owner = foreignOwnerOf(api);
      return owner ? [{ api, owner }] : [];
    });

  const tagged = taggedApis(apis, identity);
  if (tagged.length > 0) return { found: keepOne(tagged, identity, servingIds), foreign };

  const untaggedNamed = websocketApis.filter(
    (api) => api.Name === identity.name && !isTagged(api) && !foreignOwnerOf(api),
  );
  if (untaggedNamed.length > 1) {
    throw new ConfigurationError([
      `${untaggedNamed.length} untagged WebSocket APIs are named "${identity.name}" (${untaggedNamed
        .map((api) => api.ApiId)
        .join(
          ', ',
        )}); delete the ones you do not use, or set provider.websocketApiName to another name`,
    ]);
  }
  const found =
    untaggedNamed.length === 1 ? { api: untaggedNamed[0], adopt: true, duplicates: [] } : undefined;
  return { found, foreign };
}

function keepOne(
  tagged: ApiGatewayV2.Api[],
  identity: ApiIdentity,
  servingIds: ReadonlySet<string>,
): FoundApi {
  const serves = (api: ApiGatewayV2.Api) => servingIds.has(api.ApiId ?? '');
  const serving = tagged.filter(serves);
  const kept = serving[0] ?? tagged[0];
  const duplicates = tagged
    .filter((api) => api !== kept)
    .map((api) => ({ api, serving: serves(api) }));
  if (duplicates.length === 0) return { api: kept, adopt: false, duplicates };
  const stage = `stage "${identity.stage}"`;
  const keptBecause =
    serving.length > 1
      ? `it is the oldest of the ${serving.length} whose ${stage} serves a deployment`
      : serving.length === 1
        ? `its ${stage} serves a deployment`
        : `no ${stage} serves a deployment yet and it is the oldest`;
  return { api: kept, adopt: false, duplicates, keptBecause };
}

/**
 * What to tell the user about duplicates: which APIs, which one is used and why, and for each
 * duplicate that serves, how to delete it (the plugin never deletes an API clients may be
 * using). `unservedFate` says what becomes of the ones that serve nothing. Pure.
 */
export function duplicateWarnings(
  found: FoundApi,
  identity: ApiIdentity,
  region: string,
  unservedFate: string,
): string[] {
  if (found.duplicates.length === 0) return [];
  const ids = [found.api, ...found.duplicates.map((duplicate) => duplicate.api)]
    .map((api) => api.ApiId)
    .join(', ');
  const unserved = found.duplicates.filter((duplicate) => !duplicate.serving);
  return [
    `${found.duplicates.length + 1} WebSocket APIs are tagged for service "${identity.service}" stage "${identity.stage}" (${ids}); using ${found.api.ApiId}: ${found.keptBecause}`,
    ...(unserved.length > 0
      ? [
          `${unserved.map((duplicate) => duplicate.api.ApiId).join(', ')} ${unserved.length === 1 ? 'serves' : 'serve'} no stage: ${unservedFate}`,
        ]
      : []),
    ...found.duplicates
      .filter((duplicate) => duplicate.serving)
      .map(({ api }) => {
        const apiId = api.ApiId as string;
        return `${apiId} also serves stage "${identity.stage}" (${websocketUrl(region, apiId, identity.stage)}) and is left as it is; once no client uses it, delete it: aws apigatewayv2 delete-api --api-id ${apiId} --region ${region}`;
      }),
  ];
}

/** Deploy's refusal to touch an API another tool owns, saying what to do instead. Pure. */
export function foreignApiError(
  foreign: ForeignApi[],
  identity: ApiIdentity,
  region: string,
): ConfigurationError {
  return new ConfigurationError(
    foreign.map(({ api, owner }) => {
      const what = `WebSocket API "${api.Name}" (${api.ApiId}) belongs to ${owner}; the plugin never adopts or changes an API another tool owns (its routes and stage are that tool's)`;
      // An earlier version of the plugin adopted it by name and tagged it.
      if (isTaggedFor(identity)(api)) {
        const arn = apiResourceArn(region, api.ApiId as string);
        return `${what}, but it carries this service and stage's tags: remove them (aws apigatewayv2 untag-resource --resource-arn ${arn} --tag-keys ${SERVICE_TAG} ${STAGE_TAG} --region ${region}) and set provider.websocketApiName to another name than "${api.Name}"`;
      }
      return `${what}. Set provider.websocketApiName to another name than "${identity.name}" (the plugin then creates its own API), or remove the framework's own \`websocket\` events (\`route\`) or the other stack that made it`;
    }),
  );
}
