// PostgreSQL for the test suites (when CLAIMTRAIL_TEST_PG_URL names a server's admin URL): jest's global setup makes
// two template databases per run (migrated; corpus/ ingested), each test copies one with CREATE DATABASE … TEMPLATE,
// and the global teardown drops every database of the run. All of a run's databases are named ct_<run>_….
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export const PG_URL_ENV = 'CLAIMTRAIL_TEST_PG_URL';
export const PG_RUN_ENV = 'CLAIMTRAIL_TEST_PG_RUN';
export const EMPTY_TEMPLATE = 'empty';
export const CORPUS_TEMPLATE = 'corpus';

/** The admin URL the suites run against, or undefined (SQLite, the default). */
export function testPgUrl() {
  const url = process.env[PG_URL_ENV];
  return url ? url : undefined;
}

/** The URL of database `name` on the server of `adminUrl` (same user, host, port and options). */
export function databaseUrl(adminUrl, name) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The name of one of the run's templates. */
export function templateName(run, template) {
  return `ct_${run}_${template}`;
}

/** A connected admin client (to the database in the admin URL); end() it when done. */
export async function connectAdmin(adminUrl) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  // a database dropped WITH (FORCE) ends our other sessions on it; this one must not die of a stray notice
  client.on('error', () => {});
  return client;
}

const quote = (name) => `"${name.replace(/"/g, '""')}"`;

const versions = new WeakMap();

/** CREATE DATABASE name TEMPLATE template (the template must have no sessions: PostgreSQL copies it file by file). */
export async function createDatabase(client, name, template) {
  // FILE_COPY (PostgreSQL 15+; older servers only have it) is the faster strategy for small databases
  let version = versions.get(client);
  if (version === undefined) {
    version = Number((await client.query('SHOW server_version_num')).rows[0].server_version_num);
    versions.set(client, version);
  }
  const strategy = version >= 150000 ? ' STRATEGY = FILE_COPY' : '';
  await client.query(`CREATE DATABASE ${quote(name)}${template ? ` TEMPLATE ${quote(template)}${strategy}` : ''}`);
}

/** DROP DATABASE IF EXISTS, ending any session still on it. */
export async function dropDatabase(client, name) {
  await client.query(`DROP DATABASE IF EXISTS ${quote(name)} WITH (FORCE)`);
}

/** Makes this run's templates with the compiled code in dist/ and returns the run's id (for PG_RUN_ENV). */
export async function preparePgTemplates(adminUrl, root) {
  const run = randomBytes(3).toString('hex');
  const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { openDatabase } = await dist('src/storage/connect.js');
  const { ingestPaths } = await dist('src/pipeline/ingest-paths.js');
  const admin = await connectAdmin(adminUrl);
  try {
    const empty = templateName(run, EMPTY_TEMPLATE);
    const corpus = templateName(run, CORPUS_TEMPLATE);
    // template0, not the default template1: nobody connects to it, and a session on a template blocks copying it
    await createDatabase(admin, empty, 'template0');
    let db = await openDatabase(databaseUrl(adminUrl, empty));
    await db.destroy();
    await createDatabase(admin, corpus, empty);
    db = await openDatabase(databaseUrl(adminUrl, corpus));
    try {
      await ingestPaths(db, [join(root, 'corpus')]);
    } finally {
      await db.destroy();
    }
  } catch (e) {
    await dropRunDatabases(adminUrl, run).catch(() => {});
    throw e;
  } finally {
    await admin.end();
  }
  return run;
}

/** Drops every database of run `run` (templates, each test's copy, snapshots); returns how many. */
export async function dropRunDatabases(adminUrl, run) {
  const admin = await connectAdmin(adminUrl);
  try {
    const { rows } = await admin.query("SELECT datname FROM pg_database WHERE datname LIKE $1 ESCAPE '!'", [`ct!_${run}!_%`]);
    for (const { datname } of rows) await dropDatabase(admin, datname);
    return rows.length;
  } finally {
    await admin.end();
  }
}
