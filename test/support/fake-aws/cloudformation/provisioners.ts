import { isDeepStrictEqual } from 'util';
import { IdGenerator } from '../ids';
import { FakeLambda } from '../lambda';
import { FakeS3 } from '../s3';

export interface ProvisionContext {
  stackName: string;
  region: string;
  partition: string;
  accountId: string;
  lambda: FakeLambda;
  s3: FakeS3;
  ids: IdGenerator;
}

export type Props = Record<string, unknown>;

/** How one resource type comes into existence, changes and goes away in the fake account. */
export interface Provisioner {
  /** Creates the resource; returns its physical id. */
  create(logicalId: string, props: Props, ctx: ProvisionContext): string;
  /** Whether going from `before` to `after` needs a new physical resource. */
  replaces(before: Props, after: Props): boolean;
  update(physicalId: string, props: Props, ctx: ProvisionContext): void;
  /** Deletes the resource; returns why it could not be deleted, if it could not. */
  delete(physicalId: string, props: Props, ctx: ProvisionContext): string | undefined;
  /** What Fn::GetAtt <resource>.Arn answers. */
  arn(physicalId: string, ctx: ProvisionContext): string;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/** A function's Environment.Variables, as CloudFormation passes them (strings). */
function variablesOf(props: Props): Record<string, string> | undefined {
  const variables = (props.Environment as { Variables?: Record<string, unknown> } | undefined)
    ?.Variables;
  return variables && Object.fromEntries(Object.entries(variables).map(([k, v]) => [k, String(v)]));
}

/** CloudFormation's generated names: <stack>-<LogicalId>-<RANDOM>. */
function generatedName(ctx: ProvisionContext, logicalId: string, maxLength: number): string {
  const suffix = ctx.ids.next(12).toUpperCase();
  return `${ctx.stackName}-${logicalId}`.slice(0, maxLength - 13) + `-${suffix}`;
}

/** A resource named by `nameProperty` (or a generated name), replaced when that name changes. */
function named(
  nameProperty: string | undefined,
  arn: (name: string, ctx: ProvisionContext) => string,
  hooks: Partial<Pick<Provisioner, 'update' | 'delete'>> & {
    created?: (name: string, props: Props, ctx: ProvisionContext) => void;
    maxLength?: number;
    lowercase?: boolean;
  } = {},
): Provisioner {
  return {
    create(logicalId, props, ctx) {
      const generated = generatedName(ctx, logicalId, hooks.maxLength ?? 128);
      const given = nameProperty === undefined ? undefined : text(props[nameProperty]);
      const name = given ?? (hooks.lowercase ? generated.toLowerCase() : generated);
      hooks.created?.(name, props, ctx);
      return name;
    },
    replaces: (before, after) =>
      nameProperty !== undefined && before[nameProperty] !== after[nameProperty],
    update: hooks.update ?? (() => undefined),
    delete: hooks.delete ?? (() => undefined),
    arn,
  };
}

/** An immutable resource: any change replaces it. */
function immutable(
  create: Provisioner['create'],
  remove: Provisioner['delete'] = () => undefined,
): Provisioner {
  return {
    create,
    replaces: (before, after) => !isDeepStrictEqual(before, after),
    update: () => undefined,
    delete: remove,
    arn: (physicalId) => physicalId,
  };
}

const PROVISIONERS: Record<string, Provisioner> = {
  'AWS::Lambda::Function': named(
    'FunctionName',
    (name, ctx) => ctx.lambda.functionArn(name) ?? name,
    {
      maxLength: 64,
      created: (name, props, ctx) =>
        void ctx.lambda.addFunction(name, {
          region: ctx.region,
          runtime: text(props.Runtime),
          handler: text(props.Handler),
          environment: variablesOf(props),
        }),
      update: (name, props, ctx) =>
        void ctx.lambda.updateConfiguration({
          FunctionName: name,
          Environment: { Variables: variablesOf(props) ?? {} },
        }),
      delete: (name, _props, ctx) => void ctx.lambda.removeFunction(name),
    },
  ),

  // Ref of a version is its ARN, `<function arn>:<n>`.
  'AWS::Lambda::Version': immutable((_id, props, ctx) =>
    ctx.lambda.publishVersion(String(props.FunctionName)),
  ),

  'AWS::Lambda::Permission': immutable(
    (logicalId, props, ctx) => {
      const statementId = generatedName(ctx, logicalId, 100);
      ctx.lambda.addPermission({
        FunctionName: String(props.FunctionName),
        StatementId: statementId,
        Action: String(props.Action),
        Principal: String(props.Principal),
        SourceArn: text(props.SourceArn),
        SourceAccount: text(props.SourceAccount),
      });
      return statementId;
    },
    (statementId, props, ctx) => {
      // The function may already be gone (deleted earlier in the same operation).
      if (ctx.lambda.statements(String(props.FunctionName)).some((s) => s.Sid === statementId)) {
        ctx.lambda.removePermission({
          FunctionName: String(props.FunctionName),
          StatementId: statementId,
        });
      }
      return undefined;
    },
  ),

  'AWS::S3::Bucket': named('BucketName', (name, ctx) => `arn:${ctx.partition}:s3:::${name}`, {
    maxLength: 63,
    lowercase: true,
    created: (name, _props, ctx) => ctx.s3.createBucketDirectly(name, ctx.region),
    delete: (name, _props, ctx) =>
      ctx.s3.deleteBucketDirectly(name) || !ctx.s3.hasBucket(name)
        ? undefined
        : 'The bucket you tried to delete is not empty',
  }),

  'AWS::IAM::Role': named(
    'RoleName',
    (name, ctx) => `arn:${ctx.partition}:iam::${ctx.accountId}:role/${name}`,
    {
      maxLength: 64,
    },
  ),

  'AWS::Logs::LogGroup': named(
    'LogGroupName',
    (name, ctx) => `arn:${ctx.partition}:logs:${ctx.region}:${ctx.accountId}:log-group:${name}:*`,
  ),
};

/** Any other type: a generated physical id, no side effects. */
function genericProvisioner(type: string): Provisioner {
  const service = type.split('::')[1]?.toLowerCase() ?? 'unknown';
  return named(
    undefined,
    (name, ctx) => `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.accountId}:${name}`,
  );
}

export function provisionerFor(type: string): Provisioner {
  return PROVISIONERS[type] ?? genericProvisioner(type);
}
