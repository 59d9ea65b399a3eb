import * as path from 'path';
import { fullReport } from './report';
import { writeResults } from './results-json';
import type { ScenarioResult } from './scenario';
import { runScenario } from './scenario';
import { SCENARIOS } from './services';

/**
 * `npm run bench`: runs every scenario through the real framework against FakeAws, prints the
 * report and writes bench/results/latest.json. A missed target is reported, not an exit code;
 * only a crash (or a phase that did not do its job) fails the run.
 */
async function main(): Promise<void> {
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS) results.push(await runScenario(scenario, progress));
  process.stdout.write(`\n${fullReport(results)}`);
  const file = writeResults(results);
  process.stdout.write(`\nJSON: ${path.relative(process.cwd(), file)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
