import * as fs from 'fs';
import * as path from 'path';
import type { ScenarioResult } from './scenario';
import { FRAMEWORK_REQUEST_CONCURRENCY, LATENCY_MS, PAGE_SIZE } from './settings';

export const RESULTS_FILE = path.resolve(__dirname, 'results', 'latest.json');

/**
 * Writes the results with a fixed key order and no timestamp, so that a committed file
 * changes only where the numbers do.
 */
export function writeResults(scenarios: ScenarioResult[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const framework = (require('serverless/package.json') as { version: string }).version;
  const results = {
    settings: {
      latencyMs: LATENCY_MS,
      pageSize: PAGE_SIZE,
      frameworkRequestConcurrency: FRAMEWORK_REQUEST_CONCURRENCY,
      framework,
      node: process.version,
    },
    scenarios: scenarios.map((scenario) => ({
      id: scenario.id,
      title: scenario.title,
      note: scenario.note ?? null,
      service: scenario.service,
      phases: scenario.phases.map((phase) => ({
        phase: phase.phase,
        title: phase.title,
        calls: phase.actual,
        lowerBound: phase.lowerBound,
        gapPercent: phase.gapPercent,
        apiGatewayWrites: phase.apiGatewayWrites,
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
    })),
  };
  fs.mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  return RESULTS_FILE;
}
