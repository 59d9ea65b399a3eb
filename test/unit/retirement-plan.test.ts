import { lambdaInvocationUri } from '../../src/arns';
import type { AuthorizerConfig } from '../../src/config/types';
import {
  authorizerReachProblems,
  planRemovalRevocations,
  planRetirement,
  type Grantor,
} from '../../src/reconcile/permission-plan';

const OWN = '123456789012';
const OTHER = '210987654321';
const arn = (name: string, region = 'us-east-1', account = OWN) =>
  `arn:aws:lambda:${region}:${account}:function:${name}`;
const uri = (functionArn: string) => lambdaInvocationUri(functionArn);
const grantor: Grantor = {
  accountId: OWN,
  invokeStatementId: 'websockets-invoke-chat-dev-1',
  authorizerStatementId: 'websockets-authorizer-chat-dev-1',
};

describe('planRetirement', () => {
  it('takes back the statement of each function the desired API no longer uses that way', () => {
    const stale = {
      integrations: [
        { IntegrationId: 'i1', IntegrationUri: uri(arn('chat-dev-gone')) },
        // A duplicate of a kept integration: the function stays integrated.
        { IntegrationId: 'i2', IntegrationUri: uri(arn('chat-dev-kept')) },
        { IntegrationId: 'i3', IntegrationUri: 'https://example.com/not-lambda' },
      ],
      authorizers: [
        { AuthorizerId: 'a1', Name: 'a1', AuthorizerUri: uri(arn('old-auth', 'eu-west-1')) },
        // Another account: never granted by the plugin.
        { AuthorizerId: 'a2', Name: 'a2', AuthorizerUri: uri(arn('central', 'us-east-1', OTHER)) },
        // Still an authorizer under another name.
        { AuthorizerId: 'a3', Name: 'a3', AuthorizerUri: uri(arn('chat-dev-auth')) },
      ],
    };
    const desired = {
      integrations: [{ uri: uri(arn('chat-dev-kept')) }],
      authorizers: [{ name: 'auth', uri: uri(arn('chat-dev-auth')), identitySource: [] }],
    };

    const retirement = planRetirement(stale, desired, grantor);

    expect(retirement.revocations).toEqual([
      { functionArn: arn('chat-dev-gone'), statementId: grantor.invokeStatementId },
      { functionArn: arn('old-auth', 'eu-west-1'), statementId: grantor.authorizerStatementId },
    ]);
    expect(retirement.integrations).toBe(stale.integrations);
    expect(retirement.authorizers).toBe(stale.authorizers);
  });

  it('on remove takes back only what the stack does not take along', () => {
    const authorizers = [
      { Name: 'auth', AuthorizerUri: uri(arn('chat-dev-auth')) },
      { Name: 'auth', AuthorizerUri: uri(arn('shared', 'eu-west-1')) },
      { Name: 'auth', AuthorizerUri: uri(arn('central', 'us-east-1', OTHER)) },
    ];
    expect(planRemovalRevocations(authorizers, [arn('chat-dev-auth')], grantor)).toEqual([
      { functionArn: arn('shared', 'eu-west-1'), statementId: grantor.authorizerStatementId },
    ]);
  });
});

describe('authorizerReachProblems', () => {
  const authorizer = (functionArn: string, managedExternally = false): AuthorizerConfig => ({
    name: 'gate',
    label: 'function "conn", events[0] (websocket)',
    function: { kind: 'arn', arn: functionArn },
    identitySource: ['route.request.header.Auth'],
    managedExternally,
  });
  const api = { region: 'us-east-1', accountId: OWN };

  it('accepts another region of the partition, and another account when managed externally', () => {
    expect(
      authorizerReachProblems(
        [authorizer(arn('a', 'ap-south-1')), authorizer(arn('b', 'us-east-2', OTHER), true)],
        api,
        'sid',
      ),
    ).toEqual([]);
  });

  it('names the command the owner of a function in another account runs', () => {
    const foreign = arn('central', 'us-east-2', OTHER);
    const [problem] = authorizerReachProblems(
      [authorizer(foreign)],
      { ...api, apiId: 'abc123' },
      'sid',
    );
    expect(problem).toContain(
      `aws lambda add-permission --function-name ${foreign} --statement-id sid --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn arn:aws:execute-api:us-east-1:${OWN}:abc123/authorizers/* --region us-east-2`,
    );
    expect(problem).not.toContain('<apiId>');
  });

  it('refuses another partition', () => {
    const [problem] = authorizerReachProblems(
      [authorizer('arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:a')],
      api,
      'sid',
    );
    expect(problem).toMatch(/is in partition aws-us-gov, the API in aws/);
  });
});
