import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';

/**
 * Runs the real Serverless Framework (1.83.3) in-process, e.g. against FakeAws. One run at a
 * time: a run patches process-wide things (env, cwd, stdout) and restores them afterwards.
 */

export interface RunResult {
  /** Everything the framework printed during the run. */
  output: string;
  /** What `init()`/`run()` rejected with (returned, not thrown). */
  error?: Error & { providerError?: unknown };
}

export interface RunOptions {
  servicePath: string;
  /** The command line after `sls`, e.g. ['deploy', '--stage', 'prod']. */
  argv: string[];
  /** Extra environment for the run (applied over the defaults below). */
  env?: Record<string, string>;
  /** Makes `plugins: [serverless-websockets-plugin]` load this module. */
  pluginModulePath?: string;
}

interface ServerlessInstance {
  cliInputArgv: string[];
  isLocallyInstalled: boolean;
  init(): Promise<unknown>;
  run(): Promise<unknown>;
}
type ServerlessConstructor = new (config: { servicePath: string }) => ServerlessInstance;

let running = false;

export async function runServerless(options: RunOptions): Promise<RunResult> {
  if (running)
    throw new Error('runServerless: another run is in progress (runs share the process)');
  running = true;
  try {
    return await runOnce(options);
  } finally {
    running = false;
  }
}

async function runOnce(options: RunOptions): Promise<RunResult> {
  if (options.pluginModulePath) installPluginShim(options.servicePath, options.pluginModulePath);
  const restoreEnv = applyEnv({ ...frameworkEnv(), ...options.env });
  const previousCwd = process.cwd();
  const capture = captureOutput(process.env.SHOW_SLS_OUTPUT === '1');
  let error: RunResult['error'];
  try {
    process.chdir(options.servicePath);
    // Loaded lazily, so requiring this module (from jest or plain node) stays cheap and the
    // framework reads the sandboxed environment when its modules first load.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Serverless = require('serverless') as ServerlessConstructor;
    forgetParsedConfigs();
    const serverless = new Serverless({ servicePath: options.servicePath });
    serverless.cliInputArgv = options.argv;
    // This is the service's local framework: skip the "fall back to a local install" lookup,
    // whose module-not-found detection misreads jest's resolver errors.
    serverless.isLocallyInstalled = true;
    await serverless.init();
    await serverless.run();
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  } finally {
    process.chdir(previousCwd);
    restoreEnv();
  }
  return { output: capture.stop(), error };
}

/**
 * The framework memoizes each service's parsed serverless.yml for the life of the process;
 * tests edit serverless.yml between runs, so each run must read it afresh.
 */
function forgetParsedConfigs(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const configFile = require('serverless/lib/utils/getServerlessConfigFile') as {
      getServerlessConfigFile?: { cache?: { clear?: () => void } };
    };
    configFile.getServerlessConfigFile?.cache?.clear?.();
  } catch {
    // Versions without this module do not memoize.
  }
}

/** Copies a service directory (without its .serverless build dir) into a fresh temp dir. */
export function copyFixture(fixtureDir: string): string {
  const tmpRoot = fs.realpathSync(os.tmpdir());
  const target = fs.mkdtempSync(path.join(tmpRoot, `sls-${path.basename(fixtureDir)}-`));
  fs.cpSync(fixtureDir, target, {
    recursive: true,
    filter: (source) => path.basename(source) !== '.serverless',
  });
  return target;
}

/** `.serverless_plugins/<name>.js` resolves a plugin by name on every framework version. */
function installPluginShim(servicePath: string, pluginModulePath: string): void {
  const dir = path.join(servicePath, '.serverless_plugins');
  fs.mkdirSync(dir, { recursive: true });
  const target = JSON.stringify(path.resolve(pluginModulePath));
  fs.writeFileSync(
    path.join(dir, 'serverless-websockets-plugin.js'),
    `module.exports = require(${target});\n`,
  );
}

/**
 * Environment that keeps the framework off the network, out of the real home directory
 * (config, credentials, caches) and away from prompts, with fake credentials.
 */
export function frameworkEnv(): Record<string, string | undefined> {
  const home = sandboxHome();
  return {
    HOME: home,
    USERPROFILE: home,
    AWS_ACCESS_KEY_ID: 'AKIAFAKEAWSACCESSKEY',
    AWS_SECRET_ACCESS_KEY: 'fake-aws-secret-access-key',
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_DEFAULT_PROFILE: undefined,
    AWS_SDK_LOAD_CONFIG: undefined,
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, '.aws', 'credentials'),
    AWS_CONFIG_FILE: path.join(home, '.aws', 'config'),
    AWS_EC2_METADATA_DISABLED: 'true',
    SERVERLESS_ACCESS_KEY: undefined,
    SERVERLESS_PLATFORM_STAGE: undefined,
    // Stacks complete at once in FakeAws; poll almost immediately.
    SLS_AWS_MONITORING_FREQUENCY: '10',
    SLS_TELEMETRY_DISABLED: '1',
    SLS_TRACKING_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_INTERACTIVE_SETUP_DISABLE: '1',
    // Plain text output, whatever the terminal (read when chalk first loads).
    FORCE_COLOR: '0',
    // aws-sdk v2 prints an end-of-support notice shortly after it loads; keep it out of output.
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
}

let sandboxHomeDir: string | undefined;

/**
 * One home directory per process. The framework's config module fixes its `.serverlessrc`
 * path when first loaded, so every run must see the same home. The rc turns off tracking and
 * the Dashboard plugin (which would otherwise talk to serverless.com).
 */
function sandboxHome(): string {
  if (!sandboxHomeDir) {
    sandboxHomeDir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'sls-home-'));
    const rc = {
      userId: null,
      frameworkId: 'fake-aws-framework-id',
      trackingDisabled: true,
      enterpriseDisabled: true,
      meta: { created_at: 0, updated_at: null },
    };
    fs.writeFileSync(path.join(sandboxHomeDir, '.serverlessrc'), JSON.stringify(rc, null, 2));
  }
  return sandboxHomeDir;
}

/** Sets (or, for undefined, unsets) variables; returns a function that puts them back. */
export function applyEnv(values: Record<string, string | undefined>): () => void {
  const saved = Object.keys(values).map((key) => [key, process.env[key]] as const);
  const assign = (key: string, value: string | undefined) => {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  };
  for (const [key, value] of Object.entries(values)) assign(key, value);
  return () => saved.forEach(([key, value]) => assign(key, value));
}

type Write = typeof process.stdout.write;
type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';
const CONSOLE_METHODS: ConsoleMethod[] = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * Collects what is written to stdout/stderr and the console until `stop()`. The console is
 * patched too because under jest it does not write to process.stdout.
 */
export function captureOutput(echo: boolean): { stop(): string } {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const originalWrites = streams.map((stream) => stream.write);
  const originalConsole = CONSOLE_METHODS.map((method) => console[method]);

  streams.forEach((stream, i) => {
    const original = originalWrites[i];
    stream.write = function write(chunk: unknown, ...rest: unknown[]): boolean {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
      if (echo) return (original as (...args: unknown[]) => boolean).call(stream, chunk, ...rest);
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      if (callback) process.nextTick(callback);
      return true;
    } as Write;
  });
  CONSOLE_METHODS.forEach((method) => {
    console[method] = (...args: unknown[]) => {
      const text = `${format(...args)}\n`;
      chunks.push(text);
      // Echo straight to the stream: the original console may itself write to the (patched)
      // stream, which would record the text twice.
      const stream = method === 'error' || method === 'warn' ? 1 : 0;
      if (echo) originalWrites[stream].call(streams[stream], text);
    };
  });

  return {
    stop() {
      streams.forEach((stream, i) => (stream.write = originalWrites[i]));
      CONSOLE_METHODS.forEach((method, i) => (console[method] = originalConsole[i]));
      return chunks.join('');
    },
  };
}
