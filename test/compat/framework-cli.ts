import * as fs from 'fs';
import * as path from 'path';
import { applyEnv, frameworkEnv } from '../support/run-serverless';
import { CommandProcess } from './command-process';
import { frameworkBin, type FrameworkInstall } from './framework-install';
import { patchLegacyObjectHash } from './legacy-object-hash';

export interface CliRun {
  argv: string[];
  /** What `sls` would exit with: its `process.exit` code, else `process.exitCode`, else 0. */
  exitCode: number;
  /** Everything `sls` printed (stdout and stderr, in order). */
  output: string;
  durationMs: number;
}

/** A command that neither finished nor failed in time; the process can no longer be trusted. */
export class CliTimeoutError extends Error {}

const COMMAND_TIMEOUT_MS = 180_000;

/** Resolves once the event loop has nothing left to do (the command is over), or times out. */
function commandSettled(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    // Unref'd, so the timer itself does not keep the loop busy.
    timer.unref();
    process.once('beforeExit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Runs `sls <argv>` of one installed framework version inside this process, the way its own
 * executable runs: the version's `bin` script with `process.argv` and the service as the
 * working directory, so the framework parses options, resolves variables, loads plugins from
 * the service's node_modules, validates, prints and reports errors exactly as for a user.
 *
 * Each run loads the framework's modules afresh (as a new `sls` process would) except its
 * aws-sdk, which FakeAws has stubbed. A run is over when the event loop drains: neither the
 * 1.x nor the 2.x/3.x executable exposes a promise for "done". `process.exit` and crashes are
 * turned into the run's exit code (see CommandProcess).
 */
export class FrameworkCli {
  /** Workarounds this version needed (reported with its results). */
  readonly notes = new Set<string>();
  private readonly bin: string;
  private readonly nodeModules: string;

  constructor(
    readonly install: FrameworkInstall,
    private readonly echo = false,
  ) {
    this.bin = frameworkBin(install);
    this.nodeModules = fs.realpathSync(install.nodeModules) + path.sep;
  }

  async run(
    servicePath: string,
    argv: string[],
    env: Record<string, string> = {},
  ): Promise<CliRun> {
    this.forgetFrameworkModules();
    if (patchLegacyObjectHash(this.install.frameworkDir)) {
      this.notes.add('object-hash 1.3.1 given ignoreUnknown to deploy on Node 20');
    }
    // First: it records the process-wide state that the command's end puts back.
    const command = new CommandProcess(this.echo);
    const saved = { cwd: process.cwd(), argv: process.argv };
    const restoreEnv = applyEnv({ ...frameworkEnv(), ...env });
    // 2.x/3.x's executable marks the process's first command in a global; every run is one.
    delete (EvalError as { $serverlessCommandStartTime?: unknown }).$serverlessCommandStartTime;
    process.chdir(servicePath);
    process.argv = [process.execPath, this.bin, ...argv];
    const started = Date.now();
    let settled = true;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(this.bin);
      settled = await commandSettled(COMMAND_TIMEOUT_MS);
    } catch (error) {
      command.crash(error);
    } finally {
      process.argv = saved.argv;
      process.chdir(saved.cwd);
      restoreEnv();
    }
    const { exitCode, output } = command.end();
    if (!settled) throw new CliTimeoutError(`sls ${argv.join(' ')} did not finish:\n${output}`);
    return { argv, exitCode, output, durationMs: Date.now() - started };
  }

  /**
   * Makes the next `require` of the framework (and the plugin) load fresh module instances.
   * Also unlinks the previous instances from the modules that stay (a module keeps every
   * module it required in `children`), so that they can be garbage collected.
   */
  private forgetFrameworkModules(): void {
    const sdk = `${this.nodeModules}aws-sdk${path.sep}`;
    const forget = (file: string) => file.startsWith(this.nodeModules) && !file.startsWith(sdk);
    for (const file of Object.keys(require.cache)) {
      if (forget(file)) delete require.cache[file];
    }
    for (const kept of Object.values(require.cache)) {
      if (kept) kept.children = kept.children.filter((child) => !forget(child.filename));
    }
  }
}
