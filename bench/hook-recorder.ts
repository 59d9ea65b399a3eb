import { performance } from 'perf_hooks';

/**
 * Records when each of the plugin's hooks ran and which AWS calls it made. The framework runs
 * hooks one after another, so every call recorded between a hook's start and end is the
 * plugin's: the index range of FakeAws's call log at those two moments.
 */
export interface HookWindow {
  event: string;
  startMs: number;
  endMs: number;
  /** Index into the call log of the first call made during the hook. */
  firstCall: number;
  /** Index just past the last one. */
  endCall: number;
}

type Hook = (...args: unknown[]) => unknown;

class HookRecorder {
  private callCount: (() => number) | undefined;
  private windows: HookWindow[] = [];

  /** Starts recording; `callCount` tells how many calls the log holds now. */
  start(callCount: () => number): void {
    this.callCount = callCount;
    this.windows = [];
  }

  stop(): HookWindow[] {
    this.callCount = undefined;
    return this.windows;
  }

  /** Replaces every hook with one that records its window around the original. */
  wrap(hooks: Record<string, Hook>): void {
    for (const [event, hook] of Object.entries(hooks)) {
      hooks[event] = (...args) => this.time(event, () => hook(...args));
    }
  }

  private async time(event: string, hook: () => unknown): Promise<unknown> {
    const count = this.callCount;
    if (!count) return hook();
    const firstCall = count();
    const startMs = performance.now();
    try {
      return await hook();
    } finally {
      this.windows.push({ event, startMs, endMs: performance.now(), firstCall, endCall: count() });
    }
  }
}

/** One per process: the runner and the plugin shim the framework loads share this module. */
export const hookRecorder = new HookRecorder();
