// Unit, storage and HTTP tests: real SQLite, the real Express app, fixtures in test/. Needs no ../shared.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '\\.shared\\.test\\.ts$', '\\.browser\\.test\\.ts$'],
  testTimeout: 30000,
};
