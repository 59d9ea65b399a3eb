import type { PolicyStatement } from '../aws/lambda';

export const API_GATEWAY_PRINCIPAL = 'apigateway.amazonaws.com';

/** A permission with its SourceArn resolved to the API's id. */
export interface ResolvedPermission {
  functionName: string;
  statementId: string;
  sourceArn: string;
}

export interface PermissionPlan {
  toAdd: ResolvedPermission[];
  /** Our statement exists but grants something else (another API id): remove, then add. */
  toReplace: ResolvedPermission[];
}

function grants(statement: PolicyStatement, wanted: ResolvedPermission): boolean {
  const principal =
    typeof statement.Principal === 'string' ? statement.Principal : statement.Principal?.Service;
  return (
    principal === API_GATEWAY_PRINCIPAL &&
    statement.Condition?.ArnLike?.['AWS:SourceArn'] === wanted.sourceArn
  );
}

/** Compares wanted permissions with the functions' current policies. Pure. */
export function planPermissions(
  wanted: ResolvedPermission[],
  statementsByFunction: Record<string, PolicyStatement[]>,
): PermissionPlan {
  const plan: PermissionPlan = { toAdd: [], toReplace: [] };
  for (const permission of wanted) {
    const statements = statementsByFunction[permission.functionName] ?? [];
    const ours = statements.find((statement) => statement.Sid === permission.statementId);
    if (!ours) plan.toAdd.push(permission);
    else if (!grants(ours, permission)) plan.toReplace.push(permission);
  }
  return plan;
}
