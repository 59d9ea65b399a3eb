import type * as AWS from 'aws-sdk';
import { IdGenerator } from '../ids';
import { Props } from './provisioners';
import { Template } from './template';

export interface StackResourceState {
  LogicalResourceId: string;
  ResourceType: string;
  PhysicalResourceId: string;
  /** The resolved properties it was last created or updated with. */
  props: Props;
  ResourceStatus: string;
  LastUpdatedTimestamp: Date;
}

/** A resource as CloudFormation describes it (without the fake's bookkeeping). */
export function resourceSummary(
  resource: StackResourceState,
): AWS.CloudFormation.StackResourceSummary {
  return {
    LogicalResourceId: resource.LogicalResourceId,
    PhysicalResourceId: resource.PhysicalResourceId,
    ResourceType: resource.ResourceType,
    ResourceStatus: resource.ResourceStatus,
    LastUpdatedTimestamp: resource.LastUpdatedTimestamp,
  };
}

/** One stack: its template, resources (in creation order), outputs and event history. */
export class StackState {
  status = 'CREATE_IN_PROGRESS';
  readonly creationTime = new Date();
  lastUpdatedTime?: Date;
  deletionTime?: Date;
  resources = new Map<string, StackResourceState>();
  outputs: AWS.CloudFormation.Output[] = [];
  /** Oldest first; describeStackEvents returns them newest first, as AWS does. */
  readonly events: AWS.CloudFormation.StackEvent[] = [];

  constructor(
    readonly StackId: string,
    readonly StackName: string,
    readonly region: string,
    private readonly ids: IdGenerator,
    public template: Template,
    public templateBody: string,
    public parameters: Record<string, string>,
    public tags: AWS.CloudFormation.Tag[],
    public capabilities: string[],
  ) {}

  get deleted(): boolean {
    return this.status === 'DELETE_COMPLETE';
  }

  /** Records a stack-level status change. */
  stackEvent(status: string, reason?: string): void {
    this.status = status;
    this.resourceEvent(this.StackName, 'AWS::CloudFormation::Stack', this.StackId, status, reason);
  }

  resourceEvent(
    logicalId: string,
    type: string,
    physicalId: string,
    status: string,
    reason?: string,
  ): void {
    this.events.push({
      StackId: this.StackId,
      StackName: this.StackName,
      EventId: this.ids.uuid(),
      LogicalResourceId: logicalId,
      PhysicalResourceId: physicalId,
      ResourceType: type,
      ResourceStatus: status,
      ResourceStatusReason: reason,
      Timestamp: new Date(),
    });
  }

  describe(): AWS.CloudFormation.Stack {
    return {
      StackId: this.StackId,
      StackName: this.StackName,
      Description: this.template.Description,
      Parameters: Object.entries(this.parameters).map(([ParameterKey, ParameterValue]) => ({
        ParameterKey,
        ParameterValue,
      })),
      CreationTime: this.creationTime,
      LastUpdatedTime: this.lastUpdatedTime,
      DeletionTime: this.deletionTime,
      StackStatus: this.status,
      Capabilities: this.capabilities,
      Outputs: this.outputs,
      Tags: this.tags,
      DisableRollback: false,
      EnableTerminationProtection: false,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    };
  }
}
