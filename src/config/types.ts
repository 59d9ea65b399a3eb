import type { ProductionConfig, Throttling } from './read-production';

/** The plugin's view of serverless.yml, validated, before any AWS id or ARN is known. */

/** What the framework knows about the service, in plain data (see plugin.ts for where it comes from). */
export interface ServiceDescription {
  service: string;
  stage: string;
  /** The raw `provider` block of serverless.yml. */
  provider: Record<string, unknown>;
  /** Function key -> its configuration as the framework holds it. */
  functions: Record<string, FunctionDefinition>;
  /** What the framework's own validation covers; absent: none (as on 1.35/1.38). */
  frameworkValidation?: FrameworkValidation;
}

/** The framework's serverless.yml validation, as far as the plugin's keys are concerned. */
export interface FrameworkValidation {
  /** `configValidationMode` (the framework's default, `warn`, when not set). */
  mode: 'warn' | 'error' | 'off';
  /** The framework reported unknown `provider` keys itself (a closed provider schema). */
  reportsUnknownProviderKeys: boolean;
}

/** A function of serverless.yml; the framework's own object, so edits reach the framework. */
export interface FunctionDefinition {
  name?: string;
  events?: unknown[];
  environment?: Record<string, unknown>;
  role?: unknown;
}

export interface ApiSettings {
  name: string;
  routeSelectionExpression: string;
}

/** Where an authorizer's Lambda function lives. */
export type AuthorizerFunction =
  { kind: 'service'; functionKey: string } | { kind: 'arn'; arn: string };

export interface AuthorizerConfig {
  /** The authorizer's name in API Gateway. */
  name: string;
  /** Where it is in serverless.yml (function and event), for messages. */
  label: string;
  function: AuthorizerFunction;
  identitySource: string[];
  /**
   * `managedExternally: true` (the framework's name for it): the function's owner grants API
   * Gateway the invoke permission, so the plugin neither adds nor removes it.
   */
  managedExternally: boolean;
}

export interface RouteConfig {
  routeKey: string;
  functionKey: string;
  /** Set for two-way routes; WebSocket APIs accept only `$default`. */
  routeResponseSelectionExpression?: '$default';
  /** Name of the authorizer (only ever on `$connect`). */
  authorizerName?: string;
  /** The event's `throttling`: this route's settings on the stage. */
  throttling?: Throttling;
  /** `authorizer: aws_iam`: SigV4-signed connections (only ever on `$connect`). */
  iamAuthorization?: true;
}

export interface WebsocketConfig extends ApiSettings {
  routes: RouteConfig[];
  authorizers: AuthorizerConfig[];
  production: ProductionConfig;
  /** Things the user should hear about that do not stop the deploy. */
  warnings: string[];
}
