// The SDK's real module object: clients made here go through FakeAws like the framework's.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import AWSMock from 'aws-sdk-mock';
import { isDeepStrictEqual } from 'util';
import { awsError, type FakeAws } from '../support/fake-aws';
import { loadTemplate } from '../support/fake-aws/cloudformation/template';

type Callback = (error: unknown, data: unknown) => void;
type ChangeSetInput = AWS.CloudFormation.CreateChangeSetInput;

const NO_CHANGES = "The submitted information didn't contain changes.";

/** aws-sdk-mock hands replacements (params, callback); answer asynchronously, as AWS does. */
function handler<P, R>(run: (params: P) => R | Promise<R>) {
  return (params: P, callback: Callback): void => {
    Promise.resolve()
      .then(() => run(params))
      .then(
        (data) => callback(null, data),
        (error: unknown) => callback(error, null),
      );
  };
}

/**
 * What framework 2.x/3.x call beyond FakeAws: CloudFormation change sets (3.x deploys through
 * them by default) and ECR's repository lookup on `sls remove`. Change sets are carried out
 * with FakeAws's own createStack/updateStack, through the SDK, so the stack, its events and
 * its Lambda functions are FakeAws's as with a direct deployment.
 *
 * Install after FakeAws; FakeAws's restore removes the CloudFormation additions, `restore`
 * the ECR one.
 */
export class FakeAwsExtras {
  private readonly changeSets = new Map<string, ChangeSetInput & { hasChanges: boolean }>();

  constructor(private readonly fake: FakeAws) {}

  install(): void {
    AWSMock.mock('CloudFormation', 'createChangeSet', handler(this.createChangeSet));
    AWSMock.mock('CloudFormation', 'describeChangeSet', handler(this.describeChangeSet));
    AWSMock.mock('CloudFormation', 'executeChangeSet', handler(this.executeChangeSet));
    AWSMock.mock('CloudFormation', 'deleteChangeSet', handler(this.deleteChangeSet));
    // No container images in these services: the repository does not exist.
    AWSMock.mock(
      'ECR',
      'describeRepositories',
      handler(() => {
        throw awsError('RepositoryNotFoundException', 'The repository does not exist', 400);
      }),
    );
  }

  restore(): void {
    AWSMock.restore('ECR');
    this.changeSets.clear();
  }

  private readonly createChangeSet = (input: ChangeSetInput) => {
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

  private readonly describeChangeSet = (
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

  private readonly executeChangeSet = async (input: AWS.CloudFormation.ExecuteChangeSetInput) => {
    const changeSet = this.require(input);
    this.changeSets.delete(`${changeSet.StackName}/${changeSet.ChangeSetName}`);
    // No region given: FakeAws answers in the region of the framework's client that made
    // this very call (it remembers the last client's region).
    const cloudformation = new AWS.CloudFormation();
    const { StackName, TemplateBody, TemplateURL, Parameters, Capabilities, Tags } = changeSet;
    const stack = { StackName, TemplateBody, TemplateURL, Parameters, Capabilities, Tags };
    await (changeSet.ChangeSetType === 'CREATE'
      ? cloudformation.createStack(stack).promise()
      : cloudformation.updateStack(stack).promise());
    return {};
  };

  private readonly deleteChangeSet = (input: AWS.CloudFormation.DeleteChangeSetInput) => {
    this.changeSets.delete(`${input.StackName}/${input.ChangeSetName}`);
    return {};
  };

  private require(input: { StackName?: string; ChangeSetName: string }) {
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
