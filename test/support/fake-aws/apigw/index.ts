import type * as AWS from 'aws-sdk';
import type { FakeApiGatewayAccount } from '../apigateway-account';
import { CallContext, ServiceBinding } from '../call-context';
import { partitionOf } from '../arn';
import { IdGenerator } from '../ids';
import { clonePlain } from '../objects';
import { apiOperations, createApiState } from './apis';
import { authorizerOperations } from './authorizers';
import { deploymentOperations } from './deployments';
import { domainOperations, type DomainState } from './domains';
import { integrationOperations } from './integrations';
import { routeOperations } from './routes';
import { ApiDraft, ApiSnapshot, ApiState } from './state';
import { AWS_API_QUOTAS, ApiQuotas } from './quotas';
import { ApiGwStore } from './store';

export type { ApiDraft, ApiSnapshot, DeploymentState } from './state';
export { AWS_API_QUOTAS, type ApiQuotas } from './quotas';
export { ApiState } from './state';

export interface FakeApiGatewayV2Options {
  accountId: string;
  region: string;
  pageSize: number;
  maxPageSize: number;
  /** Per-API quotas; AWS's defaults where not given (an account with raised quotas). */
  quotas?: Partial<ApiQuotas>;
}

/**
 * The fake API Gateway v2 control plane, plus helpers for tests: read the draft and what a
 * stage serves, and change state behind the plugin's back ("drift"). The *Directly helpers
 * and the collections on ApiState bypass every AWS rule and are not recorded as calls.
 */
export class FakeApiGatewayV2 {
  private readonly store: ApiGwStore;

  constructor(
    ids: IdGenerator,
    private readonly options: FakeApiGatewayV2Options,
    account: FakeApiGatewayAccount,
  ) {
    this.store = new ApiGwStore(
      ids,
      options.accountId,
      { pageSize: options.pageSize, maxPageSize: options.maxPageSize },
      { ...AWS_API_QUOTAS, ...options.quotas },
      account,
    );
  }

  binding(): ServiceBinding {
    return {
      service: 'ApiGatewayV2',
      operations: {
        ...apiOperations(this.store),
        ...routeOperations(this.store),
        ...integrationOperations(this.store),
        ...authorizerOperations(this.store),
        ...deploymentOperations(this.store),
        ...domainOperations(this.store),
      },
    };
  }

  /** The live state of every API, in creation order. */
  apis(): ApiState[] {
    return this.store.apis.values();
  }

  /** A custom domain name and its mappings (live state), by name. */
  domain(name: string): DomainState | undefined {
    return this.store.domains.get(name.toLowerCase());
  }

  /** A domain name that existed before the test (made by hand, not tagged by the plugin). */
  createDomainNameDirectly(
    name: string,
    certificateArn: string,
    region = this.options.region,
  ): void {
    const { createDomainName } = domainOperations(this.store);
    createDomainName(
      { DomainName: name, DomainNameConfigurations: [{ CertificateArn: certificateArn }] },
      { region } as CallContext,
    );
  }

  api(apiId: string): ApiState | undefined {
    return this.store.apis.get(apiId);
  }

  /** A deep copy of the API and its draft (what the next deployment would capture). */
  draft(apiId: string): ApiDraft {
    const state = this.mustGet(apiId);
    return { api: clonePlain(state.api), ...state.snapshot() };
  }

  /** A deep copy of what the stage serves: the snapshot of its deployment. */
  live(apiId: string, stageName: string): ApiSnapshot | undefined {
    const state = this.mustGet(apiId);
    const deploymentId = state.stages.get(stageName)?.DeploymentId;
    const deployment = deploymentId === undefined ? undefined : state.deployments.get(deploymentId);
    return deployment && clonePlain(deployment.snapshot);
  }

  /**
   * An API that existed before the test (e.g. an HTTP API sharing the name). Its tags are not
   * checked (AWS's own `aws:` tags included); `createdDate` backdates it.
   */
  createApiDirectly(
    input: AWS.ApiGatewayV2.CreateApiRequest,
    { region = this.options.region, createdDate }: { region?: string; createdDate?: Date } = {},
  ): AWS.ApiGatewayV2.Api {
    const state = createApiState(this.store, input, region);
    if (createdDate) state.api.CreatedDate = createdDate;
    return clonePlain(state.api);
  }

  /**
   * An API that a CloudFormation stack made (the framework's own websocket API, SAM, CDK): it
   * carries the tags CloudFormation puts on every resource of a stack, `aws:cloudformation:
   * stack-name`, `stack-id` and `logical-id`
   * (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-resource-tags.html),
   * which no API caller may set.
   */
  createCloudFormationApiDirectly(
    stack: { stackName: string; logicalId: string },
    input: AWS.ApiGatewayV2.CreateApiRequest,
  ): AWS.ApiGatewayV2.Api {
    const { accountId, region } = this.options;
    const stackId = `arn:${partitionOf(region)}:cloudformation:${region}:${accountId}:stack/${stack.stackName}/${this.store.ids.next(8)}-0000-0000-0000-000000000000`;
    return this.createApiDirectly({
      ...input,
      Tags: {
        ...input.Tags,
        'aws:cloudformation:stack-name': stack.stackName,
        'aws:cloudformation:stack-id': stackId,
        'aws:cloudformation:logical-id': stack.logicalId,
      },
    });
  }

  /**
   * Gives an API these routes (each with a MOCK integration), a deployment of them and a stage
   * serving it, under AWS's rules but unrecorded: an API someone else deployed.
   */
  deployDirectly(apiId: string, stageName: string, routeKeys: string[]): string {
    const { createIntegration } = integrationOperations(this.store);
    const { createRoute } = routeOperations(this.store);
    const { createStage, createDeployment } = deploymentOperations(this.store);
    const ctx = { region: this.options.region } as CallContext;
    for (const RouteKey of routeKeys) {
      const { IntegrationId } = createIntegration({ ApiId: apiId, IntegrationType: 'MOCK' });
      createRoute({ ApiId: apiId, RouteKey, Target: `integrations/${IntegrationId}` });
    }
    if (!this.mustGet(apiId).stages.has(stageName))
      createStage({ ApiId: apiId, StageName: stageName }, ctx);
    return createDeployment({ ApiId: apiId, StageName: stageName }).DeploymentId as string;
  }

  deleteApiDirectly(apiId: string): boolean {
    return this.store.apis.delete(apiId);
  }

  /** Deletes the route with that key and its route responses. */
  deleteRouteDirectly(apiId: string, routeKey: string): boolean {
    const state = this.mustGet(apiId);
    const route = state.routes.find((candidate) => candidate.RouteKey === routeKey);
    if (!route?.RouteId) return false;
    state.routeResponses.delete(route.RouteId);
    return state.routes.delete(route.RouteId);
  }

  updateRouteDirectly(
    apiId: string,
    routeKey: string,
    patch: Partial<AWS.ApiGatewayV2.Route>,
  ): void {
    const state = this.mustGet(apiId);
    const route = state.routes.find((candidate) => candidate.RouteKey === routeKey);
    if (!route?.RouteId) throw new Error(`FakeAws: API ${apiId} has no route ${routeKey}`);
    state.routes.set(route.RouteId, { ...route, ...patch });
  }

  deleteIntegrationDirectly(apiId: string, integrationId: string): boolean {
    return this.mustGet(apiId).integrations.delete(integrationId);
  }

  deleteAuthorizerDirectly(apiId: string, authorizerId: string): boolean {
    return this.mustGet(apiId).authorizers.delete(authorizerId);
  }

  private mustGet(apiId: string): ApiState {
    const state = this.store.apis.get(apiId);
    if (!state) throw new Error(`FakeAws: no API ${apiId}`);
    return state;
  }
}
