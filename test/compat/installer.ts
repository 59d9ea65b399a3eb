import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  installedVersion,
  packageVersion,
  PLUGIN_NAME,
  PLUGIN_TARBALL,
  ROOT,
  type FrameworkInstall,
} from './framework-install';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];
/**
 * Every install: no scripts, and npm's own peer dependency rules whatever the machine's npmrc
 * says (a user's `npm install` must work without `--legacy-peer-deps` or `--force`).
 */
const INSTALL = [...QUIET, '--ignore-scripts', '--legacy-peer-deps=false', '--force=false'];

/** Runs npm; returns its stdout, or throws with its output. */
export function npm(args: string[], cwd: string): string {
  const run = () => spawnSync(NPM, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let result = run();
  // npm now and then loses a file of its own mid-install (ENOENT on a package folder it just
  // extracted); a second run of the same install succeeds.
  if (result.status !== 0 && /npm error code ENOENT/.test(result.stderr)) result = run();
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
}

/**
 * Makes `projectDir` a new project with `spec` (e.g. `osls@4.3.1`, `serverless@4`) installed,
 * as `npm install <spec>` in an empty folder does. Scripts are not run: the framework's
 * postinstall prints messages (1.x-3.x) or downloads the real framework (4.x).
 */
export function installInNewProject(projectDir: string, spec: string): void {
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.mkdirSync(projectDir, { recursive: true });
  const name = `compat-${spec.replace(/[^a-z0-9.]+/gi, '-')}`;
  fs.writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify({ name, private: true }));
  npm(['install', ...INSTALL, '--save-exact', spec], projectDir);
}

/**
 * Installs the framework release into its own project folder in the cache, unless it is
 * there already. Returns whether it installed.
 */
export function ensureFramework(install: FrameworkInstall): boolean {
  if (installedVersion(install) === install.version) return false;
  installInNewProject(install.projectDir, install.label);
  const got = installedVersion(install);
  if (got !== install.version) {
    throw new Error(`installing ${install.label} gave ${got ?? 'nothing'}`);
  }
  return true;
}

/**
 * Installs exactly these packages (name -> version) into a project folder of their own, unless
 * they are all there already. Returns whether it installed. Scripts are not run: the
 * frameworks' postinstall scripts only print messages. `npmrc` lines configure npm for this
 * folder, for this install and every later one (such as installPlugin's).
 */
export function ensurePackages(
  projectDir: string,
  packages: Record<string, string>,
  npmrc: string[] = [],
): boolean {
  const installed = (pkg: string) => packageVersion(path.join(projectDir, 'node_modules', pkg));
  const wrong = () => Object.keys(packages).filter((pkg) => installed(pkg) !== packages[pkg]);
  if (wrong().length === 0) return false;
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.mkdirSync(projectDir, { recursive: true });
  const name = path
    .basename(projectDir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, '-');
  const manifest = { name: `cache-${name}`, private: true };
  fs.writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify(manifest));
  if (npmrc.length > 0) fs.writeFileSync(path.join(projectDir, '.npmrc'), `${npmrc.join('\n')}\n`);
  const specs = Object.entries(packages).map(([pkg, version]) => `${pkg}@${version}`);
  npm(['install', ...QUIET, '--ignore-scripts', '--save-exact', ...specs], projectDir);
  const missing = wrong();
  if (missing.length > 0) {
    const got = missing.map((pkg) => `${pkg}@${installed(pkg) ?? 'nothing'}`);
    throw new Error(`installing ${specs.join(' ')} gave ${got.join(' ')}`);
  }
  return true;
}

/** Builds the plugin and packs it as it is published (`files`, `main`, .npmignore). */
export function packPlugin(tarball = PLUGIN_TARBALL): string {
  npm(['run', 'build', '--silent'], ROOT);
  const dir = path.dirname(tarball);
  fs.mkdirSync(dir, { recursive: true });
  const [packed] = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir, ...QUIET], ROOT),
  ) as { filename: string }[];
  fs.renameSync(path.join(dir, packed.filename), tarball);
  return tarball;
}

/**
 * Installs the packed plugin into a project that has the framework, as a user's
 * `npm install --save-dev serverless-websockets-plugin` does: npm checks the plugin's
 * peerDependencies against the framework in the tree (and fails with ERESOLVE on a conflict).
 */
export function installPlugin(
  projectDir: string,
  { tarball = PLUGIN_TARBALL, folderNpmrc = false } = {},
): void {
  const installed = path.join(projectDir, 'node_modules', PLUGIN_NAME);
  fs.rmSync(installed, { recursive: true, force: true });
  // folderNpmrc: the folder's own .npmrc decides peer handling (see ensurePackages).
  const flags = folderNpmrc ? [...QUIET, '--ignore-scripts'] : INSTALL;
  npm(['install', ...flags, '--save-dev', tarball], projectDir);
  const main = path.join(installed, 'dist', 'index.js');
  if (!fs.existsSync(main)) throw new Error(`the packed plugin has no ${main}`);
}
