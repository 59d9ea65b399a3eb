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
};
