import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  CACHE_DIR,
  FRAMEWORKS,
  frameworkInstall,
  installedVersion,
  parseFramework,
  ROOT,
  baselineOf,
  type Framework,
} from './framework-install';
import {
  formatInstallCheck,
  INSTALL_CHECK_TARGETS,
  installCheckPassed,
  runInstallCheck,
} from './install-check';
import { ensureFramework, installPlugin, packPlugin } from './installer';
import { compareWithBaseline, formatFailures, formatNotes, formatTable, passed } from './report';
import type { VersionResult } from './results';

const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const WORKER = path.join(__dirname, 'worker.ts');
/** A whole release's run; far above the ~2.5 minutes the slowest (1.35) takes. */
const WORKER_TIMEOUT_MS = 10 * 60 * 1000;
/**
 * Keeps each worker's heap in check: every command loads a framework copy, which only goes
 * when the garbage collector runs, and V8 collects late when allowed to grow.
 */
const WORKER_HEAP_MB = 768;

interface Options {
  frameworks: Framework[];
  scenarios: string[];
  jobs: number;
  installCheck: 'run' | 'only' | 'skip';
}

function parseOptions(argv: string[]): Options {
  const value = (name: string) => {
    const index = argv.indexOf(`--${name}`);
    return index === -1 ? undefined : argv[index + 1];
  };
  const list = (name: string) => value(name)?.split(',').filter(Boolean);
  return {
    frameworks: (list('versions') ?? [...FRAMEWORKS]).map(parseFramework),
    scenarios: list('scenarios') ?? [],
    // One worker per core: each is busy most of the time.
    jobs: Number(value('jobs') ?? 2),
    installCheck: installCheckOption(value('install-check')),
  };
}

function installCheckOption(value: string | undefined): Options['installCheck'] {
  if (value === undefined) return 'run';
  if (value === 'only' || value === 'skip') return value;
  throw new Error(`--install-check takes "only" or "skip", not "${value}"`);
}

const elapsed = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one release's worker process; its output goes to a log file in the release's folder. */
function runWorker(framework: Framework, scenarios: string[]): Promise<VersionResult> {
  const install = frameworkInstall(framework);
  const resultFile = path.join(install.projectDir, 'compat-result.json');
  const logFile = path.join(install.projectDir, 'compat-worker.log');
  fs.rmSync(resultFile, { force: true });
  const log = fs.createWriteStream(logFile);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        `--max-old-space-size=${WORKER_HEAP_MB}`,
        RUN_TS,
        WORKER,
        framework.label,
        resultFile,
        ...scenarios,
      ],
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
        framework: framework.label,
        baseline: baselineOf(framework),
        durationMs: Date.now() - started,
        scenarios: [],
        notes: [],
        error: `worker ended (${signal ?? `exit ${code}`}) without results; see ${logFile}`,
      });
    });
  });
}

/** Runs the workers, at most `jobs` at a time, keeping the releases' order in the results. */
async function runWorkers(options: Options): Promise<VersionResult[]> {
  const results: VersionResult[] = new Array(options.frameworks.length);
  let next = 0;
  const lane = async () => {
    while (next < options.frameworks.length) {
      const index = next++;
      results[index] = await runWorker(options.frameworks[index], options.scenarios);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, lane));
  return results;
}

/**
 * Installs the matrix's releases into .cache/compat (reused when present) with the packed
 * plugin next to each. Releases the install check just installed are not installed again.
 */
function installMatrix(frameworks: Framework[], checked: Set<string>): void {
  for (const framework of frameworks) {
    const step = Date.now();
    const install = frameworkInstall(framework);
    if (checked.has(framework.label)) {
      console.log(`${framework.label}: installed by the install check`);
      continue;
    }
    const installed = ensureFramework(install);
    installPlugin(install.projectDir);
    console.log(
      `${framework.label}: ${installed ? 'installed' : 'cached'}, plugin installed (${elapsed(step)})`,
    );
  }
}

/** Runs the install check; returns the releases whose projects it left for the matrix. */
function installCheck(frameworks: Framework[]): { ok: boolean; handedOver: Set<string> } {
  const step = Date.now();
  const handedOver = new Set<string>();
  const results = runInstallCheck(INSTALL_CHECK_TARGETS, (target) => {
    const framework = frameworks.find((candidate) => candidate.label === target);
    if (!framework) return undefined;
    const install = frameworkInstall(framework);
    if (installedVersion(install) === install.version) return undefined;
    handedOver.add(target);
    return install;
  });
  for (const result of results) if (result.problem) handedOver.delete(result.target);
  console.log(`\nInstall check: the packed plugin in a new project next to (${elapsed(step)})\n`);
  console.log(`${formatInstallCheck(results)}\n`);
  return { ok: installCheckPassed(results), handedOver };
}

/**
 * `npm run test:compat`: packs the plugin; the install check (the tarball next to the
 * frameworks users have, see install-check.ts); then installs every framework release into
 * .cache/compat (reused when present) with the tarball next to each, runs the scenarios
 * against each release in its own process, and prints a release x scenario table.
 * Options: --versions 1.38.0,osls@3.77.1 (a bare version is serverless's; default FRAMEWORKS)
 * --scenarios example,mixed  --jobs 2
 * --install-check only|skip (default: run it, then the scenarios).
 */
export async function runCompat(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  const started = Date.now();

  let step = Date.now();
  const tarball = packPlugin();
  console.log(`packed ${path.relative(ROOT, tarball)} (${elapsed(step)})`);
  const check =
    options.installCheck === 'skip'
      ? { ok: true, handedOver: new Set<string>() }
      : installCheck(options.frameworks);
  if (options.installCheck === 'only') return check.ok ? 0 : 1;
  installMatrix(options.frameworks, check.handedOver);

  step = Date.now();
  const results = compareWithBaseline(await runWorkers(options));
  fs.writeFileSync(path.join(CACHE_DIR, 'compat-results.json'), JSON.stringify(results, null, 2));

  console.log(
    `\nServerless Framework compatibility (scenarios ${elapsed(step)}, total ${elapsed(started)})\n`,
  );
  console.log(formatTable(results));
  const notes = formatNotes(results);
  if (notes) console.log(`\nNotes:\n${notes}`);
  const ok = passed(results);
  if (!ok) console.log(`\nFailures:\n${formatFailures(results, true)}`);
  if (!check.ok) console.log('\nThe install check failed (see above).');
  return ok && check.ok ? 0 : 1;
}
