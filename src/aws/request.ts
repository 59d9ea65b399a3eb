/**
 * How the plugin reaches AWS: the framework's `provider.request`, so that credentials, profile,
 * region and retries are the same as for the rest of `sls`.
 */
export type AwsRequest = (service: string, method: string, params: object) => Promise<unknown>;

/** A typed caller for one operation of one service. */
export function operation<Params extends object, Result>(
  request: AwsRequest,
  service: string,
  method: string,
): (params: Params) => Promise<Result> {
  return (params) => request(service, method, params) as Promise<Result>;
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
