import type * as AWS from 'aws-sdk';
import { createHash } from 'crypto';
import { omit, pick } from 'lodash';
import { OperationTable, ServiceBinding } from './call-context';
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
  region?: string;
  runtime?: string;
  handler?: string;
  environment?: Record<string, string>;
}

interface FunctionState {
  configuration: AWS.Lambda.FunctionConfiguration & { FunctionName: string; FunctionArn: string };
  statements: Map<string, PolicyStatement>;
  revisionId: string;
  lastVersion: number;
}

const notFound = (message = 'The resource you requested does not exist.') =>
  awsError('ResourceNotFoundException', message, 404);

/** `name`, `name:qualifier`, `123456789012:function:name` or a full function ARN. */
const FUNCTION_NAME =
  /^(?:arn:[a-z-]+:lambda:[a-z0-9-]+:)?(?:\d{12}:)?(?:function:)?([A-Za-z0-9-_]+)(?::([A-Za-z0-9-_$]+))?$/;

/**
 * The fake Lambda: functions (created by the fake CloudFormation or by tests) and their
 * resource policies, with the permission rules API Gateway integrations depend on.
 */
export class FakeLambda {
  private readonly functions = new Map<string, FunctionState>();

  constructor(
    private readonly ids: IdGenerator,
    private readonly options: { accountId: string; region: string },
  ) {}

  /** Creates a function (a no-op when it exists); returns its configuration. */
  addFunction(name: string, options: FunctionOptions = {}): AWS.Lambda.FunctionConfiguration {
    const existing = this.functions.get(name);
    if (existing) return clonePlain(existing.configuration);
    const region = options.region ?? this.options.region;
    const arn = `arn:${partitionOf(region)}:lambda:${region}:${this.options.accountId}:function:${name}`;
    const fn: FunctionState = {
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
    this.functions.set(name, fn);
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
    return this.functions.delete(name);
  }

  hasFunction(name: string): boolean {
    return this.functions.has(name);
  }

  functionNames(): string[] {
    return [...this.functions.keys()];
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
      getFunction: (p: AWS.Lambda.GetFunctionRequest): AWS.Lambda.GetFunctionResponse => ({
        Configuration: this.require(p.FunctionName).configuration,
        Code: { RepositoryType: 'S3', Location: 'https://awslambda.example/fake-code.zip' },
      }),

      getFunctionConfiguration: (
        p: AWS.Lambda.GetFunctionConfigurationRequest,
      ): AWS.Lambda.FunctionConfiguration => this.configuration(p.FunctionName),

      updateFunctionConfiguration: (
        p: AWS.Lambda.UpdateFunctionConfigurationRequest,
      ): AWS.Lambda.FunctionConfiguration => this.updateConfiguration(p),

      updateFunctionCode: (
        p: AWS.Lambda.UpdateFunctionCodeRequest,
      ): AWS.Lambda.FunctionConfiguration => {
        const fn = this.require(p.FunctionName);
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

      addPermission: (p: AWS.Lambda.AddPermissionRequest): AWS.Lambda.AddPermissionResponse => ({
        Statement: JSON.stringify(this.addPermission(p)),
      }),

      removePermission: (p: AWS.Lambda.RemovePermissionRequest): Record<string, never> => {
        this.removePermission(p);
        return {};
      },

      getPolicy: (p: AWS.Lambda.GetPolicyRequest): AWS.Lambda.GetPolicyResponse => {
        const fn = this.require(p.FunctionName);
        if (fn.statements.size === 0) throw notFound();
        const policy = {
          Version: '2012-10-17',
          Id: 'default',
          Statement: [...fn.statements.values()],
        };
        return { Policy: JSON.stringify(policy), RevisionId: fn.revisionId };
      },
    } satisfies OperationTable<AWS.Lambda>;
    return { service: 'Lambda', operations };
  }

  private principalOf(principal: string): PolicyStatement['Principal'] {
    if (principal === '*') return '*';
    if (/^\d{12}$/.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
    return principal.includes('.') ? { Service: principal } : { AWS: principal };
  }

  private find(functionName: string): FunctionState | undefined {
    const name = FUNCTION_NAME.exec(functionName)?.[1];
    return name === undefined ? undefined : this.functions.get(name);
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
