import * as fs from 'fs';
import * as path from 'path';
import type { ScenarioResult } from './scenario';
import {
  AWS_RATE,
  DEFAULT_PROFILE,
  FRAMEWORK_REQUEST_CONCURRENCY,
  PAGE_SIZE,
  QUOTA_PROFILE,
} from './settings';

export const RESULTS_FILE = path.resolve(__dirname, 'results', 'latest.json');

/**
 * Writes the results with a fixed key order and no timestamp, so that a committed file
 * changes only where the numbers do.
 */
export function writeResults(profiles: Record<'default' | 'quota', ScenarioResult[]>): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const framework = (require('serverless/package.json') as { version: string }).version;
  const results = {
    settings: {
      profiles: { default: DEFAULT_PROFILE, quota: QUOTA_PROFILE },
      awsRate: AWS_RATE,
      pageSize: PAGE_SIZE,
      frameworkRequestConcurrency: FRAMEWORK_REQUEST_CONCURRENCY,
      framework,
      node: process.version,
    },
    profiles: Object.fromEntries(
      Object.entries(profiles).map(([profile, scenarios]) => [
        profile,
        scenarios.map(scenarioJson),
      ]),
    ),
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  return RESULTS_FILE;
}

function scenarioJson(scenario: ScenarioResult) {
  return {
    id: scenario.id,
    title: scenario.title,
    otherClientShare: scenario.otherClientShare ?? null,
    note: scenario.note ?? null,
    service: scenario.service,
    phases: scenario.phases.map((phase) => ({
      phase: phase.phase,
      title: phase.title,
      calls: phase.actual,
      lowerBound: phase.lowerBound,
      gapPercent: phase.gapPercent,
      apiGatewayWrites: phase.apiGatewayWrites,
      apiGatewayCalls: phase.apiGatewayCalls,
      apiGatewayLowerBound: phase.apiGatewayLowerBound,
      throttled: phase.throttled,
      quotaBoundMs: phase.quotaBoundMs,
      quotaRatio: phase.quotaRatio,
      pluginWallMs: phase.pluginWallMs,
      wallTargetMs: phase.wallTargetMs,
      commandWallMs: phase.commandWallMs,
      commandCalls: phase.commandCalls,
      operations: phase.operations,
      lowerBoundOperations: phase.lowerBoundOperations,
      errors: phase.errors,
      warnings: phase.warnings.length,
      targets: phase.targets,
    })),
  };
}
