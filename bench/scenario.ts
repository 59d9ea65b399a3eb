import * as fs from 'fs';
import { FakeAws } from '../test/support/fake-aws';
import {
  countCalls,
  countErrors,
  normalized,
  totals,
  type CallTotals,
  type OperationCounts,
} from './call-counts';
import { firstDeployBound, redeployBound, removeBound } from './lower-bound';
import { runPhase } from './run-phase';
import { createServiceDir, writeHandlers, writeServerlessYml } from './service-files';
import {
  apiModel,
  applyConfigChange,
  summarizeSpec,
  type ServiceSpec,
  type SpecSummary,
} from './service-model';
import type { Scenario } from './services';
import { LATENCY_MS, PAGE_SIZE } from './settings';
import { evaluateTargets, wallTargetMs, type PhaseId, type TargetCheck } from './targets';
import { verifyDeployed, verifyRemoved } from './verify';

export interface PhaseResult {
  phase: PhaseId;
  title: string;
  actual: CallTotals;
  lowerBound: CallTotals;
  /** How far above the lower bound, in percent of it. */
  gapPercent: number;
  operations: OperationCounts;
  lowerBoundOperations: OperationCounts;
  /** Failed calls by `Service.operation code` (counted in `operations` too). */
  errors: Record<string, number>;
  apiGatewayWrites: number;
  pluginWallMs: number;
  wallTargetMs: number;
  /** The whole command, the framework's work included; for context only. */
  commandWallMs: number;
  commandCalls: number;
  warnings: string[];
  targets: TargetCheck[];
}

export interface ScenarioResult {
  id: string;
  title: string;
  note?: string;
  service: SpecSummary;
  phases: PhaseResult[];
}

/** One phase: how to get the service there, the command, its lower bound and its check. */
interface PhasePlan {
  phase: PhaseId;
  title: string;
  argv: string[];
  prepare?: () => void;
  lowerBound: (apisInAccount: number) => OperationCounts;
  verify: () => void;
}

function phasePlans(
  fake: FakeAws,
  dir: string,
  spec: ServiceSpec,
  changed: ServiceSpec,
): PhasePlan[] {
  const model = apiModel(spec);
  const changedModel = apiModel(changed);
  return [
    {
      phase: 'first-deploy',
      title: 'first deploy',
      argv: ['deploy'],
      lowerBound: (apis) => firstDeployBound(model, apis),
      verify: () => verifyDeployed(fake, spec),
    },
    {
      phase: 'unchanged',
      title: 'unchanged redeploy',
      argv: ['deploy'],
      lowerBound: (apis) => redeployBound(model, model, apis),
      verify: () => verifyDeployed(fake, spec),
    },
    {
      phase: 'code-change',
      title: 'code change redeploy',
      argv: ['deploy'],
      prepare: () => writeHandlers(dir, spec, 2),
      lowerBound: (apis) => redeployBound(model, model, apis),
      verify: () => verifyDeployed(fake, spec),
    },
    {
      phase: 'config-change',
      title: 'config change redeploy',
      argv: ['deploy'],
      prepare: () => writeServerlessYml(dir, changed),
      lowerBound: (apis) => redeployBound(model, changedModel, apis),
      verify: () => verifyDeployed(fake, changed),
    },
    {
      phase: 'remove',
      title: 'remove',
      argv: ['remove'],
      lowerBound: (apis) => removeBound(model, apis),
      verify: () => verifyRemoved(fake),
    },
  ];
}

const percentAbove = (actual: number, bound: number) =>
  bound === 0 ? 0 : Math.round(((actual - bound) / bound) * 1000) / 10;

/** Runs the five phases of a scenario in a fresh account; `progress` hears about each. */
export async function runScenario(
  scenario: Scenario,
  progress: (message: string) => void,
): Promise<ScenarioResult> {
  const fake = new FakeAws({ latencyMs: LATENCY_MS, pageSize: PAGE_SIZE });
  const dir = createServiceDir(scenario.spec);
  scenario.prepareAccount?.(fake);
  fake.install();
  try {
    const changed = applyConfigChange(scenario.spec, scenario.change);
    const summary = summarizeSpec(scenario.spec);
    const phases: PhaseResult[] = [];
    for (const plan of phasePlans(fake, dir, scenario.spec, changed)) {
      plan.prepare?.();
      // The account's API count before the command sets how many getApis pages are needed.
      const lowerBoundOperations = plan.lowerBound(fake.apigw.apis().length);
      const run = await runPhase(fake, dir, plan.argv);
      plan.verify();
      const operations = normalized(countCalls(run.pluginCalls));
      const actual = totals(operations);
      const lowerBound = totals(lowerBoundOperations);
      const apiGatewayWrites = run.pluginCalls.filter(
        (call) => call.service === 'ApiGatewayV2' && call.write,
      ).length;
      phases.push({
        phase: plan.phase,
        title: plan.title,
        actual,
        lowerBound,
        gapPercent: percentAbove(actual.total, lowerBound.total),
        operations,
        lowerBoundOperations,
        errors: normalized(countErrors(run.pluginCalls)),
        apiGatewayWrites,
        pluginWallMs: Math.round(run.pluginWallMs),
        wallTargetMs: Math.round(wallTargetMs(actual.total)),
        commandWallMs: run.commandWallMs,
        commandCalls: run.allCalls,
        warnings: run.warnings,
        targets: evaluateTargets({
          scenarioId: scenario.id,
          phase: plan.phase,
          actual,
          lowerBound,
          apiGatewayWrites,
          functions: summary.functions,
          production: !!scenario.spec.production,
          pluginWallMs: run.pluginWallMs,
        }),
      });
      progress(
        `${scenario.id}: ${plan.title}: ${actual.total} plugin calls, ${Math.round(run.pluginWallMs)} ms in the plugin, ${run.commandWallMs} ms in all`,
      );
    }
    return {
      id: scenario.id,
      title: scenario.title,
      note: scenario.note,
      service: summary,
      phases,
    };
  } finally {
    fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
