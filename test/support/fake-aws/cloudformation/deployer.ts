import type * as AWS from 'aws-sdk';
import { isDeepStrictEqual } from 'util';
import { dnsSuffixOf } from '../arn';
import { IntrinsicEnv, referencedNames, resolveIntrinsics } from './intrinsics';
import { Props, ProvisionContext, provisionerFor } from './provisioners';
import { StackResourceState, StackState } from './stack';
import { Template, TemplateResource, validationError } from './template';

/** Exports of all stacks: name → value. */
export type Exports = Map<string, { value: string; stackId: string }>;

const REPLACEMENT =
  'Requested update requires the creation of a new physical resource; hence creating one.';

/** Resources in dependency order (Ref, Fn::GetAtt, Fn::Sub, DependsOn); a cycle is refused. */
export function deploymentOrder(template: Template): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (logicalId: string): void => {
    if (state.get(logicalId) === 'done') return;
    if (state.get(logicalId) === 'visiting') {
      throw validationError(
        `Circular dependency between resources: [${[...state.keys()].join(', ')}]`,
      );
    }
    state.set(logicalId, 'visiting');
    dependenciesOf(template.Resources[logicalId])
      .filter((name) => name in template.Resources)
      .forEach(visit);
    state.set(logicalId, 'done');
    order.push(logicalId);
  };
  Object.keys(template.Resources).forEach(visit);
  return order;
}

function dependenciesOf(resource: TemplateResource): string[] {
  return [...referencedNames(resource.Properties ?? {}), ...[resource.DependsOn ?? []].flat()];
}

/**
 * Applies a template to a stack at once, the way CloudFormation would end up: resources are
 * created, updated, replaced or deleted, with the events `monitorStack` reads, and outputs
 * are evaluated. Operations complete immediately (no *_IN_PROGRESS state remains).
 */
export class StackDeployer {
  constructor(
    private readonly stack: StackState,
    private readonly ctx: ProvisionContext,
    private readonly exports: Exports,
  ) {}

  deploy(kind: 'CREATE' | 'UPDATE'): void {
    const { stack } = this;
    const previous = stack.resources;
    const next = new Map<string, StackResourceState>();
    const obsolete: StackResourceState[] = [];
    stack.stackEvent(`${kind}_IN_PROGRESS`, 'User Initiated');
    for (const logicalId of deploymentOrder(stack.template)) {
      const resource = stack.template.Resources[logicalId];
      const props = resolveIntrinsics(resource.Properties ?? {}, this.env(next)) as Props;
      next.set(
        logicalId,
        this.provision(logicalId, resource.Type, props, previous.get(logicalId), obsolete),
      );
    }
    stack.resources = next;
    if (kind === 'UPDATE') stack.stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    const removed = [...previous.values()]
      .filter((old) => !next.has(old.LogicalResourceId))
      .reverse();
    // CloudFormation ignores cleanup failures: the stack still completes.
    [...obsolete, ...removed].forEach((old) => this.deleteResource(old));
    this.evaluateOutputs(next);
    if (kind === 'UPDATE') stack.lastUpdatedTime = new Date();
    stack.stackEvent(`${kind}_COMPLETE`);
  }

  /** Deletes every resource, newest first; false (DELETE_FAILED) when one could not go. */
  destroy(): boolean {
    const { stack } = this;
    stack.stackEvent('DELETE_IN_PROGRESS', 'User Initiated');
    const failed = [...stack.resources.values()].reverse().filter((resource) => {
      const deleted = this.deleteResource(resource);
      if (deleted) stack.resources.delete(resource.LogicalResourceId);
      return !deleted;
    });
    if (failed.length > 0) {
      stack.stackEvent(
        'DELETE_FAILED',
        `The following resource(s) failed to delete: [${failed.map((r) => r.LogicalResourceId).join(', ')}]. `,
      );
      return false;
    }
    this.setExports([]);
    stack.deletionTime = new Date();
    stack.stackEvent('DELETE_COMPLETE');
    return true;
  }

  private provision(
    logicalId: string,
    type: string,
    props: Props,
    old: StackResourceState | undefined,
    obsolete: StackResourceState[],
  ): StackResourceState {
    const provisioner = provisionerFor(type);
    const record = (physicalId: string, status: string): StackResourceState => ({
      LogicalResourceId: logicalId,
      ResourceType: type,
      PhysicalResourceId: physicalId,
      props,
      ResourceStatus: status,
      LastUpdatedTimestamp: new Date(),
    });
    const event = (physicalId: string, status: string, reason?: string) =>
      this.stack.resourceEvent(logicalId, type, physicalId, status, reason);

    if (old && old.ResourceType === type && !provisioner.replaces(old.props, props)) {
      if (isDeepStrictEqual(old.props, props)) return old;
      event(old.PhysicalResourceId, 'UPDATE_IN_PROGRESS');
      provisioner.update(old.PhysicalResourceId, props, this.ctx);
      event(old.PhysicalResourceId, 'UPDATE_COMPLETE');
      return record(old.PhysicalResourceId, 'UPDATE_COMPLETE');
    }
    const status = old ? 'UPDATE' : 'CREATE';
    if (old) obsolete.push(old);
    event('', `${status}_IN_PROGRESS`, old ? REPLACEMENT : undefined);
    const physicalId = provisioner.create(logicalId, props, this.ctx);
    event(physicalId, `${status}_COMPLETE`);
    return record(physicalId, `${status}_COMPLETE`);
  }

  private deleteResource(resource: StackResourceState): boolean {
    const { LogicalResourceId: id, ResourceType: type, PhysicalResourceId: physicalId } = resource;
    this.stack.resourceEvent(id, type, physicalId, 'DELETE_IN_PROGRESS');
    const failure = provisionerFor(type).delete(physicalId, resource.props, this.ctx);
    this.stack.resourceEvent(
      id,
      type,
      physicalId,
      failure ? 'DELETE_FAILED' : 'DELETE_COMPLETE',
      failure,
    );
    return failure === undefined;
  }

  private evaluateOutputs(resources: Map<string, StackResourceState>): void {
    const env = this.env(resources);
    const exported: Array<[string, string]> = [];
    this.stack.outputs = Object.entries(this.stack.template.Outputs ?? {}).map(([key, output]) => {
      const value = stringify(resolveIntrinsics(output.Value, env));
      const result: AWS.CloudFormation.Output = {
        OutputKey: key,
        OutputValue: value,
        Description: output.Description,
      };
      if (output.Export) {
        result.ExportName = stringify(resolveIntrinsics(output.Export.Name, env));
        exported.push([result.ExportName, value]);
      }
      return result;
    });
    this.setExports(exported);
  }

  private setExports(exported: Array<[string, string]>): void {
    for (const [name, entry] of this.exports) {
      if (entry.stackId === this.stack.StackId) this.exports.delete(name);
    }
    for (const [name, value] of exported)
      this.exports.set(name, { value, stackId: this.stack.StackId });
  }

  private env(resources: Map<string, StackResourceState>): IntrinsicEnv {
    const { stack, ctx } = this;
    const pseudo: Record<string, unknown> = {
      'AWS::Region': stack.region,
      'AWS::AccountId': ctx.accountId,
      'AWS::Partition': ctx.partition,
      'AWS::URLSuffix': dnsSuffixOf(stack.region),
      'AWS::StackName': stack.StackName,
      'AWS::StackId': stack.StackId,
      'AWS::NotificationARNs': [],
      'AWS::NoValue': undefined,
    };
    return {
      ref: (name) =>
        name in stack.parameters
          ? stack.parameters[name]
          : name in pseudo
            ? pseudo[name]
            : resources.get(name)?.PhysicalResourceId,
      getAtt: (logicalId, attribute) => {
        const resource = resources.get(logicalId);
        if (!resource) return undefined;
        return attribute === 'Arn'
          ? provisionerFor(resource.ResourceType).arn(resource.PhysicalResourceId, ctx)
          : `${resource.PhysicalResourceId}.${attribute}`;
      },
      importValue: (name) => this.exports.get(name)?.value,
      findInMap: (map, top, second) => stack.template.Mappings?.[map]?.[top]?.[second],
    };
  }
}

function stringify(value: unknown): string {
  if (Array.isArray(value)) return value.map(stringify).join(',');
  return value === undefined || value === null
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}
