import * as fs from 'fs';
import { JOBS } from './jobs';
import { runScenario, type ScenarioResult } from './scenario';

/**
 * One job of the benchmark (see jobs.ts): `run-job.ts <job id> <results file>` runs its
 * scenarios one after another and writes their results as JSON.
 */
async function main(): Promise<void> {
  const [jobId, resultsFile] = process.argv.slice(2);
  const job = JOBS.find((candidate) => candidate.id === jobId);
  if (!job || !resultsFile) throw new Error('usage: run-job.ts <job id> <results file>');
  // The framework reads this once, when it first loads: every run has the framework's retries
  // off, so under the quota profile only the plugin's own pacing and back-off keep a deploy
  // going. The default profile has no faults, so retries change nothing there.
  process.env.SLS_AWS_REQUEST_MAX_RETRIES = '0';
  const progress = (message: string) => process.stderr.write(`${message}\n`);
  const results: ScenarioResult[] = [];
  for (const scenario of job.scenarios) {
    results.push(await runScenario(scenario, job.profile, progress, job.options));
  }
  fs.writeFileSync(resultsFile, JSON.stringify(results));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark job crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
