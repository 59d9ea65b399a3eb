/**
 * The one pagination helper every list call uses. A page token names the list it belongs to
 * (scope) and the cursor of the last item returned, so a page continues correctly even when
 * items were deleted in between (as a key-based cursor does in AWS), and a token from another
 * list, or a made-up one, is refused.
 */
export type Cursor = number | string;

export interface PageRequest {
  limit: number;
  token?: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

export type ErrorFactory = (message: string) => Error;

/** min(default page size, the caller's limit); a limit that is not a positive integer is refused. */
export function pageLimit(
  requested: string | number | undefined,
  defaultSize: number,
  invalid: ErrorFactory,
): number {
  if (requested === undefined) return defaultSize;
  const limit = typeof requested === 'number' ? requested : Number(requested);
  if (!Number.isInteger(limit) || limit < 1) {
    throw invalid(`Invalid page size: ${String(requested)}`);
  }
  return Math.min(defaultSize, limit);
}

/** `entries` must be sorted by cursor, ascending. */
export function paginate<T>(
  entries: ReadonlyArray<readonly [Cursor, T]>,
  scope: string,
  request: PageRequest,
  invalid: ErrorFactory,
): Page<T> {
  const after = request.token === undefined ? undefined : decodeToken(scope, request.token);
  if (request.token !== undefined && after === undefined) {
    throw invalid(`Invalid pagination token: ${request.token}`);
  }
  const remaining = after === undefined ? entries : entries.filter(([cursor]) => cursor > after);
  const pageEntries = remaining.slice(0, request.limit);
  const last = pageEntries[pageEntries.length - 1];
  return {
    items: pageEntries.map(([, item]) => item),
    nextToken:
      remaining.length > pageEntries.length && last ? encodeToken(scope, last[0]) : undefined,
  };
}

function encodeToken(scope: string, cursor: Cursor): string {
  return Buffer.from(JSON.stringify([scope, cursor]), 'utf8').toString('base64');
}

function decodeToken(scope: string, token: string): Cursor | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope) return undefined;
    const cursor: unknown = decoded[1];
    return typeof cursor === 'number' || typeof cursor === 'string' ? cursor : undefined;
  } catch {
    return undefined;
  }
}
