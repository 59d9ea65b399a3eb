import type * as AWS from 'aws-sdk';
import { isDeepStrictEqual } from 'util';
import { awsError, type CallContext, type FakeAws, type ServiceBinding } from '../support/fake-aws';
import { loadTemplate } from '../support/fake-aws/cloudformation/template';

type ChangeSetInput = AWS.CloudFormation.CreateChangeSetInput;
type ChangeSet = ChangeSetInput & { hasChanges: boolean };

const NO_CHANGES = "The submitted information didn't contain changes.";

/**
 * What the frameworks call beyond FakeAws, answered through FakeAws (both SDKs, recorded,
 * validated): CloudFormation change sets (serverless 3.x and osls deploy through them by
 * default) and ECR's repository lookup on `sls remove` (2.x, 3.x, osls). A change set is
 * carried out by FakeAws's own createStack/updateStack, so the stack, its events and its
 * Lambda functions are FakeAws's as with a direct deployment; as in AWS, executing it makes
 * no CreateStack/UpdateStack call of its own.
 *
 * Add to a fake before `install()`: FakeAws's SDK v2 front reuses clients, and a client made
 * before an operation was added would not answer it.
 */
export function addCompatOperations(fake: FakeAws): void {
  const changeSets = new ChangeSets(fake);
  fake.addOperations(changeSets.binding());
  fake.addOperations({
    service: 'ECR',
    operations: {
      // No container images in these services: the repository does not exist.
      describeRepositories: () => {
        throw awsError('RepositoryNotFoundException', 'The repository does not exist', 400);
      },
    },
  });
}

class ChangeSets {
  private readonly changeSets = new Map<string, ChangeSet>();
  private readonly stackOperations: ServiceBinding['operations'];

  constructor(private readonly fake: FakeAws) {
    this.stackOperations = fake.cloudformation.binding().operations;
  }

  binding(): ServiceBinding {
    return {
      service: 'CloudFormation',
      operations: {
        createChangeSet: this.create,
        describeChangeSet: this.describe,
        executeChangeSet: this.execute,
        deleteChangeSet: this.delete,
      },
    };
  }

  private readonly create = (input: ChangeSetInput) => {
    const key = `${input.StackName}/${input.ChangeSetName}`;
    if (this.changeSets.has(key)) {
      throw awsError(
        'AlreadyExistsException',
        `ChangeSet ${input.ChangeSetName} already exists`,
        400,
      );
    }
    const stack = this.fake.cloudformation.stack(input.StackName);
    if (input.ChangeSetType === 'CREATE' && stack) {
      throw awsError('AlreadyExistsException', `Stack [${input.StackName}] already exists`, 400);
    }
    if (input.ChangeSetType !== 'CREATE' && !stack) {
      throw awsError('ValidationError', `Stack [${input.StackName}] does not exist`, 400);
    }
    const { template } = loadTemplate(input, this.fake.s3);
    const hasChanges =
      !stack ||
      !isDeepStrictEqual(template, stack.template) ||
      (input.Parameters ?? []).some(
        (p) => !p.UsePreviousValue && stack.parameters[p.ParameterKey ?? ''] !== p.ParameterValue,
      ) ||
      (input.Tags !== undefined && !isDeepStrictEqual(input.Tags, stack.tags));
    this.changeSets.set(key, { ...input, hasChanges });
    return { Id: `${key}/changeSet`, StackId: this.stackId(input.StackName) };
  };

  private readonly describe = (
    input: AWS.CloudFormation.DescribeChangeSetInput,
  ): AWS.CloudFormation.DescribeChangeSetOutput => {
    const changeSet = this.require(input);
    return {
      ChangeSetName: changeSet.ChangeSetName,
      StackName: changeSet.StackName,
      StackId: this.stackId(changeSet.StackName),
      ExecutionStatus: changeSet.hasChanges ? 'AVAILABLE' : 'UNAVAILABLE',
      Status: changeSet.hasChanges ? 'CREATE_COMPLETE' : 'FAILED',
      StatusReason: changeSet.hasChanges ? undefined : NO_CHANGES,
      Changes: changeSet.hasChanges ? [{ Type: 'Resource' }] : [],
    };
  };

  private readonly execute = async (
    input: AWS.CloudFormation.ExecuteChangeSetInput,
    ctx: CallContext,
  ) => {
    const changeSet = this.require(input);
    this.changeSets.delete(`${changeSet.StackName}/${changeSet.ChangeSetName}`);
    const { StackName, TemplateBody, TemplateURL, Parameters, Capabilities, Tags } = changeSet;
    const stack = { StackName, TemplateBody, TemplateURL, Parameters, Capabilities, Tags };
    const { createStack, updateStack } = this.stackOperations;
    // In the region of the client that made this call, as the stack's ARN needs.
    await (changeSet.ChangeSetType === 'CREATE' ? createStack : updateStack)(stack as never, ctx);
    return {};
  };

  private readonly delete = (input: AWS.CloudFormation.DeleteChangeSetInput) => {
    this.changeSets.delete(`${input.StackName}/${input.ChangeSetName}`);
    return {};
  };

  private require(input: { StackName?: string; ChangeSetName: string }): ChangeSet {
    const changeSet = this.changeSets.get(`${input.StackName}/${input.ChangeSetName}`);
    if (!changeSet) {
      const message = `ChangeSet [${input.ChangeSetName}] does not exist`;
      throw awsError('ChangeSetNotFoundException', message, 404);
    }
    return changeSet;
  }

  /** A stack that a CREATE change set has not made yet is known by its name. */
  private stackId(stackName: string): string {
    return this.fake.cloudformation.stack(stackName)?.StackId ?? stackName;
  }
}
