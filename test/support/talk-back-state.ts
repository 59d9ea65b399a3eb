import type { FakeAws } from './fake-aws';

/** What a deployed service's functions got to talk back: the role's statements, the variable. */

/** The statements of the framework's role as the stack deployed them (intrinsics resolved). */
function deployedRoleStatements(fake: FakeAws, stackName: string): unknown[] {
  const role = fake.cloudformation.stack(stackName)?.resources.get('IamRoleLambdaExecution');
  const policies = (role?.props.Policies ?? []) as { PolicyDocument: { Statement: unknown[] } }[];
  return policies.flatMap((policy) => policy.PolicyDocument.Statement);
}

/** Every resource the deployed framework role may call ManageConnections on. */
export function manageConnectionsResources(fake: FakeAws, stackName: string): string[] {
  return deployedRoleStatements(fake, stackName)
    .map((statement) => statement as { Action: string | string[]; Resource: string | string[] })
    .filter((statement) => [statement.Action].flat().some((a) => a.includes('ManageConnections')))
    .flatMap((statement) => [statement.Resource].flat());
}

/** A function's environment variable as Lambda holds it. */
export function variableOf(
  fake: FakeAws,
  functionName: string,
  name = 'WEBSOCKET_API_ENDPOINT',
): string | undefined {
  return fake.lambda.configuration(functionName).Environment?.Variables?.[name];
}
