// jest globalSetup, once per run: build dist/ when it is missing or older than the sources (the CLI tests run the
// compiled bin), then write the database snapshots every test copies (test/helpers/db.ts) and say where.
import { ensureBuilt } from '../../bin/build.mjs';
import { DB_IMAGES_ENV, prepareDbImages } from './db-images.mjs';

// jest calls a global setup module's default export.
export default async function globalSetup() {
  await ensureBuilt({ log: (m) => console.log(`\njest global setup: ${m}`) });
  // workers inherit the environment of the process that runs the global setup
  process.env[DB_IMAGES_ENV] = await prepareDbImages();
}
