import type * as AWS from 'aws-sdk';
import { createHash } from 'crypto';
import { omit, pick } from 'lodash';
import { CallContext, OperationTable, ServiceBinding } from './call-context';
import { awsError } from './errors';
import { IdGenerator } from './ids';
import { partitionOf } from './arn';
import { clonePlain } from './objects';

/** A statement of a function's resource policy, as getPolicy returns it. */
export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: { Service: string } | { AWS: string } | '*';
  Action: string;
  Resource: string;
  Condition?: {
    ArnLike?: { 'AWS:SourceArn': string };
    StringEquals?: { 'AWS:SourceAccount': string };
  };
}

export interface FunctionOptions {
  /** Default: the FakeAws region. */
  region?: string;
  /** Default: the FakeAws account; another account's function is reached only by ARN. */
  accountId?: string;
  runtime?: string;
  handler?: string;
  environment?: Record<string, string>;
}

interface FunctionState {
  accountId: string;
  region: string;
  configuration: AWS.Lambda.FunctionConfiguration & { FunctionName: string; FunctionArn: string };
  statements: Map<string, PolicyStatement>;
  revisionId: string;
  lastVersion: number;
}

const notFound = (message = 'The resource you requested does not exist.') =>
  awsError('ResourceNotFoundException', message, 404);

/** `name`, `name:qualifier`, `123456789012:function:name` or a full function ARN. */
const FUNCTION_NAME =
  /^(?:arn:[a-z-]+:lambda:([a-z0-9-]+):)?(?:(\d{12}):)?(?:function:)?([A-Za-z0-9-_]+)(?::([A-Za-z0-9-_$]+))?$/;

/** Where a FunctionName points: region and account when it says, and the name. */
interface FunctionRef {
  region?: string;
  accountId?: string;
  name: string;
}

function parseFunctionName(functionName: string): FunctionRef | undefined {
  const match = FUNCTION_NAME.exec(functionName);
  return match ? { region: match[1], accountId: match[2], name: match[3] } : undefined;
}

/**
 * Lambda's resource policy limit: "Function resource-based policy: 20 KB" (Lambda quotas,
 * docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html), not raisable.
 */
export const POLICY_SIZE_LIMIT_BYTES = 20480;

/**
 * The operations another account may be allowed through the function's resource policy.
 * AddPermission and RemovePermission are not among them: they do not work across accounts
 * whatever the policy says (github.com/awsdocs/aws-lambda-developer-guide/issues/139).
 */
const CROSS_ACCOUNT_GRANTABLE: Record<string, string> = {
  getPolicy: 'lambda:GetPolicy',
  getFunction: 'lambda:GetFunction',
  getFunctionConfiguration: 'lambda:GetFunctionConfiguration',
};

/**
 * The fake Lambda: functions per account and region (created by the fake CloudFormation or by
 * tests) and their resource policies, with the permission rules API Gateway integrations
 * depend on. A client sees its own region's functions only, and another account's function
 * only by ARN and only where that account's policy allows it.
 */
export class FakeLambda {
  private readonly functions = new Map<string, FunctionState>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly options: { accountId: string; region: string },
  ) {}

  /** Creates a function (a no-op when it exists); returns its configuration. */
  addFunction(name: string, options: FunctionOptions = {}): AWS.Lambda.FunctionConfiguration {
    const region = options.region ?? this.options.region;
    const accountId = options.accountId ?? this.options.accountId;
    const key = functionKey(accountId, region, name);
    const existing = this.functions.get(key);
    if (existing) return clonePlain(existing.configuration);
    const arn = `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${name}`;
    const fn: FunctionState = {
      accountId,
      region,
      configuration: {
        FunctionName: name,
        FunctionArn: arn,
        Runtime: options.runtime ?? 'nodejs12.x',
        Handler: options.handler ?? 'handler.handler',
        Version: '$LATEST',
        LastModified: lambdaTimestamp(),
        State: 'Active',
        ...environmentOf(options.environment),
      },
      statements: new Map(),
      revisionId: this.ids.uuid(),
      lastVersion: 0,
    };
    this.functions.set(key, fn);
    return clonePlain(fn.configuration);
  }

  /** The function's configuration as getFunctionConfiguration answers it. */
  configuration(name: string): AWS.Lambda.FunctionConfiguration {
    return clonePlain(this.require(name).configuration);
  }

  /**
   * updateFunctionConfiguration's rules (also the fake CloudFormation's update of a function):
   * Environment, when given, replaces all variables; other keys keep their values.
   */
  updateConfiguration(
    p: AWS.Lambda.UpdateFunctionConfigurationRequest,
  ): AWS.Lambda.FunctionConfiguration {
    const fn = this.require(p.FunctionName);
    checkRevision(fn, p.RevisionId);
    if (p.Environment) checkEnvironment(p.Environment.Variables ?? {});
    const changes = omit(p, 'FunctionName', 'RevisionId', 'Environment');
    fn.configuration = {
      ...omit(fn.configuration, 'Environment'),
      ...(changes as Partial<AWS.Lambda.FunctionConfiguration>),
      ...(p.Environment
        ? environmentOf(p.Environment.Variables)
        : pick(fn.configuration, 'Environment')),
      LastModified: lambdaTimestamp(),
    };
    fn.revisionId = this.ids.uuid();
    return clonePlain(fn.configuration);
  }

  /** Deletes the function with its policy. */
  removeFunction(name: string): boolean {
    const fn = this.find(name);
    return fn ? this.functions.delete(keyOf(fn)) : false;
  }

  hasFunction(name: string): boolean {
    return this.find(name) !== undefined;
  }

  functionNames(): string[] {
    return [...this.functions.values()].map((fn) => fn.configuration.FunctionName);
  }

  functionArn(name: string): string | undefined {
    return this.functions.get(name)?.configuration.FunctionArn;
  }

  /** Publishes the next numbered version; returns its ARN (what AWS::Lambda::Version refers to). */
  publishVersion(name: string): string {
    const fn = this.require(name);
    fn.lastVersion += 1;
    return `${fn.configuration.FunctionArn}:${fn.lastVersion}`;
  }

  /** The function's policy statements (empty when it has none or does not exist). */
  statements(functionName: string): PolicyStatement[] {
    const fn = this.find(functionName);
    return fn ? clonePlain([...fn.statements.values()]) : [];
  }

  /** addPermission's rules; also used by the fake CloudFormation for AWS::Lambda::Permission. */
  addPermission(p: AWS.Lambda.AddPermissionRequest): PolicyStatement {
    const fn = this.require(p.FunctionName);
    checkStatementId(p.StatementId);
    checkRevision(fn, p.RevisionId);
    if (fn.statements.has(p.StatementId)) {
      throw awsError(
        'ResourceConflictException',
        `The statement id (${p.StatementId}) provided already exists. Please provide a new statement id, or remove the existing statement.`,
        409,
      );
    }
    const statement: PolicyStatement = {
      Sid: p.StatementId,
      Effect: 'Allow',
      Principal: this.principalOf(p.Principal),
      Action: p.Action,
      Resource: p.Qualifier
        ? `${fn.configuration.FunctionArn}:${p.Qualifier}`
        : fn.configuration.FunctionArn,
    };
    if (p.SourceArn) statement.Condition = { ArnLike: { 'AWS:SourceArn': p.SourceArn } };
    if (p.SourceAccount) {
      statement.Condition = {
        ...statement.Condition,
        StringEquals: { 'AWS:SourceAccount': p.SourceAccount },
      };
    }
    const size = Buffer.byteLength(policyDocument([...fn.statements.values(), statement]));
    if (size > POLICY_SIZE_LIMIT_BYTES) {
      throw awsError(
        'PolicyLengthExceededException',
        `The final policy size (${size}) is bigger than the limit (${POLICY_SIZE_LIMIT_BYTES}).`,
        400,
      );
    }
    fn.statements.set(p.StatementId, statement);
    fn.revisionId = this.ids.uuid();
    return clonePlain(statement);
  }

  removePermission(p: AWS.Lambda.RemovePermissionRequest): void {
    const fn = this.require(p.FunctionName);
    checkRevision(fn, p.RevisionId);
    if (!fn.statements.delete(p.StatementId)) throw notFound();
    fn.revisionId = this.ids.uuid();
  }

  binding(): ServiceBinding {
    const operations = {
      getFunction: (
        p: AWS.Lambda.GetFunctionRequest,
        ctx: CallContext,
      ): AWS.Lambda.GetFunctionResponse => ({
        Configuration: this.forCaller(p.FunctionName, ctx).configuration,
        Code: { RepositoryType: 'S3', Location: 'https://awslambda.example/fake-code.zip' },
      }),

      getFunctionConfiguration: (
        p: AWS.Lambda.GetFunctionConfigurationRequest,
        ctx: CallContext,
      ): AWS.Lambda.FunctionConfiguration =>
        clonePlain(this.forCaller(p.FunctionName, ctx).configuration),

      updateFunctionConfiguration: (
        p: AWS.Lambda.UpdateFunctionConfigurationRequest,
        ctx: CallContext,
      ): AWS.Lambda.FunctionConfiguration => {
        this.forCaller(p.FunctionName, ctx);
        return this.updateConfiguration(p);
      },

      updateFunctionCode: (
        p: AWS.Lambda.UpdateFunctionCodeRequest,
        ctx: CallContext,
      ): AWS.Lambda.FunctionConfiguration => {
        const fn = this.forCaller(p.FunctionName, ctx);
        const code = p.ZipFile === undefined ? JSON.stringify([p.S3Bucket, p.S3Key]) : p.ZipFile;
        fn.configuration = {
          ...fn.configuration,
          CodeSha256: createHash('sha256')
            .update(code as Buffer | string)
            .digest('base64'),
          LastModified: lambdaTimestamp(),
        };
        fn.revisionId = this.ids.uuid();
        return clonePlain(fn.configuration);
      },

      addPermission: (
        p: AWS.Lambda.AddPermissionRequest,
        ctx: CallContext,
      ): AWS.Lambda.AddPermissionResponse => {
        const fn = this.forCaller(p.FunctionName, ctx);
        return {
          Statement: JSON.stringify(
            this.addPermission({ ...p, FunctionName: fn.configuration.FunctionArn }),
          ),
        };
      },

      removePermission: (
        p: AWS.Lambda.RemovePermissionRequest,
        ctx: CallContext,
      ): Record<string, never> => {
        const fn = this.forCaller(p.FunctionName, ctx);
        this.removePermission({ ...p, FunctionName: fn.configuration.FunctionArn });
        return {};
      },

      getPolicy: (
        p: AWS.Lambda.GetPolicyRequest,
        ctx: CallContext,
      ): AWS.Lambda.GetPolicyResponse => {
        const fn = this.forCaller(p.FunctionName, ctx);
        if (fn.statements.size === 0) throw notFound();
        return { Policy: policyDocument([...fn.statements.values()]), RevisionId: fn.revisionId };
      },
    } satisfies OperationTable<AWS.Lambda>;
    return { service: 'Lambda', operations };
  }

  /**
   * The function a call from `ctx`'s client reaches. A name is looked up in the caller's
   * account and region; an ARN of another region is not reachable from this region's client
   * (Lambda's answer as reported in github.com/serverless/serverless/issues/4711); another
   * account's function answers AccessDeniedException unless its policy allows the operation.
   */
  private forCaller(functionName: string, ctx: CallContext): FunctionState {
    const ref = parseFunctionName(functionName);
    const region = ref?.region ?? ctx.region;
    const accountId = ref?.accountId ?? ctx.accountId;
    if (region !== ctx.region) {
      throw notFound(
        `Functions from '${region}' are not reachable in this region ('${ctx.region}')`,
      );
    }
    const fn = ref && this.functions.get(functionKey(accountId, region, ref.name));
    const arn = `arn:${partitionOf(region)}:lambda:${region}:${accountId}:function:${ref?.name ?? functionName}`;
    if (accountId !== ctx.accountId && !(fn && allowsAccount(fn, ctx.accountId, ctx.operation))) {
      const action = `lambda:${ctx.operation[0].toUpperCase()}${ctx.operation.slice(1)}`;
      throw awsError(
        'AccessDeniedException',
        `User: arn:${ctx.partition}:iam::${ctx.accountId}:user/test is not authorized to perform: ${action} on resource: ${arn} because no resource-based policy allows the ${action} action`,
        403,
      );
    }
    if (!fn) throw notFound(`Function not found: ${arn}`);
    return fn;
  }

  private principalOf(principal: string): PolicyStatement['Principal'] {
    if (principal === '*') return '*';
    if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
    return principal.includes('.') ? { Service: principal } : { AWS: principal };
  }

  /**
   * For tests and the fake CloudFormation: an ARN names one function; a bare name is looked
   * up in the FakeAws account, in its region first, else in the one region that has it.
   */
  private find(functionName: string): FunctionState | undefined {
    const ref = parseFunctionName(functionName);
    if (!ref) return undefined;
    const accountId = ref.accountId ?? this.options.accountId;
    if (ref.region) return this.functions.get(functionKey(accountId, ref.region, ref.name));
    const exact = this.functions.get(functionKey(accountId, this.options.region, ref.name));
    if (exact) return exact;
    const elsewhere = [...this.functions.values()].filter(
      (fn) => fn.accountId === accountId && fn.configuration.FunctionName === ref.name,
    );
    return elsewhere.length === 1 ? elsewhere[0] : undefined;
  }

  private require(functionName: string): FunctionState {
    const fn = this.find(functionName);
    if (fn) return fn;
    const region = this.options.region;
    throw notFound(
      `Function not found: arn:${partitionOf(region)}:lambda:${region}:${this.options.accountId}:function:${functionName}`,
    );
  }
}

const functionKey = (accountId: string, region: string, name: string) =>
  `${accountId}/${region}/${name}`;

const keyOf = (fn: FunctionState) =>
  functionKey(fn.accountId, fn.region, fn.configuration.FunctionName);

function policyDocument(statements: PolicyStatement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements });
}

/** Whether the function's policy lets `accountId` call `operation` on it. */
function allowsAccount(fn: FunctionState, accountId: string, operation: string): boolean {
  const action = CROSS_ACCOUNT_GRANTABLE[operation];
  if (!action) return false;
  return [...fn.statements.values()].some(
    (statement) =>
      typeof statement.Principal === 'object' &&
      'AWS' in statement.Principal &&
      statement.Principal.AWS.endsWith(`::${accountId}:root`) &&
      (statement.Action === action || statement.Action === 'lambda:*'),
  );
}

/** Lambda omits Environment when a function has no variables. */
function environmentOf(
  variables: Record<string, string> | undefined,
): Pick<AWS.Lambda.FunctionConfiguration, 'Environment'> {
  return variables && Object.keys(variables).length > 0
    ? { Environment: { Variables: { ...variables } } }
    : {};
}

/** Lambda's limits on variables: names as in a shell, 4 KB for all names and values together. */
function checkEnvironment(variables: Record<string, string>): void {
  const invalid = Object.keys(variables).find((name) => !/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(name));
  if (invalid !== undefined) {
    throw awsError(
      'InvalidParameterValueException',
      `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys or invalid characters: ${invalid}`,
      400,
    );
  }
  const size = Object.entries(variables).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
    0,
  );
  if (size > 4096) {
    throw awsError(
      'InvalidParameterValueException',
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${size}`,
      400,
    );
  }
}

/** Lambda's timestamp format: 2020-01-01T00:00:00.000+0000. */
function lambdaTimestamp(): string {
  return new Date().toISOString().replace('Z', '+0000');
}

function checkStatementId(statementId: string): void {
  if (!/^[A-Za-z0-9-_.]{1,100}$/.test(statementId)) {
    throw awsError(
      'ValidationException',
      `1 validation error detected: Value '${statementId}' at 'statementId' failed to satisfy constraint: Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)`,
      400,
    );
  }
}

function checkRevision(fn: FunctionState, revisionId: string | undefined): void {
  if (revisionId !== undefined && revisionId !== fn.revisionId) {
    throw awsError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id',
      412,
    );
  }
}
