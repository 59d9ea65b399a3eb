import type { APIGatewayClientConfig } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayV2ClientConfig } from '@aws-sdk/client-apigatewayv2';
import type { CloudWatchLogsClientConfig } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClientConfig } from '@aws-sdk/client-lambda';
import type { Route53ClientConfig } from '@aws-sdk/client-route-53';
import type { STSClientConfig } from '@aws-sdk/client-sts';
import type { ConfiguredRetryStrategy } from '@smithy/util-retry';
import type { AwsRequest, AwsService } from './request';

/** What `provider.getAwsSdkV3Config()` gives (region, credentials, HTTP handler, attempts). */
export type SdkV3Config = ApiGatewayV2ClientConfig &
  APIGatewayClientConfig &
  CloudWatchLogsClientConfig &
  LambdaClientConfig &
  Route53ClientConfig &
  STSClientConfig;

type Operation = (params: object) => Promise<unknown>;
type AggregatedClient = Record<string, Operation | undefined>;

/**
 * The SDK v3 aggregated clients, whose methods have the SDK v2 names (`createApi`). Loaded on
 * first use: on frameworks with `provider.request` the v3 clients are never loaded.
 */
const CLIENTS: Record<AwsService, (config: SdkV3Config) => Promise<object>> = {
  ApiGatewayV2: async (config) =>
    new (await import('@aws-sdk/client-apigatewayv2')).ApiGatewayV2(config),
  APIGateway: async (config) =>
    new (await import('@aws-sdk/client-api-gateway')).APIGateway(config),
  CloudWatchLogs: async (config) =>
    new (await import('@aws-sdk/client-cloudwatch-logs')).CloudWatchLogs(config),
  Lambda: async (config) => new (await import('@aws-sdk/client-lambda')).Lambda(config),
  Route53: async (config) => new (await import('@aws-sdk/client-route-53')).Route53(config),
  STS: async (config) => new (await import('@aws-sdk/client-sts')).STS(config),
};

/** The framework's default (SLS_AWS_REQUEST_MAX_RETRIES unset): 4 retries. */
const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The wait before a retry, as the framework's own request layer waits on throttling: about 5 s
 * (4 to 7 s, jittered so that throttled processes do not retry in lockstep).
 */
export const frameworkRetryDelayMs = (): number => Math.round(5000 * (0.8 + Math.random() * 0.6));

/**
 * Reaches AWS through SDK v3 clients configured by the framework (osls 4 has no
 * `provider.request`). Retries throttling, 5xx and transient network errors as often as the
 * framework's config says (SLS_AWS_REQUEST_MAX_RETRIES) with the framework's back-off, so that
 * the plugin tolerates the same as on frameworks with `provider.request`.
 */
export function sdkV3Request(
  getConfig: () => Promise<SdkV3Config>,
  retryDelayMs: () => number = frameworkRetryDelayMs,
): AwsRequest {
  // One client per service and region: the framework's region unless a call names another.
  const clients = new Map<string, Promise<AggregatedClient>>();
  const clientFor = (service: AwsService, region?: string): Promise<AggregatedClient> => {
    const key = `${service} ${region ?? ''}`;
    let client = clients.get(key);
    if (!client) {
      client = (async () => {
        const config = await getConfig();
        const retryStrategy = await retryStrategyFor(config, retryDelayMs);
        const regional = region ? { region } : {};
        return (await CLIENTS[service]({
          ...config,
          ...regional,
          retryStrategy,
        })) as AggregatedClient;
      })();
      clients.set(key, client);
    }
    return client;
  };
  return async (service, method, params, options) => {
    const client = await clientFor(service, options?.region);
    const call = client[method];
    if (typeof call !== 'function') throw new Error(`AWS SDK v3 ${service} has no ${method}`);
    return call.call(client, params);
  };
}

async function retryStrategyFor(
  config: SdkV3Config,
  retryDelayMs: () => number,
): Promise<ConfiguredRetryStrategy> {
  const { ConfiguredRetryStrategy: Strategy } = await import('@smithy/util-retry');
  const { maxAttempts } = config;
  const attempts =
    typeof maxAttempts === 'number' && maxAttempts >= 1 ? maxAttempts : DEFAULT_MAX_ATTEMPTS;
  return new Strategy(attempts, retryDelayMs);
}
