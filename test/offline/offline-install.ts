import * as path from 'path';
import { frameworkInstall, ROOT, type FrameworkInstall } from '../compat/framework-install';
import { ensurePackages, installPlugin, packPlugin } from '../compat/installer';

/** Where the frameworks and serverless-offline are installed for local development runs. */
export const OFFLINE_CACHE_DIR = path.join(ROOT, '.cache', 'offline');
const PLUGIN_TARBALL = path.join(OFFLINE_CACHE_DIR, 'serverless-websockets-plugin.tgz');

/**
 * The example's message handler posts with the SDK v3 client that the Lambda runtime ships;
 * locally it must be installed. The version the project's own v3 clients are at.
 */
const MANAGEMENT_API_CLIENT = { '@aws-sdk/client-apigatewaymanagementapi': '3.1169.0' };

/** A framework and the serverless-offline line made for it, as a user installs them. */
export interface OfflineSetup {
  framework: 'serverless' | 'osls';
  frameworkVersion: string;
  offlineVersion: string;
  /** serverless-offline 8 knows runtimes up to nodejs16.x (and refuses to run others). */
  runtime: 'nodejs20.x' | 'nodejs16.x';
}

const OFFLINE_SETUPS: OfflineSetup[] = [
  {
    framework: 'serverless',
    frameworkVersion: '3.40.0',
    offlineVersion: '13.9.0',
    runtime: 'nodejs20.x',
  },
  {
    framework: 'serverless',
    frameworkVersion: '2.72.4',
    offlineVersion: '8.8.1',
    runtime: 'nodejs16.x',
  },
  {
    framework: 'serverless',
    frameworkVersion: '1.83.3',
    offlineVersion: '8.8.1',
    runtime: 'nodejs16.x',
  },
  {
    framework: 'osls',
    frameworkVersion: '3.77.1',
    offlineVersion: '13.9.0',
    runtime: 'nodejs20.x',
  },
];

/** The setup of OFFLINE_SETUPS for this framework version. */
export function offlineSetup(framework: OfflineSetup['framework'], version: string): OfflineSetup {
  const setup = OFFLINE_SETUPS.find(
    (candidate) => candidate.framework === framework && candidate.frameworkVersion === version,
  );
  if (!setup) throw new Error(`no offline setup for ${framework}@${version}`);
  return setup;
}

export const setupName = (setup: OfflineSetup): string =>
  `${setup.framework}@${setup.frameworkVersion} + serverless-offline@${setup.offlineVersion}`;

/** The setup's project folder, laid out as the compat harness lays out a framework version. */
export function offlineInstall(setup: OfflineSetup): FrameworkInstall {
  const projectDir = path.join(
    OFFLINE_CACHE_DIR,
    `${setup.framework}-${setup.frameworkVersion}_offline-${setup.offlineVersion}`,
  );
  const version = setup.frameworkVersion;
  return frameworkInstall(
    { package: setup.framework, version, label: `${setup.framework}@${version}` },
    projectDir,
  );
}

/**
 * Installs the setup (reused when the cache has it). serverless-offline 13 names `serverless`
 * as its peer; next to osls, npm must not install that as well (legacy-peer-deps).
 */
function ensureOfflineSetup(setup: OfflineSetup): boolean {
  const packages = {
    [setup.framework]: setup.frameworkVersion,
    'serverless-offline': setup.offlineVersion,
    ...MANAGEMENT_API_CLIENT,
  };
  const npmrc = setup.framework === 'osls' ? ['legacy-peer-deps=true'] : [];
  return ensurePackages(offlineInstall(setup).projectDir, packages, npmrc);
}

/** Builds and packs the plugin once for the offline runs. */
export const packPluginForOffline = (): string => packPlugin(PLUGIN_TARBALL);

/**
 * Installs the setup (cached) and the packed plugin (packPluginForOffline) into its project
 * folder, saying which it was; returns the folder's layout.
 */
export function prepareOfflineSetup(setup: OfflineSetup): FrameworkInstall {
  const installed = ensureOfflineSetup(setup);
  const install = offlineInstall(setup);
  installPlugin(install.projectDir, { tarball: PLUGIN_TARBALL, folderNpmrc: true });
  console.log(`${setupName(setup)}: ${installed ? 'installed' : 'cached'}`);
  return install;
}
