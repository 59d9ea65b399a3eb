/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Started serverless-offline processes: `npm run test:offline` (jest.offline.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/offline/'],
  // The integration tests run the real framework in-process; give them room.
  testTimeout: 60000,
  // Jest's default (one worker fewer than the cores) is a single worker on a 2-core CI machine;
  // the in-process framework runs are CPU-bound, so every core halves the suite's time.
  maxWorkers: '100%',
};
