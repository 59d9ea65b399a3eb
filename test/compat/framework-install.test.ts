import * as path from 'path';
import {
  baselineOf,
  CACHE_DIR,
  frameworkInstall,
  parseFramework,
  versionAtLeast,
} from './framework-install';

describe('parseFramework', () => {
  it('reads package@version, and a bare version as serverless', () => {
    expect(parseFramework('osls@4.3.1')).toEqual({
      package: 'osls',
      version: '4.3.1',
      label: 'osls@4.3.1',
    });
    expect(parseFramework('3.40.0')).toEqual(parseFramework('serverless@3.40.0'));
  });

  it.each(['serverless-offline@13.9.0', 'osls@4', 'osls@latest', 'osls'])('rejects %s', (spec) => {
    expect(() => parseFramework(spec)).toThrow(/not a framework release/);
  });
});

describe('frameworkInstall', () => {
  it('gives each package and version its own cache folder with the package inside', () => {
    const install = frameworkInstall(parseFramework('osls@4.3.1'));
    expect(install.projectDir).toBe(path.join(CACHE_DIR, 'osls-4.3.1'));
    expect(install.frameworkDir).toBe(path.join(CACHE_DIR, 'osls-4.3.1', 'node_modules', 'osls'));
    expect(install.major).toBe(4);
  });
});

describe('baselineOf', () => {
  it('compares osls with the serverless release it continues, serverless with 1.83.3', () => {
    expect(baselineOf(parseFramework('osls@3.77.1'))).toBe('serverless@3.40.0');
    expect(baselineOf(parseFramework('3.40.0'))).toBe('serverless@1.83.3');
  });
});

describe('versionAtLeast', () => {
  it('compares x.y.z numerically', () => {
    expect(versionAtLeast('1.38.0', '1.38.0')).toBe(true);
    expect(versionAtLeast('1.100.0', '1.83.3')).toBe(true);
    expect(versionAtLeast('2.72.4', '3.0.0')).toBe(false);
  });
});
