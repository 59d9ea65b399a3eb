import type { CallTotals } from './call-counts';
import { FRAMEWORK_REQUEST_CONCURRENCY, LATENCY_MS } from './settings';

/** The targets, and which phase of which scenario each applies to. */

export type PhaseId = 'first-deploy' | 'unchanged' | 'code-change' | 'config-change' | 'remove';

export type TargetId = 'T1' | 'T2-writes' | 'T2-calls' | 'T3';

export const TARGETS: Record<TargetId, string> = {
  T1: 'first deploy: calls <= lower bound + 10%',
  'T2-writes': 'unchanged and code-change redeploys: no API Gateway write',
  'T2-calls':
    'unchanged and code-change redeploys: calls <= 8 + functions in serverless.yml (+ 5 with every production setting on)',
  T3: 'large service: plugin wall ms <= 2 x calls x latency / request concurrency (not on remove: its two calls depend on each other, so their floor, 2 x latency, is the target itself)',
};

export interface TargetCheck {
  id: TargetId;
  description: string;
  actual: number;
  limit: number;
  pass: boolean;
}

export interface PhaseFigures {
  scenarioId: string;
  phase: PhaseId;
  actual: CallTotals;
  lowerBound: CallTotals;
  apiGatewayWrites: number;
  /** Functions declared in serverless.yml. */
  functions: number;
  /** Every production setting on (logs, tags, throttling, custom domain with DNS record). */
  production: boolean;
  pluginWallMs: number;
}

const FIRST_DEPLOY_SLACK = 1.1;
const REDEPLOY_BASE_CALLS = 8;
/**
 * The reads the production settings add to a redeploy: the account's CloudWatch role, the log
 * group, the domain, its mappings and the DNS record.
 */
const PRODUCTION_REDEPLOY_READS = 5;
/** The wall-time target is set for the large service. */
const WALL_TIME_SCENARIO = 'large';
/** See TARGETS.T3: any overhead at all would miss the target there. */
const WALL_TIME_EXEMPT_PHASE: PhaseId = 'remove';

/** 2 x calls x latency / the framework's request concurrency. */
export const wallTargetMs = (calls: number): number =>
  (2 * calls * LATENCY_MS) / FRAMEWORK_REQUEST_CONCURRENCY;

const check = (id: TargetId, actual: number, limit: number): TargetCheck => ({
  id,
  description: TARGETS[id],
  actual,
  limit,
  pass: actual <= limit,
});

export function evaluateTargets(figures: PhaseFigures): TargetCheck[] {
  const { phase, actual } = figures;
  const checks: TargetCheck[] = [];
  if (phase === 'first-deploy') {
    const limit = Math.round(figures.lowerBound.total * FIRST_DEPLOY_SLACK * 10) / 10;
    checks.push(check('T1', actual.total, limit));
  }
  if (phase === 'unchanged' || phase === 'code-change') {
    checks.push(check('T2-writes', figures.apiGatewayWrites, 0));
    const limit =
      REDEPLOY_BASE_CALLS +
      figures.functions +
      (figures.production ? PRODUCTION_REDEPLOY_READS : 0);
    checks.push(check('T2-calls', actual.total, limit));
  }
  if (figures.scenarioId === WALL_TIME_SCENARIO && phase !== WALL_TIME_EXEMPT_PHASE) {
    const limit = Math.round(wallTargetMs(actual.total));
    const wall = Math.round(figures.pluginWallMs);
    checks.push(check('T3', wall, limit));
  }
  return checks;
}
