// Suites over ../shared data (the BBC set, the seeds as they arrived): run by .ci/run, not by `npm test`.
import base from './jest.config.js';
export default { ...base, testMatch: ['<rootDir>/test/**/*.shared.test.ts'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 300000 };
