import type * as AWS from 'aws-sdk';
import { dnsSuffixOf } from '../arn';
import { CallContext, OperationTable } from '../call-context';
import { badRequest } from '../errors';
import { pickDefined } from '../objects';
import { ApiState } from './state';
import { ApiGwStore } from './store';

type Api = AWS.ApiGatewayV2.Api;

const HTTP_ROUTE_SELECTION = '${request.method} ${request.path}';
const UPDATABLE_API_FIELDS = [
  'Name',
  'Description',
  'RouteSelectionExpression',
  'ApiKeySelectionExpression',
  'DisableSchemaValidation',
  'DisableExecuteApiEndpoint',
  'Version',
  'CorsConfiguration',
] as const;

/** Creates an API as AWS would (also used by `createApiDirectly` for pre-existing APIs). */
export function createApiState(
  store: ApiGwStore,
  input: AWS.ApiGatewayV2.CreateApiRequest,
  region: string,
): ApiState {
  const websocket = input.ProtocolType === 'WEBSOCKET';
  if (!websocket && input.ProtocolType !== 'HTTP') {
    throw badRequest(`Invalid ProtocolType: ${input.ProtocolType}`);
  }
  if (websocket && !input.RouteSelectionExpression) {
    throw badRequest('RouteSelectionExpression is required for a WEBSOCKET API');
  }
  const apiId = store.ids.next(10);
  const scheme = websocket ? 'wss' : 'https';
  const api: Api & { ApiId: string } = {
    ...pickDefined(input, [
      'Description',
      'DisableSchemaValidation',
      'Version',
      'CorsConfiguration',
    ]),
    ApiId: apiId,
    Name: input.Name,
    ProtocolType: input.ProtocolType,
    RouteSelectionExpression: input.RouteSelectionExpression ?? HTTP_ROUTE_SELECTION,
    ApiKeySelectionExpression: input.ApiKeySelectionExpression ?? '$request.header.x-api-key',
    ApiEndpoint: `${scheme}://${apiId}.execute-api.${region}.${dnsSuffixOf(region)}`,
    DisableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
    CreatedDate: new Date(),
    Tags: { ...input.Tags },
  };
  const state = new ApiState(api);
  store.apis.set(apiId, state);
  return state;
}

/**
 * AWS keeps tag keys starting with `aws:` (in any case) for itself: "The tag key can be up to 128
 * characters and must not start with aws:" (TagResource,
 * docs.aws.amazon.com/apigateway/latest/api/API_TagResource.html); "This prefix is
 * case-insensitive" (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html).
 * Only AWS itself sets them, as CloudFormation does on the resources of a stack
 * (`createCloudFormationApiDirectly`).
 */
export function requireUserTagKeys(tags: AWS.ApiGatewayV2.Tags | undefined): void {
  const reserved = Object.keys(tags ?? {}).find((key) => key.toLowerCase().startsWith('aws:'));
  if (reserved !== undefined) {
    throw badRequest(
      `Invalid tag key: ${reserved}. Tag keys starting with "aws:" are reserved for AWS use`,
    );
  }
}

/** Tag targets: `arn:<partition>:apigateway:<region>::/apis/<id>[/stages/<name>]`. */
function tagsOf(store: ApiGwStore, resourceArn: string): AWS.ApiGatewayV2.Tags {
  const match = /^arn:[a-z-]+:apigateway:[a-z0-9-]+::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(
    resourceArn,
  );
  if (!match) throw badRequest(`Invalid resource ARN: ${resourceArn}`);
  const api = store.requireApi(match[1]);
  const target: { Tags?: AWS.ApiGatewayV2.Tags } = match[2]
    ? store.requireStage(api, match[2])
    : api.api;
  target.Tags = target.Tags ?? {};
  return target.Tags;
}

export function apiOperations(store: ApiGwStore) {
  return {
    createApi: (p: AWS.ApiGatewayV2.CreateApiRequest, ctx: CallContext): Api => {
      requireUserTagKeys(p.Tags);
      return createApiState(store, p, ctx.region).api;
    },

    getApi: (p: AWS.ApiGatewayV2.GetApiRequest): Api => store.requireApi(p.ApiId).api,

    getApis: (p: AWS.ApiGatewayV2.GetApisRequest): AWS.ApiGatewayV2.GetApisResponse => {
      const page = store.page(store.apis, p);
      return { Items: page.Items.map((state) => state.api), NextToken: page.NextToken };
    },

    updateApi: (p: AWS.ApiGatewayV2.UpdateApiRequest): Api => {
      const state = store.requireApi(p.ApiId);
      if (state.api.ProtocolType === 'WEBSOCKET' && p.RouteSelectionExpression === '') {
        throw badRequest('RouteSelectionExpression is required for a WEBSOCKET API');
      }
      state.api = { ...state.api, ...pickDefined(p, UPDATABLE_API_FIELDS) };
      return state.api;
    },

    deleteApi: (p: AWS.ApiGatewayV2.DeleteApiRequest): Record<string, never> => {
      store.requireApi(p.ApiId);
      store.apis.delete(p.ApiId);
      return {};
    },

    tagResource: (p: AWS.ApiGatewayV2.TagResourceRequest): AWS.ApiGatewayV2.TagResourceResponse => {
      requireUserTagKeys(p.Tags);
      Object.assign(tagsOf(store, p.ResourceArn), p.Tags);
      return {};
    },

    untagResource: (p: AWS.ApiGatewayV2.UntagResourceRequest): Record<string, never> => {
      // "you can't update or delete the tag" (the CloudFormation page above).
      requireUserTagKeys(Object.fromEntries(p.TagKeys.map((key) => [key, ''])));
      const tags = tagsOf(store, p.ResourceArn);
      for (const key of p.TagKeys) delete tags[key];
      return {};
    },

    getTags: (p: AWS.ApiGatewayV2.GetTagsRequest): AWS.ApiGatewayV2.GetTagsResponse => ({
      Tags: tagsOf(store, p.ResourceArn),
    }),
  } satisfies OperationTable<AWS.ApiGatewayV2>;
}
