/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/offline'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/offline/global-setup.ts',
  // Each setup starts serverless-offline (a few seconds) after a cached install.
  testTimeout: 60000,
};
