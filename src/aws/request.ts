/** The AWS services the plugin calls, by their SDK v2 names (`provider.request`'s first argument). */
export type AwsService =
  'ApiGatewayV2' | 'APIGateway' | 'CloudWatchLogs' | 'Lambda' | 'Route53' | 'STS';

/** How one call differs from the framework's defaults. */
export interface RequestOptions {
  /** Another region than the service's (a Lambda function given by ARN elsewhere). */
  region?: string;
}

/**
 * How the plugin reaches AWS: one SDK operation, named as in SDK v2 (`'ApiGatewayV2'`,
 * `'createApi'`). Which SDK answers is decided once, in framework-request.ts; nothing above this
 * layer knows.
 */
export type AwsRequest = (
  service: AwsService,
  method: string,
  params: object,
  options?: RequestOptions,
) => Promise<unknown>;

/** A typed caller for one operation of one service. */
export function operation<Params extends object, Result>(
  request: AwsRequest,
  service: AwsService,
  method: string,
): (params: Params, options?: RequestOptions) => Promise<Result> {
  return (params, options) => request(service, method, params, options) as Promise<Result>;
}

interface Page<Item> {
  Items?: Item[];
  NextToken?: string;
}

/** Reads every page of a paginated list call by following NextToken. */
export async function readAllPages<Params extends { NextToken?: string }, Item>(
  list: (params: Params) => Promise<Page<Item>>,
  params: Params,
): Promise<Item[]> {
  const items: Item[] = [];
  let nextToken: string | undefined;
  do {
    const page = await list({ ...params, NextToken: nextToken });
    items.push(...(page.Items ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  return items;
}
