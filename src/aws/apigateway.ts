import type { ApiGatewayV2 as Sdk } from 'aws-sdk';
import { operation, readAllPages, type AwsRequest } from './request';

/**
 * The page size every list call asks for: the largest API Gateway serves. The v2 reference
 * documents MaxResults with no maximum; API Gateway documents 500 as the largest page of its
 * list calls ("The default value is 25 and the maximum value is 500", GetRestApis `limit`,
 * docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html). Without it every page is 25.
 */
export const LIST_PAGE_SIZE = 500;
const MaxResults = String(LIST_PAGE_SIZE);

/** The API Gateway v2 operations the plugin uses, typed with the SDK's own shapes. */
export class ApiGatewayClient {
  constructor(private readonly request: AwsRequest) {}

  readonly createApi = this.op<Sdk.CreateApiRequest, Sdk.CreateApiResponse>('createApi');
  /** Typed as the Api it returns (the SDK's GetApiResponse is the same with every member optional). */
  readonly getApi = this.op<Sdk.GetApiRequest, Sdk.Api>('getApi');
  readonly updateApi = this.op<Sdk.UpdateApiRequest, Sdk.UpdateApiResponse>('updateApi');
  readonly deleteApi = this.op<Sdk.DeleteApiRequest, object>('deleteApi');
  readonly tagResource = this.op<Sdk.TagResourceRequest, Sdk.TagResourceResponse>('tagResource');
  readonly untagResource = this.op<Sdk.UntagResourceRequest, object>('untagResource');

  readonly createIntegration = this.op<Sdk.CreateIntegrationRequest, Sdk.CreateIntegrationResult>(
    'createIntegration',
  );
  readonly updateIntegration = this.op<Sdk.UpdateIntegrationRequest, Sdk.UpdateIntegrationResult>(
    'updateIntegration',
  );
  readonly deleteIntegration = this.op<Sdk.DeleteIntegrationRequest, object>('deleteIntegration');

  readonly createAuthorizer = this.op<Sdk.CreateAuthorizerRequest, Sdk.CreateAuthorizerResponse>(
    'createAuthorizer',
  );
  readonly updateAuthorizer = this.op<Sdk.UpdateAuthorizerRequest, Sdk.UpdateAuthorizerResponse>(
    'updateAuthorizer',
  );
  readonly deleteAuthorizer = this.op<Sdk.DeleteAuthorizerRequest, object>('deleteAuthorizer');

  readonly createRoute = this.op<Sdk.CreateRouteRequest, Sdk.CreateRouteResult>('createRoute');
  readonly updateRoute = this.op<Sdk.UpdateRouteRequest, Sdk.UpdateRouteResult>('updateRoute');
  readonly deleteRoute = this.op<Sdk.DeleteRouteRequest, object>('deleteRoute');

  readonly createRouteResponse = this.op<
    Sdk.CreateRouteResponseRequest,
    Sdk.CreateRouteResponseResponse
  >('createRouteResponse');

  readonly createDeployment = this.op<Sdk.CreateDeploymentRequest, Sdk.CreateDeploymentResponse>(
    'createDeployment',
  );
  readonly getDeployment = this.op<Sdk.GetDeploymentRequest, Sdk.GetDeploymentResponse>(
    'getDeployment',
  );
  readonly deleteRouteSettings = this.op<Sdk.DeleteRouteSettingsRequest, object>(
    'deleteRouteSettings',
  );
  readonly deleteAccessLogSettings = this.op<Sdk.DeleteAccessLogSettingsRequest, object>(
    'deleteAccessLogSettings',
  );
  readonly getStage = this.op<Sdk.GetStageRequest, Sdk.GetStageResponse>('getStage');
  readonly createStage = this.op<Sdk.CreateStageRequest, Sdk.CreateStageResponse>('createStage');
  readonly updateStage = this.op<Sdk.UpdateStageRequest, Sdk.UpdateStageResponse>('updateStage');
  readonly deleteStage = this.op<Sdk.DeleteStageRequest, object>('deleteStage');

  readonly getDomainName = this.op<Sdk.GetDomainNameRequest, Sdk.GetDomainNameResponse>(
    'getDomainName',
  );
  readonly createDomainName = this.op<Sdk.CreateDomainNameRequest, Sdk.CreateDomainNameResponse>(
    'createDomainName',
  );
  readonly deleteDomainName = this.op<Sdk.DeleteDomainNameRequest, object>('deleteDomainName');
  readonly createApiMapping = this.op<Sdk.CreateApiMappingRequest, Sdk.CreateApiMappingResponse>(
    'createApiMapping',
  );
  readonly updateApiMapping = this.op<Sdk.UpdateApiMappingRequest, Sdk.UpdateApiMappingResponse>(
    'updateApiMapping',
  );
  readonly deleteApiMapping = this.op<Sdk.DeleteApiMappingRequest, object>('deleteApiMapping');

  getApiMappings(DomainName: string): Promise<Sdk.ApiMapping[]> {
    const page = this.op<Sdk.GetApiMappingsRequest, Sdk.GetApiMappingsResponse>('getApiMappings');
    return readAllPages(page, { DomainName });
  }

  getApis(): Promise<Sdk.Api[]> {
    return readAllPages(this.op<Sdk.GetApisRequest, Sdk.GetApisResponse>('getApis'), {
      MaxResults,
    });
  }

  getIntegrations(ApiId: string): Promise<Sdk.Integration[]> {
    const page = this.op<Sdk.GetIntegrationsRequest, Sdk.GetIntegrationsResponse>(
      'getIntegrations',
    );
    return readAllPages(page, { ApiId, MaxResults });
  }

  getAuthorizers(ApiId: string): Promise<Sdk.Authorizer[]> {
    const page = this.op<Sdk.GetAuthorizersRequest, Sdk.GetAuthorizersResponse>('getAuthorizers');
    return readAllPages(page, { ApiId, MaxResults });
  }

  getRoutes(ApiId: string): Promise<Sdk.Route[]> {
    return readAllPages(this.op<Sdk.GetRoutesRequest, Sdk.GetRoutesResponse>('getRoutes'), {
      ApiId,
      MaxResults,
    });
  }

  getRouteResponses(ApiId: string, RouteId: string): Promise<Sdk.RouteResponse[]> {
    const page = this.op<Sdk.GetRouteResponsesRequest, Sdk.GetRouteResponsesResponse>(
      'getRouteResponses',
    );
    return readAllPages(page, { ApiId, RouteId, MaxResults });
  }

  private op<Params extends object, Result>(method: string): (params: Params) => Promise<Result> {
    return operation<Params, Result>(this.request, 'ApiGatewayV2', method);
  }
}
