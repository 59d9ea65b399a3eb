import type * as AWS from 'aws-sdk';
import { isDeepStrictEqual } from 'util';
import { CallContext, OperationTable, ServiceBinding } from '../call-context';
import { partitionOf } from '../arn';
import { awsError } from '../errors';
import { IdGenerator } from '../ids';
import { FakeLambda } from '../lambda';
import { pageLimit, paginate } from '../pagination';
import { FakeS3 } from '../s3';
import { deploymentOrder, Exports, StackDeployer } from './deployer';
import { resourceSummary, StackState } from './stack';
import { loadTemplate, requiredCapabilities, Template, validationError } from './template';

export type { StackState, StackResourceState } from './stack';

export interface FakeCloudFormationOptions {
  ids: IdGenerator;
  lambda: FakeLambda;
  s3: FakeS3;
  accountId: string;
  pageSize: number;
}

type TemplateParams = { TemplateBody?: string; TemplateURL?: string };

const UPDATABLE_STATUSES = ['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE'];

/**
 * Enough CloudFormation for the framework's deploy, info and remove: stacks whose resources
 * exist in the fake Lambda and S3 (functions by FunctionName, the deployment bucket), outputs
 * with plausible values, and events that let `monitorStack` finish at its first poll.
 */
export class FakeCloudFormation {
  /** Every stack ever created, deleted ones included (AWS still describes those by id). */
  private readonly stacks: StackState[] = [];
  private readonly exports: Exports = new Map();

  constructor(private readonly options: FakeCloudFormationOptions) {}

  /** The live (not deleted) stack of that name. */
  stack(name: string): StackState | undefined {
    return this.stacks.find((stack) => stack.StackName === name && !stack.deleted);
  }

  stackNames(): string[] {
    return this.stacks.filter((stack) => !stack.deleted).map((stack) => stack.StackName);
  }

  binding(): ServiceBinding {
    const operations = {
      createStack: (
        p: AWS.CloudFormation.CreateStackInput,
        ctx: CallContext,
      ): AWS.CloudFormation.CreateStackOutput => {
        if (this.stack(p.StackName))
          throw awsError('AlreadyExistsException', `Stack [${p.StackName}] already exists`, 400);
        const { body, template } = this.prepare(p, p.Capabilities);
        const stack = new StackState(
          `arn:${ctx.partition}:cloudformation:${ctx.region}:${ctx.accountId}:stack/${p.StackName}/${this.options.ids.uuid()}`,
          p.StackName,
          ctx.region,
          this.options.ids,
          template,
          body,
          parameterValues(template, p.Parameters, {}),
          p.Tags ?? [],
          p.Capabilities ?? [],
        );
        this.stacks.push(stack);
        this.deployer(stack).deploy('CREATE');
        return { StackId: stack.StackId };
      },

      updateStack: (
        p: AWS.CloudFormation.UpdateStackInput,
      ): AWS.CloudFormation.UpdateStackOutput => {
        const stack = this.require(p.StackName, `Stack [${p.StackName}] does not exist`);
        if (!UPDATABLE_STATUSES.includes(stack.status)) {
          throw validationError(
            `Stack:${stack.StackId} is in ${stack.status} state and can not be updated.`,
          );
        }
        const { body, template } = p.UsePreviousTemplate
          ? { body: stack.templateBody, template: stack.template }
          : this.prepare(p, p.Capabilities);
        const parameters = parameterValues(template, p.Parameters, stack.parameters);
        const tags = p.Tags ?? stack.tags;
        if (
          isDeepStrictEqual(template, stack.template) &&
          isDeepStrictEqual(parameters, stack.parameters) &&
          isDeepStrictEqual(tags, stack.tags)
        ) {
          throw validationError('No updates are to be performed.');
        }
        Object.assign(stack, {
          template,
          templateBody: body,
          parameters,
          tags,
          capabilities: p.Capabilities ?? [],
        });
        this.deployer(stack).deploy('UPDATE');
        return { StackId: stack.StackId };
      },

      deleteStack: (p: AWS.CloudFormation.DeleteStackInput): Record<string, never> => {
        // Deleting a stack that does not exist succeeds silently, as in AWS.
        const stack = this.find(p.StackName);
        if (stack && !stack.deleted) this.deployer(stack).destroy();
        return {};
      },

      describeStacks: (
        p: AWS.CloudFormation.DescribeStacksInput,
      ): AWS.CloudFormation.DescribeStacksOutput => {
        if (p.StackName === undefined)
          return { Stacks: this.stacks.filter((s) => !s.deleted).map((s) => s.describe()) };
        // The framework recognizes a missing stack by this message.
        return {
          Stacks: [
            this.require(p.StackName, `Stack with id ${p.StackName} does not exist`).describe(),
          ],
        };
      },

      describeStackEvents: (
        p: AWS.CloudFormation.DescribeStackEventsInput,
      ): AWS.CloudFormation.DescribeStackEventsOutput => ({
        StackEvents: [
          ...this.require(p.StackName ?? '', `Stack [${p.StackName}] does not exist`).events,
        ].reverse(),
      }),

      describeStackResource: (
        p: AWS.CloudFormation.DescribeStackResourceInput,
      ): AWS.CloudFormation.DescribeStackResourceOutput => {
        const stack = this.require(p.StackName, `Stack '${p.StackName}' does not exist`);
        const resource = stack.resources.get(p.LogicalResourceId);
        if (!resource)
          throw validationError(
            `Resource ${p.LogicalResourceId} does not exist for stack ${p.StackName}`,
          );
        const { LastUpdatedTimestamp, ...summary } = resourceSummary(resource);
        return {
          StackResourceDetail: {
            ...summary,
            LastUpdatedTimestamp: LastUpdatedTimestamp as Date,
            StackName: stack.StackName,
            StackId: stack.StackId,
          },
        };
      },

      describeStackResources: (
        p: AWS.CloudFormation.DescribeStackResourcesInput,
      ): AWS.CloudFormation.DescribeStackResourcesOutput => {
        const stack = p.StackName
          ? this.require(p.StackName, `Stack with id ${p.StackName} does not exist`)
          : this.stacks.find(
              (s) =>
                !s.deleted &&
                [...s.resources.values()].some(
                  (r) => r.PhysicalResourceId === p.PhysicalResourceId,
                ),
            );
        if (!stack) throw validationError(`Stack for ${p.PhysicalResourceId} does not exist`);
        const resources = [...stack.resources.values()].filter(
          (r) => p.LogicalResourceId === undefined || r.LogicalResourceId === p.LogicalResourceId,
        );
        return {
          StackResources: resources.map((resource) => {
            const { LastUpdatedTimestamp, ...summary } = resourceSummary(resource);
            return {
              ...summary,
              Timestamp: LastUpdatedTimestamp as Date,
              StackName: stack.StackName,
              StackId: stack.StackId,
            };
          }),
        };
      },

      listStackResources: (
        p: AWS.CloudFormation.ListStackResourcesInput,
      ): AWS.CloudFormation.ListStackResourcesOutput => {
        const stack = this.require(p.StackName, `Stack with id ${p.StackName} does not exist`);
        const entries = [...stack.resources.values()].map(
          (resource, index) => [index, resourceSummary(resource)] as const,
        );
        const limit = pageLimit(undefined, this.options.pageSize, validationError);
        const page = paginate(
          entries,
          `resources:${stack.StackId}`,
          { limit, token: p.NextToken },
          validationError,
        );
        return { StackResourceSummaries: page.items, NextToken: page.nextToken };
      },

      validateTemplate: (
        p: AWS.CloudFormation.ValidateTemplateInput,
      ): AWS.CloudFormation.ValidateTemplateOutput => {
        const { template } = this.prepare(p);
        const capabilities = requiredCapabilities(template);
        return {
          Description: template.Description,
          Parameters: Object.entries(template.Parameters ?? {}).map(([key, parameter]) => ({
            ParameterKey: key,
            DefaultValue: parameter.Default === undefined ? undefined : String(parameter.Default),
            Description: parameter.Description,
            NoEcho: false,
          })),
          Capabilities: capabilities,
          CapabilitiesReason: capabilities.length
            ? 'The following resource(s) require capabilities: [AWS::IAM::Role]'
            : undefined,
        };
      },

      getTemplate: (
        p: AWS.CloudFormation.GetTemplateInput,
      ): AWS.CloudFormation.GetTemplateOutput => ({
        TemplateBody: this.require(p.StackName ?? '', `Stack with id ${p.StackName} does not exist`)
          .templateBody,
        StagesAvailable: ['Original', 'Processed'],
      }),
    } satisfies OperationTable<AWS.CloudFormation>;
    return { service: 'CloudFormation', operations };
  }

  /** Loads and checks a template before anything changes (as AWS does before starting). */
  private prepare(
    p: TemplateParams,
    capabilities?: string[],
  ): { body: string; template: Template } {
    const loaded = loadTemplate(p, this.options.s3);
    deploymentOrder(loaded.template);
    const missing = capabilities
      ? requiredCapabilities(loaded.template).filter((c) => !capabilities.includes(c))
      : [];
    if (missing.length > 0) {
      throw awsError(
        'InsufficientCapabilitiesException',
        `Requires capabilities : [${missing.join(', ')}]`,
        400,
      );
    }
    return loaded;
  }

  private deployer(stack: StackState): StackDeployer {
    const { ids, lambda, s3, accountId } = this.options;
    const region = stack.region;
    const ctx = {
      ids,
      lambda,
      s3,
      accountId,
      region,
      partition: partitionOf(region),
      stackName: stack.StackName,
    };
    return new StackDeployer(stack, ctx, this.exports);
  }

  /** By name: the live stack; by stack id (ARN): deleted stacks too. */
  private find(nameOrId: string): StackState | undefined {
    return nameOrId.startsWith('arn:')
      ? this.stacks.find((stack) => stack.StackId === nameOrId)
      : this.stack(nameOrId);
  }

  private require(nameOrId: string, message: string): StackState {
    const stack = this.find(nameOrId);
    if (!stack) throw validationError(message);
    return stack;
  }
}

/** Template defaults overlaid with the given parameters (UsePreviousValue keeps the old one). */
function parameterValues(
  template: Template,
  given: AWS.CloudFormation.Parameters | undefined,
  previous: Record<string, string>,
): Record<string, string> {
  const declared = template.Parameters ?? {};
  const values: Record<string, string> = {};
  for (const [key, parameter] of Object.entries(declared)) {
    if (parameter.Default !== undefined) values[key] = String(parameter.Default);
  }
  for (const parameter of given ?? []) {
    const key = parameter.ParameterKey ?? '';
    if (!(key in declared))
      throw validationError(`Parameters: [${key}] do not exist in the template`);
    const value = parameter.UsePreviousValue ? previous[key] : parameter.ParameterValue;
    if (value !== undefined) values[key] = value;
  }
  const missing = Object.keys(declared).filter((key) => !(key in values));
  if (missing.length > 0)
    throw validationError(`Parameters: [${missing.join(', ')}] must have values`);
  return values;
}
