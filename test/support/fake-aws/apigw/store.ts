import type * as AWS from 'aws-sdk';
import type { FakeApiGatewayAccount } from '../apigateway-account';
import { Collection } from '../collection';
import { badRequest, notFound } from '../errors';
import { IdGenerator } from '../ids';
import { pageLimit } from '../pagination';
import type { DomainState } from './domains';
import { ApiQuotas, checkQuota } from './quotas';
import { ApiState } from './state';

export interface PageParams {
  MaxResults?: string;
  NextToken?: string;
}

/** The state of the fake API Gateway v2 account plus the lookups every handler needs. */
export class ApiGwStore {
  readonly apis = new Collection<ApiState>('apis');
  /** Custom domain names, by lower-case name. */
  readonly domains = new Collection<DomainState>('domainNames');

  constructor(
    readonly ids: IdGenerator,
    readonly accountId: string,
    private readonly pages: { pageSize: number; maxPageSize: number },
    private readonly quotas: ApiQuotas,
    /** Execution logging on a stage needs the account's CloudWatch role. */
    readonly account: FakeApiGatewayAccount,
  ) {}

  /** Refuses a create that would take the API past one of its quotas. */
  requireRoom(kind: keyof ApiQuotas, current: number): void {
    const error = checkQuota(this.quotas, kind, current);
    if (error) throw error;
  }

  /** Sub-resource ids are 7 characters long, API ids 10. */
  newId(): string {
    return this.ids.next(7);
  }

  requireApi(apiId: string): ApiState {
    return this.require(this.apis, apiId, 'API');
  }

  requireRoute(api: ApiState, routeId: string): AWS.ApiGatewayV2.Route {
    return this.require(api.routes, routeId, 'Route');
  }

  requireIntegration(api: ApiState, integrationId: string): AWS.ApiGatewayV2.Integration {
    return this.require(api.integrations, integrationId, 'Integration');
  }

  requireAuthorizer(api: ApiState, authorizerId: string): AWS.ApiGatewayV2.Authorizer {
    return this.require(api.authorizers, authorizerId, 'Authorizer');
  }

  requireStage(api: ApiState, stageName: string): AWS.ApiGatewayV2.Stage {
    return this.require(api.stages, stageName, 'Stage');
  }

  require<T>(collection: Collection<T>, id: string, kind: string): T {
    const item = collection.get(id);
    if (item === undefined) {
      throw notFound(`Invalid ${kind} identifier specified ${this.accountId}:${id}`);
    }
    return item;
  }

  /**
   * One page of a get* list call, shaped as the SDK returns it: `pageSize` items without
   * MaxResults, at most `maxPageSize` with it.
   */
  page<T>(collection: Collection<T>, params: PageParams): { Items: T[]; NextToken?: string } {
    const { pageSize, maxPageSize } = this.pages;
    const limit =
      params.MaxResults === undefined
        ? Math.min(pageSize, maxPageSize)
        : pageLimit(params.MaxResults, maxPageSize, badRequest);
    const page = collection.page({ limit, token: params.NextToken }, badRequest);
    return { Items: page.items, NextToken: page.nextToken };
  }
}
