// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { FakeAws } from '../support/fake-aws';
import { addCompatOperations } from './fake-aws-extras';

const TEMPLATE = JSON.stringify({
  Resources: { Bucket: { Type: 'AWS::S3::Bucket' } },
  Outputs: { BucketName: { Value: { Ref: 'Bucket' } } },
});
const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };

let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws();
  addCompatOperations(fake);
  fake.install();
});
afterEach(() => fake.restore());

describe('compat additions to FakeAws: CloudFormation change sets (SDK v3, as osls 4 calls them)', () => {
  const cloudformation = new CloudFormationClient({ region: 'eu-west-1', credentials });
  const changeSet = { StackName: 'svc-dev', ChangeSetName: 'svc-dev-change-set' };

  it('creates the stack when a CREATE change set is executed, in the caller region', async () => {
    await cloudformation.send(
      new CreateChangeSetCommand({ ...changeSet, ChangeSetType: 'CREATE', TemplateBody: TEMPLATE }),
    );
    const described = await cloudformation.send(new DescribeChangeSetCommand(changeSet));
    expect(described).toMatchObject({ Status: 'CREATE_COMPLETE', ExecutionStatus: 'AVAILABLE' });
    await cloudformation.send(new ExecuteChangeSetCommand(changeSet));

    const { Stacks } = await cloudformation.send(
      new DescribeStacksCommand({ StackName: changeSet.StackName }),
    );
    expect(Stacks?.[0]).toMatchObject({
      StackName: 'svc-dev',
      StackStatus: 'CREATE_COMPLETE',
      StackId: expect.stringMatching(
        /^arn:aws:cloudformation:eu-west-1:123456789012:stack\/svc-dev\//,
      ),
    });
    // As in AWS, executing a change set is not a CreateStack call of the caller's.
    expect(fake.calls.map((call) => call.operation)).not.toContain('createStack');
    await expect(
      cloudformation.send(new DescribeChangeSetCommand(changeSet)),
    ).rejects.toMatchObject({
      name: 'ChangeSetNotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('reports an UPDATE change set without changes as failed, as the framework expects', async () => {
    await cloudformation.send(
      new CreateChangeSetCommand({ ...changeSet, ChangeSetType: 'CREATE', TemplateBody: TEMPLATE }),
    );
    await cloudformation.send(new ExecuteChangeSetCommand(changeSet));
    await cloudformation.send(
      new CreateChangeSetCommand({ ...changeSet, ChangeSetType: 'UPDATE', TemplateBody: TEMPLATE }),
    );
    expect(await cloudformation.send(new DescribeChangeSetCommand(changeSet))).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: "The submitted information didn't contain changes.",
    });
  });

  it('refuses a change set on a stack that does not exist, with a v3 error', async () => {
    await expect(
      cloudformation.send(
        new CreateChangeSetCommand({
          ...changeSet,
          ChangeSetType: 'UPDATE',
          TemplateBody: TEMPLATE,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ValidationError', $fault: 'client' });
  });
});

describe('compat additions to FakeAws: ECR (SDK v2, as serverless 2.x/3.x call it)', () => {
  it('has no repositories', async () => {
    const ecr = new AWS.ECR({ region: 'us-east-1' });
    await expect(
      ecr.describeRepositories({ repositoryNames: ['serverless-svc-dev'] }).promise(),
    ).rejects.toMatchObject({ code: 'RepositoryNotFoundException' });
  });
});
