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
import { DEPLOY_LOCK_STAGE } from '../src/reconcile/deploy-lock';
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
import { AWS_RATE, quotaBoundMs, type BenchProfile } from './settings';
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
  /** The plugin's API Gateway calls, failed ones included, and their lower bound. */
  apiGatewayCalls: number;
  apiGatewayLowerBound: number;
  /** The plugin's calls answered TooManyRequestsException (429). */
  throttled: number;
  /** What the account's quota alone imposes (see settings.quotaBoundMs), and wall / it. */
  quotaBoundMs: number;
  quotaRatio: number;
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
  profile: BenchProfile['id'];
  /** Set for the contention run: the other client's share of the account's rate. */
  otherClientShare?: number;
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

export interface ScenarioOptions {
  /** Only these phases (default all five); each needs the ones before it that it builds on. */
  phases?: PhaseId[];
  /**
   * Another client of the account spends this share of its API Gateway rate while the
   * phases run (the stand-in's otherClientCall, at an even pace).
   */
  otherClientShare?: number;
}

const countApiGateway = (counts: OperationCounts) =>
  Object.entries(counts)
    .filter(([key]) => key.startsWith('ApiGatewayV2.'))
    .reduce((sum, [, n]) => sum + n, 0);

/** Runs the phases of a scenario in a fresh account; `progress` hears about each. */
export async function runScenario(
  scenario: Scenario,
  profile: BenchProfile,
  progress: (message: string) => void,
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  const fake = new FakeAws({
    latencyMs: profile.latencyMs,
    latencyJitterMs: profile.latencyJitterMs,
    rateLimits: profile.rateLimits ? AWS_RATE : undefined,
  });
  const dir = createServiceDir(scenario.spec);
  scenario.prepareAccount?.(fake);
  fake.install();
  const { otherClientShare } = options;
  const otherClient =
    otherClientShare === undefined
      ? undefined
      : setInterval(
          () => fake.otherClientCall(),
          1000 / (otherClientShare * AWS_RATE.ratePerSecond),
        );
  try {
    const changed = applyConfigChange(scenario.spec, scenario.change);
    const summary = summarizeSpec(scenario.spec);
    const phases: PhaseResult[] = [];
    const plans = phasePlans(fake, dir, scenario.spec, changed).filter(
      (plan) => !options.phases || options.phases.includes(plan.phase),
    );
    for (const plan of plans) {
      plan.prepare?.();
      // The account's API count before the command sets how many getApis pages are needed.
      const lowerBoundOperations = plan.lowerBound(fake.apigw.apis().length);
      const run = await runPhase(fake, dir, plan.argv);
      plan.verify();
      const operations = normalized(countCalls(run.pluginCalls));
      const actual = totals(operations);
      const lowerBound = totals(lowerBoundOperations);
      // Taking and giving back the deploy lock changes nothing that is deployed.
      const apiGatewayWrites = run.pluginCalls.filter(
        (call) =>
          call.service === 'ApiGatewayV2' &&
          call.write &&
          (call.params as { StageName?: string }).StageName !== DEPLOY_LOCK_STAGE,
      ).length;
      const apiGatewayLowerBound = countApiGateway(lowerBoundOperations);
      const boundMs = Math.round(quotaBoundMs(apiGatewayLowerBound, profile));
      const wallTarget = wallTargetMs(actual.total, boundMs, profile);
      const throttled = run.pluginCalls.filter(
        (call) => call.error === 'TooManyRequestsException',
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
        apiGatewayCalls: countApiGateway(operations),
        apiGatewayLowerBound,
        throttled,
        quotaBoundMs: boundMs,
        quotaRatio: Math.round((run.pluginWallMs / boundMs) * 100) / 100,
        pluginWallMs: Math.round(run.pluginWallMs),
        wallTargetMs: Math.round(wallTarget),
        commandWallMs: run.commandWallMs,
        commandCalls: run.allCalls,
        warnings: run.warnings,
        targets: evaluateTargets({
          scenarioId: scenario.id,
          profile: profile.id,
          contention: otherClientShare !== undefined,
          throttled,
          quotaBoundMs: boundMs,
          wallTargetMs: wallTarget,
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
        `${profile.id}${otherClientShare === undefined ? '' : ' + other client'}: ${scenario.id}: ${plan.title}: ${actual.total} plugin calls, ${throttled} 429s, ${Math.round(run.pluginWallMs)} ms in the plugin, ${run.commandWallMs} ms in all`,
      );
    }
    return {
      id: scenario.id,
      title: scenario.title,
      profile: profile.id,
      otherClientShare,
      note: scenario.note,
      service: summary,
      phases,
    };
  } finally {
    if (otherClient) clearInterval(otherClient);
    fake.restore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
