/**
 * Makes the in-process framework (Serverless 1.83.3) reach AWS the way newer frameworks do, so
 * that the plugin's AWS layer is tested on each path against the same stand-in:
 *
 * - `serverless-v4`: `provider.request` as in Serverless v4 with SLS_AWS_SDK=3: SDK v3 errors,
 *   wrapped by the framework as its handleV3Error does (a ServerlessError with an
 *   `AWS_<SERVICE>_<METHOD>_<CODE>` code, and a `providerError` holding the v3 error's fields
 *   plus `code` = its name).
 * - `osls-4`: no `provider.request` for the plugin (it throws AWS_SDK_V2_SURFACE_REMOVED, as
 *   osls 4 does), and `provider.getAwsSdkV3Config()` for SDK v3 clients, which FakeAws answers.
 *   The framework's own calls (CloudFormation, S3) still go through its `request`: only calls
 *   made from the plugin's AWS layer are refused, told apart by their call site.
 */
import * as path from 'path';
import type { AwsError } from './fake-aws';

export type FrameworkPath = 'serverless-v4' | 'osls-4';

type Request = (service: string, method: string, params: object) => Promise<unknown>;
interface AwsProviderPrototype {
  request: Request;
  getRegion(): string;
  getAwsSdkV3Config?: () => Promise<object>;
}

// The in-process framework's provider class: the one run-serverless.ts drives.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AwsProvider = require('serverless/lib/plugins/aws/provider/awsProvider') as {
  prototype: AwsProviderPrototype;
};

/** The plugin module that calls `provider.request`. */
const PLUGIN_AWS_LAYER = `${path.sep}src${path.sep}aws${path.sep}framework-request`;

/** `CreateApi` -> `CREATE_API`, as the framework names error codes. */
const normalize = (name: string) => name.replace(/(?<!^)([A-Z])/g, '_$1').toUpperCase();

/** An SDK v2 error as Serverless v4's provider.request hands out its SDK v3 errors. */
function asServerlessV4Error(error: AwsError, service: string, method: string): Error {
  const statusCode = error.statusCode;
  const v3Error = Object.assign(new Error(error.message), {
    name: error.code,
    $fault: statusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: statusCode },
  });
  const code = `AWS_${normalize(service)}_${normalize(method)}_${normalize(error.code)}`;
  return Object.assign(new Error(error.message), {
    name: 'ServerlessError',
    code,
    providerError: {
      ...v3Error,
      statusCode,
      code: v3Error.name,
      retryable: statusCode >= 500 || statusCode === 429,
      original: v3Error,
    },
  });
}

function removedSurface(): Error {
  const message =
    'provider.request() is no longer available. Construct AWS SDK v3 clients with configuration from provider.getAwsSdkV3Config() instead.';
  return Object.assign(new Error(message), {
    name: 'ServerlessError',
    code: 'AWS_SDK_V2_SURFACE_REMOVED',
  });
}

/** Puts one framework path in place for each test of the calling `describe`. */
export function useFrameworkPath(framework: FrameworkPath): void {
  const original = AwsProvider.prototype.request;
  beforeEach(() => {
    if (framework === 'serverless-v4') {
      AwsProvider.prototype.request = async function request(service, method, params) {
        try {
          return await original.call(this, service, method, params);
        } catch (error) {
          const sdkError = (error as { providerError?: AwsError }).providerError;
          throw sdkError ? asServerlessV4Error(sdkError, service, method) : error;
        }
      };
      return;
    }
    AwsProvider.prototype.request = function request(service, method, params) {
      if (new Error().stack?.includes(PLUGIN_AWS_LAYER)) throw removedSurface();
      return original.call(this, service, method, params);
    };
    AwsProvider.prototype.getAwsSdkV3Config = async function getAwsSdkV3Config() {
      return {
        region: this.getRegion(),
        credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake' },
        maxAttempts: 5,
      };
    };
  });
  afterEach(() => {
    AwsProvider.prototype.request = original;
    delete AwsProvider.prototype.getAwsSdkV3Config;
  });
}
