// The real module object: its resolver is what gets wrapped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');
import * as path from 'path';

type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown,
) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };

const isSdkRequest = (request: string) => request === 'aws-sdk' || request.startsWith('aws-sdk/');

/**
 * Makes every `require('aws-sdk')` in this process load the framework version's own copy.
 *
 * Each installed framework brings its own aws-sdk. FakeAws (and aws-sdk-mock under it) must
 * stub and network-block the very copy the framework calls through, so FakeAws, aws-sdk-mock,
 * the framework and its plugins all get that one copy. Install before FakeAws is loaded.
 */
export function useFrameworkSdk(projectDir: string): void {
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    // Resolved as if required from the project folder (the `paths` option of require.resolve).
    const redirected = isSdkRequest(request) ? { paths: [projectDir] } : options;
    return original.call(this, request, parent, isMain, redirected);
  };
}

/** The folders of every aws-sdk copy loaded so far (one entry point per copy). */
export function loadedSdkCopies(): string[] {
  const marker = `${path.sep}aws-sdk${path.sep}lib${path.sep}aws.js`;
  return Object.keys(require.cache)
    .filter((file) => file.endsWith(marker))
    .map((file) => path.dirname(path.dirname(file)));
}
