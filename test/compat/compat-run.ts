import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  BASELINE_VERSION,
  CACHE_DIR,
  FRAMEWORK_VERSIONS,
  frameworkInstall,
  ROOT,
} from './framework-install';
import { ensureFramework, installPlugin, packPlugin } from './installer';
import { compareWithBaseline, formatFailures, formatNotes, formatTable, passed } from './report';
import type { VersionResult } from './results';

const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const WORKER = path.join(__dirname, 'worker.ts');
/** A whole version's run; far above the ~2.5 minutes the slowest (1.35) takes. */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * Keeps each worker's heap in check: every command loads a framework copy, which only goes
 * when the garbage collector runs, and V8 collects late when allowed to grow.
 */
const WORKER_HEAP_MB = 768;

interface Options {
  versions: string[];
  scenarios: string[];
  jobs: number;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const list = (name: string) => value(name)?.split(',').filter(Boolean);
  return {
    versions: list('versions') ?? [...FRAMEWORK_VERSIONS],
    scenarios: list('scenarios') ?? [],
    // One worker per core: each is busy most of the time.
    jobs: Number(value('jobs') ?? 2),
  };
}

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one version's worker process; its output goes to a log file in the version's folder. */
function runWorker(version: string, scenarios: string[]): Promise<VersionResult> {
  const install = frameworkInstall(version);
  const resultFile = path.join(install.projectDir, 'compat-result.json');
  const logFile = path.join(install.projectDir, 'compat-worker.log');
  fs.rmSync(resultFile, { force: true });
  const log = fs.createWriteStream(logFile);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [`--max-old-space-size=${WORKER_HEAP_MB}`, RUN_TS, WORKER, version, resultFile, ...scenarios],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      log.write(chunk);
    });
    child.stderr.pipe(log);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      log.end();
      if (fs.existsSync(resultFile)) {
        resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')) as VersionResult);
        return;
      }
      resolve({
        version,
        durationMs: Date.now() - started,
        scenarios: [],
        notes: [],
        error: `worker ended (${signal ?? `exit ${code}`}) without results; see ${logFile}`,
      });
    });
  });
}

/** Runs the workers, at most `jobs` at a time, keeping the versions' order in the results. */
async function runWorkers(options: Options): Promise<VersionResult[]> {
  const results: VersionResult[] = new Array(options.versions.length);
  let next = 0;
  const lane = async () => {
    while (next < options.versions.length) {
      const index = next++;
      results[index] = await runWorker(options.versions[index], options.scenarios);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
  return results;
}

/**
 * `npm run test:compat`: installs every framework version into .cache/compat (reused when
 * present), packs the plugin once and installs the tarball next to each, runs the scenarios
 * against each version in its own process, and prints a version x scenario table.
 * Options: --versions 1.38.0,3.40.0  --scenarios example,mixed  --jobs 2.
 */
export async function runCompat(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const started = Date.now();

  for (const version of options.versions) {
    const step = Date.now();
    const installed = ensureFramework(frameworkInstall(version));
    console.log(`serverless@${version}: ${installed ? `installed (${elapsed(step)})` : 'cached'}`);
  }
  let step = Date.now();
  const tarball = packPlugin();
  for (const version of options.versions) installPlugin(frameworkInstall(version));
  console.log(
    `packed ${path.relative(ROOT, tarball)} and installed it next to each version (${elapsed(step)})`,
  );

  step = Date.now();
  const raw = await runWorkers(options);
  const results = compareWithBaseline(raw, BASELINE_VERSION);
  fs.writeFileSync(path.join(CACHE_DIR, 'compat-results.json'), JSON.stringify(results, null, 2));

  console.log(
    `\nServerless Framework compatibility (scenarios ${elapsed(step)}, total ${elapsed(started)}; baseline ${BASELINE_VERSION})\n`,
  );
  console.log(formatTable(results));
  const notes = formatNotes(results);
  if (notes) console.log(`\nNotes:\n${notes}`);
  const ok = passed(results);
  if (!ok) console.log(`\nFailures:\n${formatFailures(results, true)}`);
  return ok ? 0 : 1;
}
