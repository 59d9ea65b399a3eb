import type { AwsRequest, RequestOptions } from './request';
import { sdkV3Request, type SdkV3Config } from './sdk-v3';

/** The parts of the framework's AWS provider that reach AWS; which exist depends on the framework. */
export interface FrameworkAwsProvider {
  /**
   * SDK v2, with the framework's credentials and retries (Serverless 1.x to 4.x, osls 3.x).
   * `options.region` sends the call to another region: "@prop [options.region] - Specify when
   * to request to different region" (lib/plugins/aws/provider(.js|/awsProvider.js) of
   * serverless 1.x to 3.x).
   */
  request?(
    service: string,
    method: string,
    params: object,
    options?: RequestOptions,
  ): Promise<unknown>;
  /** Configuration for SDK v3 clients (osls 3.x and 4.x). */
  getAwsSdkV3Config?(): Promise<SdkV3Config>;
}

/** What osls 4 throws from `provider.request()`, which it removed. */
const SDK_V2_REMOVED = 'AWS_SDK_V2_SURFACE_REMOVED';

/**
 * The one place that decides how the plugin reaches AWS: through `provider.request` where the
 * framework has it (credentials, profile, region and retries as for the rest of `sls`), else
 * through SDK v3 clients configured by `provider.getAwsSdkV3Config()`. osls 4 keeps a
 * `request` that only throws AWS_SDK_V2_SURFACE_REMOVED, so its first answer decides.
 */
export function frameworkAwsRequest(provider: FrameworkAwsProvider): AwsRequest {
  const { request, getAwsSdkV3Config } = provider;
  const viaSdkV3 = getAwsSdkV3Config
    ? sdkV3Request(() => getAwsSdkV3Config.call(provider))
    : undefined;
  let useSdkV3 = typeof request !== 'function';
  return async (service, method, params, options) => {
    if (!useSdkV3 && request) {
      try {
        // Only a call to another region passes options: every other call is as before.
        return await (options?.region
          ? request.call(provider, service, method, params, options)
          : request.call(provider, service, method, params));
      } catch (error) {
        if (!viaSdkV3 || !isSdkV2Removed(error)) throw error;
        useSdkV3 = true;
      }
    }
    if (!viaSdkV3)
      throw new Error('the framework offers neither provider.request nor SDK v3 config');
    return viaSdkV3(service, method, params, options);
  };
}

function isSdkV2Removed(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === SDK_V2_REMOVED;
}
