// The real module objects (an `import * as` namespace would be a copy).
// eslint-disable-next-line @typescript-eslint/no-require-imports
import fs = require('fs');
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');

type Target = Record<PropertyKey, unknown>;

/**
 * The process-wide objects a framework version patches while it runs: graceful-fs (1.x-3.x)
 * wraps `fs` functions and streams and `process.cwd`/`process.chdir`, osls wraps Node's
 * module resolver (`Module._resolveFilename`: its `@serverless/utils` aliases, module-alias
 * in 3.x), modules add globals. Each copy of the framework wraps what the previous one left,
 * so that every copy stays reachable (tens of MB per command) and the wrappers pile up.
 */
const TARGETS = [
  fs as unknown as Target,
  process as unknown as Target,
  globalThis as Target,
  Module as unknown as Target,
];

/** Own properties of the patched objects, to be put back as a process exit would. */
export class GlobalPatches {
  private readonly saved = TARGETS.map((target) => ({
    target,
    descriptors: new Map(
      Reflect.ownKeys(target).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)]),
    ),
  }));

  /** Puts back every property that was replaced and removes the ones that were added. */
  undo(): void {
    for (const { target, descriptors } of this.saved) {
      for (const key of Reflect.ownKeys(target)) {
        const before = descriptors.get(key);
        const now = Object.getOwnPropertyDescriptor(target, key);
        if (!now?.configurable || sameDescriptor(before, now)) continue;
        if (before) Object.defineProperty(target, key, before);
        else delete target[key];
      }
    }
  }
}

function sameDescriptor(a?: PropertyDescriptor, b?: PropertyDescriptor): boolean {
  return a?.value === b?.value && a?.get === b?.get && a?.set === b?.set;
}
