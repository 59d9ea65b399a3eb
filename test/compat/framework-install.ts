import * as fs from 'fs';
import * as path from 'path';

/** The Serverless Framework versions the plugin is proven on (see README "Compatibility"). */
export const FRAMEWORK_VERSIONS = ['1.35.1', '1.38.0', '1.83.3', '2.72.4', '3.40.0'] as const;

/** The version the plugin is developed against; every other version is compared with it. */
export const BASELINE_VERSION = '1.83.3';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where the framework versions are installed: outside the project's own node_modules. */
export const CACHE_DIR = path.join(ROOT, '.cache', 'compat');
/** The plugin as `npm pack` made it, installed next to every framework version. */
export const PLUGIN_TARBALL = path.join(CACHE_DIR, 'serverless-websockets-plugin.tgz');
export const PLUGIN_NAME = 'serverless-websockets-plugin';

/**
 * One framework version installed as a user's project installs it: `serverless` and the
 * packed plugin side by side in one node_modules.
 */
export interface FrameworkInstall {
  version: string;
  major: number;
  /** The project folder (package.json, node_modules). */
  projectDir: string;
  nodeModules: string;
  frameworkDir: string;
}

export function frameworkInstall(version: string): FrameworkInstall {
  const projectDir = path.join(CACHE_DIR, version);
  const nodeModules = path.join(projectDir, 'node_modules');
  const frameworkDir = path.join(nodeModules, 'serverless');
  return { version, major: Number(version.split('.')[0]), projectDir, nodeModules, frameworkDir };
}

/** The script that `sls` runs, as the installed package's `bin` names it. */
export function frameworkBin(install: FrameworkInstall): string {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(install.frameworkDir, 'package.json'), 'utf8'),
  ) as { bin: Record<string, string> };
  return path.join(install.frameworkDir, manifest.bin.sls);
}

/** The version of the package installed in a folder, or undefined when there is none. */
export function packageVersion(packageDir: string): string | undefined {
  try {
    const file = path.join(packageDir, 'package.json');
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/** The installed framework's version, to catch a cache that holds something else. */
export function installedVersion(install: FrameworkInstall): string | undefined {
  return packageVersion(install.frameworkDir);
}

/** Whether a version is at least `minimum` (plain x.y.z versions only). */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (value: string) => value.split('.').map(Number);
  const [a, b] = [parse(version), parse(minimum)];
  for (let i = 0; i < 3; i += 1) {
    if (a[i] !== b[i]) return a[i] > b[i];
  }
  return true;
}
