import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  CACHE_DIR,
  installedVersion,
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
 * Installs `serverless@<version>` into its own project folder in the cache, unless it is
 * there already. Returns whether it installed. Scripts are not run: the framework's
 * postinstall only prints messages.
 */
export function ensureFramework(install: FrameworkInstall): boolean {
  if (installedVersion(install) === install.version) return false;
  fs.rmSync(install.projectDir, { recursive: true, force: true });
  fs.mkdirSync(install.projectDir, { recursive: true });
  const manifest = { name: `compat-serverless-${install.version}`, private: true };
  fs.writeFileSync(path.join(install.projectDir, 'package.json'), JSON.stringify(manifest));
  npm(
    ['install', ...QUIET, '--ignore-scripts', '--save-exact', `serverless@${install.version}`],
    install.projectDir,
  );
  const got = installedVersion(install);
  if (got !== install.version) {
    throw new Error(`installing serverless@${install.version} gave ${got ?? 'nothing'}`);
  }
  return true;
}

/** Builds the plugin and packs it as it is published (`files`, `main`, .npmignore). */
export function packPlugin(): string {
  npm(['run', 'build', '--silent'], ROOT);
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const [packed] = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', CACHE_DIR, ...QUIET], ROOT),
  ) as { filename: string }[];
  fs.renameSync(path.join(CACHE_DIR, packed.filename), PLUGIN_TARBALL);
  return PLUGIN_TARBALL;
}

/**
 * Installs the packed plugin next to the framework, as `npm install` of the package does:
 * npm checks the plugin's peerDependencies against the installed framework version.
 */
export function installPlugin(install: FrameworkInstall): void {
  fs.rmSync(path.join(install.nodeModules, PLUGIN_NAME), { recursive: true, force: true });
  npm(['install', ...QUIET, '--ignore-scripts', '--no-save', PLUGIN_TARBALL], install.projectDir);
  const main = path.join(install.nodeModules, PLUGIN_NAME, 'dist', 'index.js');
  if (!fs.existsSync(main)) throw new Error(`the packed plugin has no ${main}`);
}
