import { captureOutput } from '../support/run-serverless';
import { GlobalPatches } from './global-patches';

type Exit = typeof process.exit;
type Capture = ReturnType<typeof captureOutput>;

const describeError = (error: unknown) =>
  error instanceof Error ? (error.stack ?? error.message) : String(error);

type Listener = (...args: unknown[]) => void;

/** Every process listener, as registered (`once` wrappers included). */
function processListeners(): Map<string | symbol, Listener[]> {
  return new Map(
    process.eventNames().map((event) => [event, process.rawListeners(event) as Listener[]]),
  );
}

/**
 * Stands in for the process boundary of one `sls` command run inside a shared process: what
 * it prints, `process.exit`, and a crash on an uncaught exception.
 *
 * After the command exits (by `process.exit`, or by crashing), whatever it still does is what
 * a real process would never have done: its output is dropped and its errors are ignored.
 * Framework 1.35, for instance, calls `process.exit(1)` after printing an error and, if that
 * returns, goes on into an error reporter that throws.
 */
export class CommandProcess {
  private exitCode?: number;
  private readonly capture: Capture;
  /** Swallows what the command prints after it exited. */
  private sink?: Capture;
  private output?: string;
  private readonly savedExit: Exit = process.exit;
  private readonly listenersBefore = processListeners();
  private readonly globals = new GlobalPatches();

  private readonly onUncaught = (error: unknown): void => {
    if (this.exitCode !== undefined) return;
    // 2.x/3.x handle uncaught exceptions themselves (printing and exiting as they see fit).
    if (process.listenerCount('uncaughtException') > 1) return;
    this.crash(error);
  };

  constructor(echo: boolean) {
    this.capture = captureOutput(echo);
    process.exitCode = 0;
    process.exit = ((code?: number) => this.exit(code)) as Exit;
    process.on('uncaughtException', this.onUncaught);
  }

  /** What Node does with an error nothing handles: print it and exit with 1. */
  crash(error: unknown): void {
    if (this.exitCode !== undefined) return;
    process.stderr.write(`${describeError(error)}\n`);
    this.exit(1);
  }

  /** Ends the stand-in: the command's exit code (as `sls` would exit) and what it printed. */
  end(): { exitCode: number; output: string } {
    process.exit = this.savedExit;
    process.removeListener('uncaughtException', this.onUncaught);
    this.removeListenersAdded();
    this.globals.undo();
    const output = this.output ?? this.capture.stop();
    this.sink?.stop();
    const exitCode = this.exitCode ?? Number(process.exitCode ?? 0);
    process.exitCode = 0;
    return { exitCode, output };
  }

  /**
   * Process listeners the command added (signal, exit and error handlers) would have gone with
   * its process; left in place they would keep every loaded copy of the framework alive.
   */
  private removeListenersAdded(): void {
    for (const [event, listeners] of processListeners()) {
      const before = this.listenersBefore.get(event);
      for (const listener of listeners) {
        if (!before?.includes(listener)) process.removeListener(event, listener);
      }
    }
  }

  private exit(code?: number): void {
    if (this.exitCode !== undefined) return;
    this.exitCode = code ?? Number(process.exitCode ?? 0);
    this.output = this.capture.stop();
    this.sink = captureOutput(false);
  }
}
