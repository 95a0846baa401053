// jest globalSetup, once per run: build dist/ when it is missing or older than the sources (the CLI tests run the
// compiled bin), then make the databases every test copies (test/helpers/db.ts) and say where: SQLite snapshots in
// the temp folder, or, when CLAIMTRAIL_TEST_PG_URL is set, template databases on that PostgreSQL server.
import { ensureBuilt, ROOT } from '../../bin/build.mjs';
import { DB_IMAGES_ENV, prepareDbImages } from './db-images.mjs';
import { PG_RUN_ENV, preparePgTemplates, testPgUrl } from './pg-test-databases.mjs';

// jest calls a global setup module's default export.
export default async function globalSetup() {
  await ensureBuilt({ log: (m) => console.log(`\njest global setup: ${m}`) });
  // workers inherit the environment of the process that runs the global setup
  const pgUrl = testPgUrl();
  if (pgUrl) {
    const started = Date.now();
    process.env[PG_RUN_ENV] = await preparePgTemplates(pgUrl, ROOT);
    console.log(`jest global setup: PostgreSQL templates ct_${process.env[PG_RUN_ENV]}_* made in ${Date.now() - started} ms`);
  } else {
    process.env[DB_IMAGES_ENV] = await prepareDbImages();
  }
}
