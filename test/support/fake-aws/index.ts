import { FakeApiGatewayV2 } from './apigw';
import { AwsCall, ServiceBinding } from './call-context';
import { FakeCloudFormation } from './cloudformation';
import { Dispatcher } from './dispatcher';
import { FaultError, FaultInjector, FaultMatch, ThrottleOptions } from './faults';
import { IdGenerator } from './ids';
import { FakeLambda } from './lambda';
import { NetworkBlock } from './network-block';
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
export {
  FakeApiGatewayV2,
  type ApiDraft,
  type ApiSnapshot,
  type ApiState,
  type DeploymentState,
} from './apigw';
export { FakeLambda, type PolicyStatement } from './lambda';
export { FakeCloudFormation, type StackState, type StackResourceState } from './cloudformation';
export { FakeS3, type S3ObjectState } from './s3';

export interface FakeAwsOptions {
  /** Default 'us-east-1'; only for ARNs the fake makes when the caller's region is unknown. */
  region?: string;
  /** Default '123456789012'. */
  accountId?: string;
  /** Max items per page of every paginated list call (default 25); MaxResults lowers it. */
  pageSize?: number;
  /** Simulated latency per call in ms (default 0). */
  latencyMs?: number;
}

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
  readonly lambda: FakeLambda;
  readonly cloudformation: FakeCloudFormation;
  readonly s3: FakeS3;

  private readonly faults = new FaultInjector();
  private readonly dispatcher: Dispatcher;
  private readonly bindings: ServiceBinding[] = [];
  private readonly v2: SdkV2Front;
  private readonly v3: SdkV3Front;
  private readonly network = new NetworkBlock();
  private installed = false;

  constructor(options: FakeAwsOptions = {}) {
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    const pageSize = options.pageSize ?? 25;
    const ids = new IdGenerator();
    this.apigw = new FakeApiGatewayV2(ids, { accountId, region, pageSize });
    this.lambda = new FakeLambda(ids, { accountId, region });
    this.s3 = new FakeS3(region);
    this.cloudformation = new FakeCloudFormation({
      ids,
      lambda: this.lambda,
      s3: this.s3,
      accountId,
      pageSize,
    });
    this.dispatcher = new Dispatcher({
      calls: this.calls,
      faults: this.faults,
      latencyMs: options.latencyMs ?? 0,
      accountId,
      defaultRegion: region,
    });
    this.v2 = new SdkV2Front(this.dispatcher);
    this.v3 = new SdkV3Front(this.dispatcher);
    for (const binding of [
      this.apigw.binding(),
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

  /** Answers that share of calls with TooManyRequestsException (429); null turns it off. */
  throttle(options: ThrottleOptions | null): void {
    this.faults.throttle(options);
  }
}
