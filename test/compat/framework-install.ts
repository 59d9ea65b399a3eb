import * as fs from 'fs';
import * as path from 'path';

/** The npm packages of the Serverless Framework: the original, and its open-source continuation. */
export const FRAMEWORK_PACKAGES = ['serverless', 'osls'] as const;
export type FrameworkPackage = (typeof FRAMEWORK_PACKAGES)[number];

/** One framework release: `serverless@3.40.0`, `osls@4.3.1`. */
export interface Framework {
  package: FrameworkPackage;
  version: string;
  /** `<package>@<version>`, as results and logs name it. */
  label: string;
}

/**
 * The releases the plugin is proven on (see README "Compatibility"), in the order of the
 * table. osls continues serverless 3.x, so an osls version reads as later than any 3.x of
 * serverless wherever a scenario asks for a minimum version.
 */
export const FRAMEWORKS = [
  'serverless@1.35.1',
  'serverless@1.38.0',
  'serverless@1.83.3',
  'serverless@2.72.4',
  'serverless@3.40.0',
  'osls@3.77.1',
  'osls@4.3.1',
] as const;

/** The release the plugin is developed against; every serverless release is compared with it. */
export const BASELINE = 'serverless@1.83.3';
/** osls must behave as the serverless release it continues. */
const OSLS_BASELINE = 'serverless@3.40.0';

/** The release whose AWS state and plugin lines another release must equal. */
export const baselineOf = (framework: Framework): string =>
  framework.package === 'osls' ? OSLS_BASELINE : BASELINE;

/**
 * Reads `osls@3.77.1`, `serverless@3.40.0`, or a bare `3.40.0` (serverless, as before osls
 * joined). Versions are plain x.y.z: each names one cache folder.
 */
export function parseFramework(spec: string): Framework {
  const at = spec.lastIndexOf('@');
  const name = at > 0 ? spec.slice(0, at) : 'serverless';
  const version = at > 0 ? spec.slice(at + 1) : spec;
  const pkg = FRAMEWORK_PACKAGES.find((candidate) => candidate === name);
  if (!pkg || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(
      `not a framework release: "${spec}" (expected e.g. 3.40.0, serverless@3.40.0 or osls@4.3.1)`,
    );
  }
  return { package: pkg, version, label: `${pkg}@${version}` };
}

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where the framework releases are installed: outside the project's own node_modules. */
export const CACHE_DIR = path.join(ROOT, '.cache', 'compat');
/** The plugin as `npm pack` made it, installed next to every framework release. */
export const PLUGIN_TARBALL = path.join(CACHE_DIR, 'serverless-websockets-plugin.tgz');
export const PLUGIN_NAME = 'serverless-websockets-plugin';

/**
 * One framework release installed as a user's project installs it: the framework package and
 * the packed plugin side by side in one node_modules.
 */
export interface FrameworkInstall extends Framework {
  major: number;
  /** The project folder (package.json, node_modules). */
  projectDir: string;
  nodeModules: string;
  frameworkDir: string;
}

/** A release's install in a project folder: by default its own folder in the cache. */
export function frameworkInstall(
  framework: Framework,
  projectDir = path.join(CACHE_DIR, `${framework.package}-${framework.version}`),
): FrameworkInstall {
  const nodeModules = path.join(projectDir, 'node_modules');
  return {
    ...framework,
    major: Number(framework.version.split('.')[0]),
    projectDir,
    nodeModules,
    frameworkDir: path.join(nodeModules, framework.package),
  };
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
export function installedVersion(
  install: Pick<FrameworkInstall, 'frameworkDir'>,
): string | undefined {
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
