import type * as AWS from 'aws-sdk';
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
      },
      statements: new Map(),
      revisionId: this.ids.uuid(),
      lastVersion: 0,
    };
    this.functions.set(name, fn);
    return clonePlain(fn.configuration);
  }

  /** Marks the function as updated now (its code or configuration changed). */
  touchFunction(name: string): void {
    const fn = this.require(name);
    fn.configuration = { ...fn.configuration, LastModified: lambdaTimestamp() };
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
