// The SDK's real module object (what aws-sdk-mock patches); `import * as` would copy it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import AWS = require('aws-sdk');
import { FakeAws } from './fake-aws';
import { POLICY_SIZE_LIMIT_BYTES } from './fake-aws/lambda';

/** The stand-in's Lambda per region and account, and its policy size limit. */

const credentials = { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake' };
const lambdaIn = (region: string) => new AWS.Lambda({ region, credentials });
const OWN = '123456789012';
const OTHER = '210987654321';

const grant = (FunctionName: string, StatementId = 'ws') => ({
  FunctionName,
  StatementId,
  Action: 'lambda:InvokeFunction',
  Principal: 'apigateway.amazonaws.com',
  SourceArn: `arn:aws:execute-api:us-east-1:${OWN}:abc/authorizers/*`,
});

let fake: FakeAws;
beforeEach(() => {
  fake = new FakeAws();
  fake.install();
});
afterEach(() => fake.restore());

describe('FakeAws Lambda regions', () => {
  it('shows a client its own region’s functions only', async () => {
    const { FunctionArn } = fake.lambda.addFunction('auth', { region: 'eu-west-1' });
    const arn = FunctionArn as string;
    expect(arn).toBe(`arn:aws:lambda:eu-west-1:${OWN}:function:auth`);

    await expect(
      lambdaIn('us-east-1').addPermission(grant('auth')).promise(),
    ).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(lambdaIn('us-east-1').addPermission(grant(arn)).promise()).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
    });
    expect(fake.lambda.statements(arn)).toEqual([]);

    await lambdaIn('eu-west-1').addPermission(grant(arn)).promise();
    await lambdaIn('eu-west-1').addPermission(grant('auth', 'by-name')).promise();
    expect(fake.lambda.statements(arn).map((statement) => statement.Sid)).toEqual([
      'ws',
      'by-name',
    ]);
  });

  it('keeps same-named functions of two regions apart', async () => {
    fake.lambda.addFunction('auth', { region: 'us-east-1' });
    fake.lambda.addFunction('auth', { region: 'eu-west-1' });
    await lambdaIn('eu-west-1').addPermission(grant('auth')).promise();
    expect(fake.lambda.statements(`arn:aws:lambda:eu-west-1:${OWN}:function:auth`)).toHaveLength(1);
    expect(fake.lambda.statements(`arn:aws:lambda:us-east-1:${OWN}:function:auth`)).toEqual([]);
  });
});

describe('FakeAws Lambda accounts', () => {
  const foreign = `arn:aws:lambda:us-east-1:${OTHER}:function:central-auth`;
  beforeEach(() => fake.lambda.addFunction('central-auth', { accountId: OTHER }));

  it('denies calls on another account’s function its policy does not allow', async () => {
    const client = lambdaIn('us-east-1');
    await expect(client.addPermission(grant(foreign)).promise()).rejects.toMatchObject({
      code: 'AccessDeniedException',
      statusCode: 403,
      message: `User: arn:aws:iam::${OWN}:user/test is not authorized to perform: lambda:AddPermission on resource: ${foreign} because no resource-based policy allows the lambda:AddPermission action`,
    });
    await expect(
      client.removePermission({ FunctionName: foreign, StatementId: 'ws' }).promise(),
    ).rejects.toMatchObject({ code: 'AccessDeniedException' });
    await expect(client.getPolicy({ FunctionName: foreign }).promise()).rejects.toMatchObject({
      code: 'AccessDeniedException',
    });
    // A bare name is looked up in the caller's own account.
    await expect(
      client.getPolicy({ FunctionName: 'central-auth' }).promise(),
    ).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    expect(fake.lambda.statements(foreign)).toEqual([]);
  });

  it('lets the caller read the policy once the owner granted it, but never change it', async () => {
    // The owner allows our account to read the policy.
    fake.lambda.addPermission({
      FunctionName: foreign,
      StatementId: 'let-them-read',
      Action: 'lambda:GetPolicy',
      Principal: OWN,
    });
    const client = lambdaIn('us-east-1');
    const { Policy } = await client.getPolicy({ FunctionName: foreign }).promise();
    expect(JSON.parse(Policy as string).Statement).toHaveLength(1);
    await expect(client.addPermission(grant(foreign)).promise()).rejects.toMatchObject({
      code: 'AccessDeniedException',
    });
  });
});

describe('FakeAws Lambda policy size', () => {
  it('refuses a statement that takes the policy past 20 KB, and keeps the policy as it was', async () => {
    fake.lambda.addFunction('shared');
    const client = lambdaIn('us-east-1');
    let added = 0;
    let refusal: unknown;
    while (!refusal) {
      try {
        await client
          .addPermission(grant('shared', `websockets-authorizer-stage${added}`))
          .promise();
        added += 1;
      } catch (error) {
        refusal = error;
      }
    }
    expect(refusal).toMatchObject({
      code: 'PolicyLengthExceededException',
      message: expect.stringMatching(
        /^The final policy size \(\d+\) is bigger than the limit \(20480\)\.$/,
      ),
    });
    const { Policy } = await client.getPolicy({ FunctionName: 'shared' }).promise();
    expect(Buffer.byteLength(Policy as string)).toBeLessThanOrEqual(POLICY_SIZE_LIMIT_BYTES);
    expect(JSON.parse(Policy as string).Statement).toHaveLength(added);
    expect(added).toBeGreaterThan(50);
  });
});
