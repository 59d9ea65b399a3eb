import type { ApiGatewayV2 } from 'aws-sdk';
import { SERVICE_TAG, STAGE_TAG } from '../desired-state';
import { ConfigurationError } from '../errors';

export interface ApiIdentity {
  name: string;
  service: string;
  stage: string;
}

export interface FoundApi {
  api: ApiGatewayV2.Api;
  /** True for an untagged API found by name (made by hand or by the original plugin). */
  adopt: boolean;
}

const isWebsocket = (api: ApiGatewayV2.Api) => api.ProtocolType === 'WEBSOCKET';
const isTagged = (api: ApiGatewayV2.Api) =>
  api.Tags?.[SERVICE_TAG] !== undefined || api.Tags?.[STAGE_TAG] !== undefined;
const byCreation = (a: ApiGatewayV2.Api, b: ApiGatewayV2.Api) =>
  new Date(a.CreatedDate ?? 0).getTime() - new Date(b.CreatedDate ?? 0).getTime();

/**
 * Which existing API belongs to this service and stage: the one tagged with both, whatever its
 * name; else the one untagged WebSocket API with the configured name. An API tagged for another
 * service or stage, or an HTTP API, is never chosen. Pure.
 */
export function findOwnApi(apis: ApiGatewayV2.Api[], identity: ApiIdentity): FoundApi | undefined {
  const websocketApis = apis.filter(isWebsocket);
  const tagged = websocketApis
    .filter(
      (api) =>
        api.Tags?.[SERVICE_TAG] === identity.service && api.Tags?.[STAGE_TAG] === identity.stage,
    )
    .sort(byCreation);
  if (tagged.length > 0) return { api: tagged[0], adopt: false };

  const untaggedNamed = websocketApis.filter((api) => api.Name === identity.name && !isTagged(api));
  if (untaggedNamed.length > 1) {
    throw new ConfigurationError([
      `${untaggedNamed.length} untagged WebSocket APIs are named "${identity.name}" (${untaggedNamed
        .map((api) => api.ApiId)
        .join(
          ', ',
        )}); delete the ones you do not use, or set provider.websocketApiName to another name`,
    ]);
  }
  return untaggedNamed.length === 1 ? { api: untaggedNamed[0], adopt: true } : undefined;
}
