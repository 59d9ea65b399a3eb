import { FakeApiGatewayV2, type ApiQuotas } from './apigw';
import { FakeApiGatewayAccount } from './apigateway-account';
import { AwsCall, ServiceBinding } from './call-context';
import { FakeCloudFormation } from './cloudformation';
import { Dispatcher } from './dispatcher';
import { FaultError, FaultInjector, FaultMatch, ThrottleOptions } from './faults';
import { IdGenerator } from './ids';
import { FakeLambda } from './lambda';
import { FakeCloudWatchLogs } from './logs';
import { FakeRoute53 } from './route53';
import { NetworkBlock } from './network-block';
import { AccountRateLimits, Clock, RateLimitOptions, realClock } from './rate-limits';
import { FakeS3 } from './s3';
import { SdkV2Front } from './sdk-v2';
import { SdkV3Front } from './sdk-v3';
import { stsBinding } from './sts';
import { startAnsweringSdkV3Clients, stopAnsweringSdkV3Clients } from './v3-clients';

export type { AwsCall, CallContext, Handler, ServiceBinding } from './call-context';
export { interceptSdkV3Clients, forgetSdkV3Clients, type SdkV3ClientClass } from './v3-clients';
export { interceptSdkV3ClientModules } from './v3-module-hook';
export { type AwsError, awsError } from './errors';
export type { FaultError, FaultMatch, ThrottleOptions } from './faults';
export type { Clock, RateLimitOptions } from './rate-limits';
export {
  FakeApiGatewayV2,
  type ApiDraft,
  type ApiSnapshot,
  type ApiQuotas,
  type ApiState,
  type DeploymentState,
  AWS_API_QUOTAS,
} from './apigw';
export { FakeLambda, type PolicyStatement } from './lambda';
export { FakeCloudWatchLogs } from './logs';
export { FakeRoute53 } from './route53';
export { FakeApiGatewayAccount } from './apigateway-account';
export { FakeCloudFormation, type StackState, type StackResourceState } from './cloudformation';
export { FakeS3, type S3ObjectState } from './s3';

export interface FakeAwsOptions {
  /** Default 'us-east-1'; only for ARNs the fake makes when the caller's region is unknown. */
  region?: string;
  /** Default '123456789012'. */
  accountId?: string;
  /** Items per page of a list call that sets no MaxResults (default 25, as AWS). */
  pageSize?: number;
  /**
   * The largest page a list call gets, whatever its MaxResults (default 500: see
   * MAX_PAGE_SIZE). Tests lower it to make every list call page.
   */
  maxPageSize?: number;
  /** Simulated latency per call in ms (default 0). */
  latencyMs?: number;
  /** Random extra latency per call, 0 to this many ms (default 0). */
  latencyJitterMs?: number;
  /**
   * API Gateway's account-level rate limits on management calls (429 over them); `true`
   * for AWS's documented ones. Off by default.
   */
  rateLimits?: RateLimitOptions | true;
  /** Per-API quotas (routes, integrations, authorizers, stages); AWS's where not given. */
  apiQuotas?: Partial<ApiQuotas>;
  /** Milliseconds, for the rate limits (default: performance.now). */
  clock?: Clock;
}

/**
 * The largest page AWS serves. The API Gateway v2 reference documents MaxResults with no
 * maximum ("The maximum number of elements to be returned for this resource"); API Gateway's
 * REST API documents `limit` as "The default value is 25 and the maximum value is 500"
 * (docs.aws.amazon.com/apigateway/latest/api/API_GetRestApis.html). The stand-in serves at
 * most 500 and caps a larger MaxResults rather than refusing it.
 */
export const MAX_PAGE_SIZE = 500;

/** Whether some FakeAws is installed (one at a time). */
let oneInstalled = false;

/**
 * An in-memory AWS account that keeps state and answers the SDK calls of the Serverless
 * Framework and the plugin (ApiGatewayV2, Lambda, STS, CloudFormation, S3), made through
 * SDK v2 (aws-sdk, stubbed with aws-sdk-mock) or SDK v3 (every client's `send`, stubbed on
 * the base class with aws-sdk-client-mock), from the same state and handlers. While
 * installed nothing reaches AWS: v2's real HTTP requests and v3 operations with no fake fail
 * at once, naming the operation.
 *
 * Both SDKs' calls are recorded in `calls` under the v2 names ('ApiGatewayV2', 'createApi'),
 * validated against the v2 API model, and subject to `failNext`, `throttle` and latency.
 * v3 callers get v3 shapes: `$metadata` on outputs, ServiceException errors (`name`,
 * `$fault`, `$metadata`, `$retryable` on throttling, no `code`), SDK streams for S3 bodies.
 * v3 calls skip the SDK's middleware except its retries: the SDK's retry middleware runs with
 * the client's retry strategy and maxAttempts, each attempt a call (`maxAttempts: 1`: none).
 *
 * v3 clients built on another copy of the SDK's base client (a framework's own
 * node_modules) need `interceptSdkV3Clients` or `interceptSdkV3ClientModules`.
 */
export class FakeAws {
  readonly calls: AwsCall[] = [];
  readonly apigw: FakeApiGatewayV2;
  /** API Gateway's account settings (the v1 API), which execution logging depends on. */
  readonly apigwAccount = new FakeApiGatewayAccount();
  readonly logs: FakeCloudWatchLogs;
  readonly route53: FakeRoute53;
  readonly lambda: FakeLambda;
  readonly cloudformation: FakeCloudFormation;
  readonly s3: FakeS3;

  private readonly faults = new FaultInjector();
  private readonly dispatcher: Dispatcher;
  private readonly bindings: ServiceBinding[] = [];
  private readonly v2: SdkV2Front;
  private readonly v3: SdkV3Front;
  private readonly network = new NetworkBlock();
  private readonly rateLimits?: AccountRateLimits;
  private installed = false;

  constructor(options: FakeAwsOptions = {}) {
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    const maxPageSize = options.maxPageSize ?? MAX_PAGE_SIZE;
    const pageSize = Math.min(options.pageSize ?? 25, maxPageSize);
    const ids = new IdGenerator();
    this.apigw = new FakeApiGatewayV2(
      ids,
      { accountId, region, pageSize, maxPageSize, quotas: options.apiQuotas },
      this.apigwAccount,
    );
    this.logs = new FakeCloudWatchLogs({ accountId, region });
    this.route53 = new FakeRoute53(ids);
    this.lambda = new FakeLambda(ids, { accountId, region });
    this.s3 = new FakeS3(region);
    this.cloudformation = new FakeCloudFormation({
      ids,
      lambda: this.lambda,
      s3: this.s3,
      accountId,
      pageSize,
    });
    const { rateLimits } = options;
    this.rateLimits = rateLimits
      ? new AccountRateLimits(rateLimits === true ? {} : rateLimits, options.clock ?? realClock)
      : undefined;
    this.dispatcher = new Dispatcher({
      calls: this.calls,
      faults: this.faults,
      rateLimits: this.rateLimits,
      latencyMs: options.latencyMs ?? 0,
      latencyJitterMs: options.latencyJitterMs ?? 0,
      accountId,
      defaultRegion: region,
    });
    this.v2 = new SdkV2Front(this.dispatcher);
    this.v3 = new SdkV3Front(this.dispatcher);
    for (const binding of [
      this.apigw.binding(),
      this.apigwAccount.binding(),
      this.logs.binding(),
      this.route53.binding(),
      this.lambda.binding(),
      stsBinding(),
      this.cloudformation.binding(),
      this.s3.binding(),
    ]) {
      this.addOperations(binding);
    }
  }

  /**
   * Answers more operations (of a faked service or another one) through both SDKs, like the
   * built-in ones: recorded, validated, faults and latency applied. Stays until the fake is
   * dropped; installed now if the fake is.
   */
  addOperations(binding: ServiceBinding): void {
    this.bindings.push(binding);
    this.dispatcher.bind(binding);
    if (this.installed) this.v2.install([binding]);
  }

  /** Answers every supported operation from this fake and blocks real HTTP. Idempotent. */
  install(): void {
    if (this.installed) return;
    // aws-sdk-mock keeps the first replacement of a method: a second fake would be ignored.
    if (oneInstalled) throw new Error('FakeAws: another instance is installed; restore() it first');
    oneInstalled = true;
    this.v2.install(this.bindings);
    startAnsweringSdkV3Clients(this.v3.answer);
    this.network.install();
    this.installed = true;
  }

  /** Undoes `install`. */
  restore(): void {
    if (!this.installed) return;
    this.v2.restore();
    stopAnsweringSdkV3Clients();
    this.network.restore();
    this.installed = false;
    oneInstalled = false;
  }

  callsTo(service: string): AwsCall[] {
    return this.calls.filter((call) => call.service === service);
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  /** Fails the next matching call once (default: InternalFailure, 500, not retryable). */
  failNext<P = Record<string, unknown>>(match: FaultMatch<P>, error?: FaultError): void {
    this.faults.failNext(match, error);
  }

  /**
   * The next matching call takes effect, then its caller gets `error` instead of the answer
   * (default: ECONNRESET "socket hang up", retryable, no HTTP status), as when the connection
   * drops on the way back: the framework's request layer or the SDK sends it again.
   */
  loseResponseOfNext<P = Record<string, unknown>>(match: FaultMatch<P>, error?: FaultError): void {
    this.faults.loseResponseOfNext(match, error);
  }

  /**
   * One API Gateway management call by another client of the account (not recorded): it
   * draws from the same rate limits. False when AWS would have throttled it.
   */
  otherClientCall(operation = 'getApis'): boolean {
    return !this.rateLimits?.check('ApiGatewayV2', operation);
  }

  /** Answers that share of calls with TooManyRequestsException (429); null turns it off. */
  throttle(options: ThrottleOptions | null): void {
    this.faults.throttle(options);
  }
}
