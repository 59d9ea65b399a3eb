import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  packageVersion,
  PLUGIN_NAME,
  PLUGIN_TARBALL,
  ROOT,
  type FrameworkInstall,
} from './framework-install';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Runs npm; returns its stdout, or throws with its output. */
function npm(args: string[], cwd: string): string {
  const result = spawnSync(NPM, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${result.stdout}${result.stderr}`);
  }
  return result.stdout;
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

/** Installs `serverless@<version>` into its own project folder in the cache (see ensurePackages). */
export function ensureFramework(install: FrameworkInstall): boolean {
  return ensurePackages(install.projectDir, { serverless: install.version });
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
 * Installs the packed plugin next to the framework, as `npm install` of the package does:
 * npm checks the plugin's peerDependencies against the installed framework version.
 */
export function installPlugin(
  install: Pick<FrameworkInstall, 'projectDir' | 'nodeModules'>,
  tarball = PLUGIN_TARBALL,
): void {
  fs.rmSync(path.join(install.nodeModules, PLUGIN_NAME), { recursive: true, force: true });
  npm(['install', ...QUIET, '--ignore-scripts', '--no-save', tarball], install.projectDir);
  const main = path.join(install.nodeModules, PLUGIN_NAME, 'dist', 'index.js');
  if (!fs.existsSync(main)) throw new Error(`the packed plugin has no ${main}`);
}
