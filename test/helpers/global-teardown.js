// jest globalTeardown, once per run: on PostgreSQL, drop every database the run made (its templates and whatever
// copies a test left, e.g. after a crash); SQLite's snapshots stay in the temp folder for the next run.
import { dropRunDatabases, PG_RUN_ENV, testPgUrl } from './pg-test-databases.mjs';

// jest calls a global teardown module's default export.
export default async function globalTeardown() {
  const pgUrl = testPgUrl();
  const run = process.env[PG_RUN_ENV];
  if (pgUrl && run) await dropRunDatabases(pgUrl, run);
}
