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
  // Builds dist/ when missing or stale (the CLI tests run the bin) and the database snapshots tests copy.
  globalSetup: '<rootDir>/test/helpers/global-setup.js',
};
