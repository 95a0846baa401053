// Unit, storage and HTTP tests: real SQLite, the real Express app, fixtures in test/. Needs no ../shared.
// TypeScript is stripped by sucrase (pure JS): @swc/jest's platform binaries are not all on this registry,
// which made `npm ci` refuse the lock file.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@sucrase/jest-plugin'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.shared\\.test\\.ts$', '\\.browser\\.test\\.ts$'],
  testTimeout: 30000,
  // jest's default on 2 cores is 1 worker, i.e. every file in the parent process one after another (one core);
  // the parent mostly waits while workers run, so 2 workers use both cores. A worker past 1 GB is replaced.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1GB',
  // Builds dist/ when missing or stale (the CLI tests run the bin) and the database snapshots tests copy.
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
  // On PostgreSQL (CLAIMTRAIL_TEST_PG_URL) drops the run's databases.
  globalTeardown: '<rootDir>/test/helpers/global-teardown.js',
};
