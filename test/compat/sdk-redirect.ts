// The real module object: its resolver is what gets wrapped.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import Module = require('module');
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './framework-install';

type ResolveFilename = (
  request: string,
  parent: unknown,
  isMain: boolean,
  options?: unknown,
) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };

const isSdkRequest = (request: string) => request === 'aws-sdk' || request.startsWith('aws-sdk/');

/**
 * The folder `aws-sdk` (v2) is resolved from: the framework's project, whose framework brings
 * its copy (serverless 1.x-3.x, osls 3), or, when the framework has none (osls 4 is SDK v3
 * only), this project, whose devDependency FakeAws then stubs.
 */
export function sdkProjectDir(projectDir: string): string {
  const own = path.join(projectDir, 'node_modules', 'aws-sdk', 'package.json');
  return fs.existsSync(own) ? projectDir : ROOT;
}

/** The folder of the aws-sdk copy that every `require('aws-sdk')` loads (see useFrameworkSdk). */
export function expectedSdkDir(projectDir: string): string {
  const manifest = require.resolve('aws-sdk/package.json', { paths: [sdkProjectDir(projectDir)] });
  return fs.realpathSync(path.dirname(manifest));
}

/**
 * Makes every `require('aws-sdk')` in this process load one copy: the framework release's own
 * (see sdkProjectDir).
 *
 * Each installed framework brings its own aws-sdk. FakeAws (and aws-sdk-mock under it) must
 * stub and network-block the very copy the framework calls through, so FakeAws, aws-sdk-mock,
 * the framework and its plugins all get that one copy. Install before FakeAws is loaded.
 */
export function useFrameworkSdk(projectDir: string): void {
  const from = sdkProjectDir(projectDir);
  const original = loader._resolveFilename;
  loader._resolveFilename = function resolveFilename(request, parent, isMain, options) {
    // Resolved as if required from that folder (the `paths` option of require.resolve).
    const redirected = isSdkRequest(request) ? { paths: [from] } : options;
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
