import type { PolicyStatement } from '../../src/aws/lambda';
import { planPermissions, type ResolvedPermission } from '../../src/reconcile/permission-plan';

const SID = 'websockets-invoke-chat-dev';
const ARN_NOW = 'arn:aws:execute-api:us-east-1:123456789012:api-new/*';
const ARN_BEFORE = 'arn:aws:execute-api:us-east-1:123456789012:api-old/*';

const wanted: ResolvedPermission = {
  functionName: 'chat-dev-connect',
  statementId: SID,
  sourceArn: ARN_NOW,
};

function statement(overrides: Partial<PolicyStatement> = {}): PolicyStatement {
  return {
    Sid: SID,
    Principal: { Service: 'apigateway.amazonaws.com' },
    Condition: { ArnLike: { 'AWS:SourceArn': ARN_NOW } },
    ...overrides,
  };
}

function plan(statements: PolicyStatement[] | undefined) {
  return planPermissions([wanted], statements ? { [wanted.functionName]: statements } : {});
}

describe('planPermissions', () => {
  it.each([
    ['a function without a policy', undefined],
    ['a policy without our statement', [statement({ Sid: 'someone-else' })]],
  ])('adds the permission for %s', (_, statements) => {
    expect(plan(statements)).toEqual({ toAdd: [wanted], toReplace: [] });
  });

  it.each([
    ['another SourceArn', statement({ Condition: { ArnLike: { 'AWS:SourceArn': ARN_BEFORE } } })],
    ['no condition', statement({ Condition: undefined })],
    ['another principal', statement({ Principal: { Service: 'events.amazonaws.com' } })],
  ])('replaces our statement when it grants %s', (_, ours) => {
    expect(plan([ours])).toEqual({ toAdd: [], toReplace: [wanted] });
  });

  it.each([
    ['a service principal object', statement()],
    ['a principal string', statement({ Principal: 'apigateway.amazonaws.com' })],
  ])('does nothing when our statement already grants it, with %s', (_, ours) => {
    expect(plan([statement({ Sid: 'other' }), ours])).toEqual({ toAdd: [], toReplace: [] });
  });

  it('plans each function on its own policy', () => {
    const other: ResolvedPermission = { ...wanted, functionName: 'chat-dev-message' };
    expect(
      planPermissions([wanted, other], {
        [wanted.functionName]: [statement()],
        [other.functionName]: [],
      }),
    ).toEqual({ toAdd: [other], toReplace: [] });
  });
});
