// npm run test:pg: the storage, pipeline, HTTP and CLI suites on the PostgreSQL server CLAIMTRAIL_TEST_PG_URL names
// (an admin URL: the run makes and drops databases ct_<run>_*). scripts/pg-throwaway.sh start gives one.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SUITES = ['test/storage', 'test/pipeline', 'test/web', 'test/cli', 'test/search', 'test/export/export-rows.test.ts'];

const url = process.env.CLAIMTRAIL_TEST_PG_URL;
if (!url) {
  console.error(
    'npm run test:pg: set CLAIMTRAIL_TEST_PG_URL to a PostgreSQL admin URL (one that may CREATE DATABASE), e.g.\n' +
      '  CLAIMTRAIL_TEST_PG_URL=$(scripts/pg-throwaway.sh start) npm run test:pg; scripts/pg-throwaway.sh stop',
  );
  process.exit(2);
}
if (!/^postgres(ql)?:\/\//i.test(url)) {
  console.error(`npm run test:pg: CLAIMTRAIL_TEST_PG_URL must be a postgres:// URL (got "${url}")`);
  process.exit(2);
}
const root = fileURLToPath(new URL('..', import.meta.url));
// extra arguments (--json, --outputFile=…) go to jest; test paths given replace the default suites
const args = process.argv.slice(2);
const paths = args.some((a) => a.startsWith('test/')) ? [] : SUITES;
const r = spawnSync(process.execPath, ['--experimental-vm-modules', '--no-warnings', 'node_modules/jest/bin/jest.js', ...paths, ...args], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
