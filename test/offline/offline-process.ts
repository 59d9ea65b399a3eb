import { spawn, type ChildProcess } from 'child_process';
import { frameworkBin, type FrameworkInstall } from '../compat/framework-install';
import { closedPort as freePort } from '../support/closed-port';
import { frameworkEnv } from '../support/run-serverless';

/** Bounded waits: a framework start takes a few seconds; far more means it is stuck. */
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 10_000;

/** The ports serverless-offline listens on. */
export interface OfflinePorts {
  http: number;
  websocket: number;
  lambda: number;
}

export async function freeOfflinePorts(): Promise<OfflinePorts> {
  return { http: await freePort(), websocket: await freePort(), lambda: await freePort() };
}

/** The options that put serverless-offline on these ports. */
export const portOptions = (ports: OfflinePorts): string[] => [
  '--httpPort',
  String(ports.http),
  '--websocketPort',
  String(ports.websocket),
  '--lambdaPort',
  String(ports.lambda),
];

/** The environment of a framework child process: the sandbox the in-process runs use. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries({ ...frameworkEnv(), ...extra })) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Both serverless-offline 8 and 13 print this once the WebSocket port accepts connections. */
const READY_LINE = /Offline \[http for websocket\] listening on/;

/**
 * `sls <argv>` of an installed framework, as a child process in its own process group (so that
 * stopping it also stops whatever it started), with everything it prints collected.
 */
export class FrameworkProcess {
  private text = '';
  private readonly exited: Promise<number | null>;

  private constructor(
    private readonly child: ChildProcess,
    echo: boolean,
  ) {
    const collect = (chunk: Buffer) => {
      this.text += chunk.toString();
      if (echo) process.stdout.write(chunk);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  }

  static start(
    install: FrameworkInstall,
    servicePath: string,
    argv: string[],
    env: NodeJS.ProcessEnv,
    { echo = false } = {},
  ): FrameworkProcess {
    const child = spawn(process.execPath, [frameworkBin(install), ...argv], {
      cwd: servicePath,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new FrameworkProcess(child, echo);
  }

  /** Everything printed so far (stdout and stderr). */
  get output(): string {
    return this.text;
  }

  /** Resolves with the exit code; rejects when the command runs longer than `timeoutMs`, if given. */
  async finished(timeoutMs?: number): Promise<number | null> {
    if (timeoutMs === undefined) return this.exited;
    const code = await Promise.race([this.exited, delay(timeoutMs).then(() => 'timeout' as const)]);
    if (code === 'timeout') throw new Error(`still running after ${timeoutMs} ms:\n${this.text}`);
    return code;
  }

  /** Waits until serverless-offline serves WebSockets; fails if the process ends first. */
  async ready(): Promise<void> {
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    await waitFor(
      () => {
        if (exitCode !== undefined)
          throw new Error(`exited (${exitCode}) before ready:\n${this.text}`);
        return READY_LINE.test(this.text) || undefined;
      },
      READY_TIMEOUT_MS,
      () => `serverless-offline ready; printed:\n${this.text}`,
    );
  }

  /**
   * Stops the process group: SIGTERM (serverless-offline halts on it), then SIGKILL for
   * whatever is left in the group, even when the framework itself has exited.
   */
  async stop(): Promise<void> {
    const { pid } = this.child;
    if (pid === undefined) return;
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal);
      } catch {
        // The group is gone already.
      }
    };
    if (this.child.exitCode === null && this.child.signalCode === null) {
      signalGroup('SIGTERM');
      await Promise.race([this.exited, delay(STOP_TIMEOUT_MS)]);
    }
    signalGroup('SIGKILL');
    await this.exited;
  }
}

/** A pause that does not by itself keep the process alive. */
export const delay = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Polls `find` until it returns something other than undefined, and returns that; throws after
 * `timeoutMs` with `describe()` (what was there instead).
 */
export async function waitFor<T>(
  find: () => T | undefined,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${describe()}`);
    await delay(50);
  }
}
