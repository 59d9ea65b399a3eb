import { AwsError, awsError } from '../errors';

/**
 * AWS's per-API quotas for WebSocket APIs ("Quotas for configuring and running a WebSocket API
 * in API Gateway", docs.aws.amazon.com/apigateway/latest/developerguide/
 * apigateway-execution-service-websocket-limits-table.html): 300 routes, 300 integrations,
 * 10 Lambda authorizers, 10 stages per API (all raisable per API on request).
 */
export interface ApiQuotas {
  routes: number;
  integrations: number;
  authorizers: number;
  stages: number;
}

export const AWS_API_QUOTAS: ApiQuotas = {
  routes: 300,
  integrations: 300,
  authorizers: 10,
  stages: 10,
};

const NOUNS: Record<keyof ApiQuotas, string> = {
  routes: 'Routes',
  integrations: 'Integrations',
  authorizers: 'Authorizers',
  stages: 'Stages',
};

/**
 * What AWS answers when a create would pass a per-API quota. The API reference lists no
 * LimitExceededException for API Gateway v2; the answer observed for authorizers
 * (github.com/anomalyco/sst/issues/4522) is a ConflictException with HTTP status 429,
 * "Maximum number of Authorizers for this API has been reached. Please contact AWS if you
 * need additional Authorizers." Routes, integrations and stages are modelled the same way
 * (not observed here). Not retryable: waiting does not make room.
 */
export function checkQuota(
  quotas: ApiQuotas,
  kind: keyof ApiQuotas,
  current: number,
): AwsError | undefined {
  if (current < quotas[kind]) return undefined;
  const noun = NOUNS[kind];
  return awsError(
    'ConflictException',
    `Maximum number of ${noun} for this API has been reached. Please contact AWS if you need additional ${noun}.`,
    429,
    false,
  );
}
