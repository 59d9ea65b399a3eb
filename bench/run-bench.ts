import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JOBS, type BenchJob } from './jobs';
import { fullReport, quotaReport } from './report';
import { writeResults } from './results-json';
import type { ScenarioResult } from './scenario';

const RUN_TS = path.resolve(__dirname, '../scripts/run-ts.js');
const RUN_JOB = path.resolve(__dirname, 'run-job.ts');

/** Runs one job in a child process; its progress goes to our stderr. */
function runJob(job: BenchJob, dir: string): Promise<ScenarioResult[]> {
  const resultsFile = path.join(dir, `${job.id}.json`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUN_TS, RUN_JOB, job.id, resultsFile], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as ScenarioResult[]);
      else reject(new Error(`benchmark job ${job.id} exited with ${code}`));
    });
  });
}

/**
 * `npm run bench`: runs every scenario through the real framework against FakeAws, with no
 * rate limits (call counts) and under AWS's rate limits (pacing), in waves of jobs run side
 * by side (jobs.ts); prints the report and writes bench/results/latest.json. A missed target is
 * reported, not an exit code; only a crash (or a phase that did not do its job) fails the run.
 */
async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  try {
    const results = new Map<BenchJob, ScenarioResult[]>();
    for (const wave of [...new Set(JOBS.map((job) => job.wave))].sort()) {
      const jobs = JOBS.filter((job) => job.wave === wave);
      const done = await Promise.all(jobs.map((job) => runJob(job, dir)));
      jobs.forEach((job, index) => results.set(job, done[index]));
    }
    const byProfile = (profile: string) =>
      JOBS.flatMap((job) => (job.profile.id === profile ? (results.get(job) ?? []) : []));
    const unlimited = byProfile('default');
    const quota = byProfile('quota');
    process.stdout.write(`\n${fullReport(unlimited)}\n${quotaReport(quota)}`);
    const file = writeResults({ default: unlimited, quota });
    process.stdout.write(`\nJSON: ${path.relative(process.cwd(), file)}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `benchmark crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
