// UI flows in a real headless Chromium (Debian's /usr/bin/chromium driven by playwright-core).
import base from './jest.config.js';
export default { ...base, testMatch: ['<rootDir>/test/**/*.browser.test.ts'], testPathIgnorePatterns: ['/node_modules/'], testTimeout: 120000, maxWorkers: 1 };
