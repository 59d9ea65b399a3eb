/**
 * What `sls websockets plan` shows: one line per write a deploy would make, and a count of them.
 * Pure; each step's plan is turned into changes by its describe function (describe.ts).
 */
export type ChangeAction = 'create' | 'update' | 'delete';

export interface Change {
  action: ChangeAction;
  /** What kind of thing: route, integration, permission, stage, ... */
  kind: string;
  /** Which one: the route key, function name, stage name, ... */
  identity: string;
  /** Create: what it points at; update: what changes. */
  detail?: string;
  /** Said in parentheses, e.g. what the deploy only learns by writing. */
  note?: string;
}

export const create = (kind: string, identity: string, detail?: string, note?: string): Change => ({
  action: 'create',
  kind,
  identity,
  detail,
  note,
});
export const update = (kind: string, identity: string, detail?: string, note?: string): Change => ({
  action: 'update',
  kind,
  identity,
  detail,
  note,
});
export const remove = (kind: string, identity: string, note?: string): Change => ({
  action: 'delete',
  kind,
  identity,
  note,
});

export interface PlanView {
  apiName: string;
  /** Undefined: no API exists yet. */
  apiId?: string;
  stageName: string;
  changes: Change[];
  /** Lines said after the changes, such as what the plan assumed. */
  notes: string[];
}

const SIGN: Record<ChangeAction, string> = { create: '+', update: '~', delete: '-' };

export function renderChange({ action, kind, identity, detail, note }: Change): string {
  const separator = action === 'create' ? ' -> ' : ': ';
  const what = detail && action !== 'delete' ? `${separator}${detail}` : '';
  return `  ${SIGN[action]} ${kind} ${identity}${what}${note ? ` (${note})` : ''}`;
}

export function countChanges(changes: Change[]): Record<ChangeAction, number> {
  const counts: Record<ChangeAction, number> = { create: 0, update: 0, delete: 0 };
  for (const change of changes) counts[change.action] += 1;
  return counts;
}

export function summaryLine(changes: Change[]): string {
  const counts = countChanges(changes);
  return `WebSockets plan: ${counts.create} to create, ${counts.update} to update, ${counts.delete} to delete`;
}

/** The header, a line per change, the notes, and always the summary line last. */
export function renderPlan(view: PlanView): string[] {
  const api = view.apiId ? `${view.apiName} (${view.apiId})` : `${view.apiName} (new)`;
  return [
    `WebSockets: API ${api}, stage ${view.stageName}`,
    ...view.changes.map(renderChange),
    ...view.notes.map((note) => `  ${note}`),
    summaryLine(view.changes),
  ];
}
