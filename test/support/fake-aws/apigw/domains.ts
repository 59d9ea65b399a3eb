import type * as AWS from 'aws-sdk';
import { dnsSuffixOf } from '../arn';
import { CallContext, OperationTable } from '../call-context';
import { Collection } from '../collection';
import { badRequest, conflict, notFound } from '../errors';
import { requireUserTagKeys } from './apis';
import { ApiGwStore } from './store';

type DomainName = AWS.ApiGatewayV2.DomainName & { DomainName: string };
type ApiMapping = AWS.ApiGatewayV2.ApiMapping & { ApiMappingId: string };

/** A custom domain name and the API mappings on it. */
export interface DomainState {
  domain: DomainName;
  mappings: Collection<ApiMapping>;
}

const HOSTNAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ACM_ARN = /^arn:aws(-[a-z]+)*:acm:([a-z0-9-]+):\d{12}:certificate\/[A-Za-z0-9-]+$/;
const MAPPING_KEY = /^[A-Za-z0-9$_.+!*'()-]*$/;
/** API Gateway's regional hosted zone in us-east-1 (alias targets of regional domains). */
const REGIONAL_ZONE: Record<string, string> = { 'us-east-1': 'Z1UJRXOUMOOFQ8' };

function requireDomain(store: ApiGwStore, name: string): DomainState {
  const state = store.domains.get(name.toLowerCase());
  if (!state) throw notFound(`Invalid domain name identifier specified ${store.accountId}:${name}`);
  return state;
}

function checkConfiguration(
  configurations: AWS.ApiGatewayV2.DomainNameConfigurations | undefined,
  region: string,
): AWS.ApiGatewayV2.DomainNameConfiguration {
  if (configurations?.length !== 1) {
    throw badRequest('Exactly one DomainNameConfiguration is required');
  }
  const [configuration] = configurations;
  const certificateRegion = ACM_ARN.exec(configuration.CertificateArn ?? '')?.[2];
  if (!certificateRegion) {
    throw badRequest(`Invalid certificate ARN: ${configuration.CertificateArn}`);
  }
  if (certificateRegion !== region) {
    throw badRequest(`Certificate ${configuration.CertificateArn} must be in region ${region}`);
  }
  if ((configuration.EndpointType ?? 'REGIONAL') !== 'REGIONAL') {
    throw badRequest(`Unsupported endpoint type: ${configuration.EndpointType}`);
  }
  return configuration;
}

/** AWS's rules for a mapping: the API and stage exist, the key is free, protocols are not mixed. */
function checkMapping(
  store: ApiGwStore,
  state: DomainState,
  mapping: Pick<ApiMapping, 'ApiId' | 'Stage' | 'ApiMappingKey'>,
  replacing?: string,
): void {
  const api = store.requireApi(mapping.ApiId);
  store.requireStage(api, mapping.Stage);
  const key = mapping.ApiMappingKey ?? '';
  if (!MAPPING_KEY.test(key)) throw badRequest(`Invalid ApiMappingKey: ${key}`);
  const others = state.mappings.values().filter((other) => other.ApiMappingId !== replacing);
  if (others.some((other) => (other.ApiMappingKey ?? '') === key)) {
    throw conflict(`ApiMapping key already exists for this domain name: ${key}`);
  }
  const otherProtocol = others.find(
    (other) => store.apis.get(other.ApiId)?.api.ProtocolType !== api.api.ProtocolType,
  );
  if (otherProtocol) {
    throw badRequest('A domain name cannot have API mappings of WebSocket APIs and of other APIs');
  }
}

export function domainOperations(store: ApiGwStore) {
  return {
    createDomainName: (
      p: AWS.ApiGatewayV2.CreateDomainNameRequest,
      ctx: CallContext,
    ): AWS.ApiGatewayV2.CreateDomainNameResponse => {
      const name = p.DomainName.toLowerCase();
      if (!HOSTNAME.test(name)) throw badRequest(`Invalid domain name: ${p.DomainName}`);
      requireUserTagKeys(p.Tags);
      if (store.domains.has(name)) throw conflict('The domain name you provided already exists.');
      const configuration = checkConfiguration(p.DomainNameConfigurations, ctx.region);
      const domain: DomainName = {
        DomainName: name,
        ApiMappingSelectionExpression: '$request.basepath',
        DomainNameConfigurations: [
          {
            ...configuration,
            EndpointType: 'REGIONAL',
            SecurityPolicy: configuration.SecurityPolicy ?? 'TLS_1_2',
            DomainNameStatus: 'AVAILABLE',
            ApiGatewayDomainName: `d-${store.ids.next(10)}.execute-api.${ctx.region}.${dnsSuffixOf(ctx.region)}`,
            HostedZoneId: REGIONAL_ZONE[ctx.region] ?? 'Z2FAKEREGIONALZONE',
          },
        ],
        Tags: { ...p.Tags },
      };
      store.domains.set(name, { domain, mappings: new Collection(`apiMappings:${name}`) });
      return domain;
    },

    getDomainName: (
      p: AWS.ApiGatewayV2.GetDomainNameRequest,
    ): AWS.ApiGatewayV2.GetDomainNameResponse => requireDomain(store, p.DomainName).domain,

    getDomainNames: (
      p: AWS.ApiGatewayV2.GetDomainNamesRequest,
    ): AWS.ApiGatewayV2.GetDomainNamesResponse => {
      const page = store.page(store.domains, p);
      return { Items: page.Items.map((state) => state.domain), NextToken: page.NextToken };
    },

    deleteDomainName: (p: AWS.ApiGatewayV2.DeleteDomainNameRequest): Record<string, never> => {
      store.domains.delete(requireDomain(store, p.DomainName).domain.DomainName);
      return {};
    },

    createApiMapping: (
      p: AWS.ApiGatewayV2.CreateApiMappingRequest,
    ): AWS.ApiGatewayV2.CreateApiMappingResponse => {
      const state = requireDomain(store, p.DomainName);
      checkMapping(store, state, p);
      const mapping: ApiMapping = {
        ApiMappingId: store.newId(),
        ApiId: p.ApiId,
        Stage: p.Stage,
        ApiMappingKey: p.ApiMappingKey ?? '',
      };
      state.mappings.set(mapping.ApiMappingId, mapping);
      return mapping;
    },

    getApiMappings: (
      p: AWS.ApiGatewayV2.GetApiMappingsRequest,
    ): AWS.ApiGatewayV2.GetApiMappingsResponse =>
      store.page(requireDomain(store, p.DomainName).mappings, p),

    updateApiMapping: (
      p: AWS.ApiGatewayV2.UpdateApiMappingRequest,
    ): AWS.ApiGatewayV2.UpdateApiMappingResponse => {
      const state = requireDomain(store, p.DomainName);
      const existing = store.require(state.mappings, p.ApiMappingId, 'ApiMapping');
      const mapping: ApiMapping = {
        ...existing,
        ApiId: p.ApiId,
        Stage: p.Stage ?? existing.Stage,
        ApiMappingKey: p.ApiMappingKey ?? existing.ApiMappingKey,
      };
      checkMapping(store, state, mapping, existing.ApiMappingId);
      state.mappings.set(mapping.ApiMappingId, mapping);
      return mapping;
    },

    deleteApiMapping: (p: AWS.ApiGatewayV2.DeleteApiMappingRequest): Record<string, never> => {
      const state = requireDomain(store, p.DomainName);
      store.require(state.mappings, p.ApiMappingId, 'ApiMapping');
      state.mappings.delete(p.ApiMappingId);
      return {};
    },
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
