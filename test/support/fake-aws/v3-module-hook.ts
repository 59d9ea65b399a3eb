// The real module object: its loader is what gets wrapped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');
import { SdkV3ClientClass, forgetSdkV3Clients, interceptSdkV3Clients } from './v3-clients';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
type ResolveFilename = (request: string, parent: unknown, isMain: boolean) => string;
const loader = Module as unknown as { _load: Load; _resolveFilename: ResolveFilename };

/** The packages whose `Client` is the base class of SDK v3 clients (newest, then older SDKs). */
const BASE_CLIENT_MODULES = new Set(['@smithy/core/client', '@smithy/smithy-client']);

/**
 * Hooks Node's module loader so that every copy of the SDK v3 base client loaded from now on,
 * by anyone, is intercepted (`interceptSdkV3Clients`): it answers from the installed FakeAws
 * whenever one is. For plain node processes that load other copies of the SDK, such as the
 * compat harness loading a framework's own node_modules. Not for jest, whose module registry
 * does not go through Node's loader (there, the project's copy is intercepted already).
 *
 * A copy loaded again from the same file (a module cache that was cleared) replaces the
 * earlier one, which is released. Returns the function that removes the hook; the copies
 * intercepted so far stay intercepted.
 */
export function interceptSdkV3ClientModules(): () => void {
  const original = loader._load;
  const copies = new Map<string, SdkV3ClientClass>();
  loader._load = function load(request, parent, isMain) {
    const loaded = original.call(this, request, parent, isMain);
    const BaseClient = BASE_CLIENT_MODULES.has(request)
      ? (loaded as { Client?: SdkV3ClientClass }).Client
      : undefined;
    if (BaseClient) {
      const file = loader._resolveFilename(request, parent, isMain);
      const earlier = copies.get(file);
      if (earlier !== BaseClient) {
        if (earlier) forgetSdkV3Clients(earlier);
        copies.set(file, BaseClient);
        interceptSdkV3Clients(BaseClient);
      }
    }
    return loaded;
  };
  return () => {
    loader._load = original;
  };
}
