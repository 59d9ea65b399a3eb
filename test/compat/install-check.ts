import * as fs from 'fs';
import * as path from 'path';
import {
  CACHE_DIR,
  FRAMEWORK_PACKAGES,
  installedVersion,
  type FrameworkInstall,
} from './framework-install';
import { installInNewProject, installPlugin, npm } from './installer';
import { textTable } from './report';

/**
 * The frameworks a new user most likely has (README "Install"): `npm install` of the plugin
 * must work next to each without `--legacy-peer-deps` and leave one framework in the tree.
 * `serverless@4` is whatever 4.x the registry gives today.
 */
export const INSTALL_CHECK_TARGETS = [
  'serverless@4',
  'osls@4.3.1',
  'osls@3.77.1',
  'serverless@3.40.0',
] as const;

export interface InstallCheckResult {
  /** What was installed, as a user types it: `serverless@4`. */
  target: string;
  /** The framework version npm installed for it. */
  installed?: string;
  /** Every framework package in `npm ls --all` (name@version), one entry per installed copy. */
  frameworks: string[];
  /** Why the check failed (npm's output for a failed install). */
  problem?: string;
  durationMs: number;
}

/** A package in `npm ls --all --json --long`. */
export interface LsNode {
  version?: string;
  path?: string;
  dependencies?: Record<string, LsNode>;
}

/**
 * The framework packages installed in an `npm ls --all --json --long` tree, one entry per
 * installed copy (a package shows again wherever it is deduped, with the same path).
 */
export function frameworkCopies(tree: LsNode): string[] {
  const copies = new Map<string, string>();
  const walk = (node: LsNode) => {
    for (const [name, child] of Object.entries(node.dependencies ?? {})) {
      const isFramework = (FRAMEWORK_PACKAGES as readonly string[]).includes(name);
      // An optional peer that is not installed shows as an entry without a path.
      if (isFramework && child.path) copies.set(child.path, `${name}@${child.version}`);
      walk(child);
    }
  };
  walk(tree);
  return [...copies.values()].sort();
}

/** npm's words for a failed install, without the log file lines. */
const npmProblem = (error: unknown) =>
  (error instanceof Error ? error.message : String(error))
    .split('\n')
    .filter((line) => line.trim() && !/complete log of this run|A complete log/.test(line))
    .slice(0, 12)
    .join('\n');

/**
 * Installs one target as a user would, in a new folder: `npm install <target>`, then
 * `npm install --save-dev` of the packed plugin (see installPlugin), and checks `npm ls`.
 * Passing `into` (the matrix's cache folder of this release) keeps the new project there
 * for the scenarios instead of installing the release a second time.
 */
function checkTarget(target: string, into?: FrameworkInstall): InstallCheckResult {
  const started = Date.now();
  const projectDir = fs.mkdtempSync(path.join(CACHE_DIR, 'install-check-'));
  const [name] = target.split('@');
  const result: InstallCheckResult = { target, frameworks: [], durationMs: 0 };
  try {
    installInNewProject(projectDir, target);
    installPlugin(projectDir);
    result.installed = installedVersion({
      frameworkDir: path.join(projectDir, 'node_modules', name),
    });
    result.frameworks = frameworkCopies(
      JSON.parse(npm(['ls', '--all', '--json', '--long'], projectDir)) as LsNode,
    );
    if (result.frameworks.length !== 1) {
      result.problem = `expected one framework package in the tree, found ${result.frameworks.join(', ') || 'none'}`;
    }
  } catch (error) {
    result.problem = npmProblem(error);
  }
  if (!result.problem && into) {
    fs.rmSync(into.projectDir, { recursive: true, force: true });
    // A sibling folder: the plugin's `file:../<tarball>` dependency stays valid.
    fs.renameSync(projectDir, into.projectDir);
  } else {
    fs.rmSync(projectDir, { recursive: true, force: true });
  }
  result.durationMs = Date.now() - started;
  return result;
}

/**
 * The install check (`npm run test:compat` prints it): the packed plugin next to each target
 * in a new project. `reuse` gives the matrix's install of a target the scenarios will run
 * and that is not cached yet: the check's project becomes it.
 */
export function runInstallCheck(
  targets: readonly string[],
  reuse: (target: string) => FrameworkInstall | undefined,
): InstallCheckResult[] {
  return targets.map((target) => checkTarget(target, reuse(target)));
}

export const installCheckPassed = (results: InstallCheckResult[]): boolean =>
  results.every((result) => !result.problem);

export function formatInstallCheck(results: InstallCheckResult[]): string {
  const table = textTable([
    ['next to', 'installed', 'frameworks in the tree', 'result', 'time'],
    ...results.map((result) => [
      result.target,
      result.installed ?? '-',
      result.frameworks.join(', ') || '-',
      result.problem ? 'FAIL' : 'ok',
      `${(result.durationMs / 1000).toFixed(1)} s`,
    ]),
  ]);
  const problems = results
    .filter((result) => result.problem)
    .map((result) => `${result.target}:\n${result.problem}`);
  return [table, ...problems].join('\n\n');
}
