import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { openDatabase, openDatabaseImage, openMemoryDatabase, serializeDatabase, type DB } from '../../src/storage/connect.js';
import { CORPUS_IMAGE, DB_IMAGES_ENV, EMPTY_IMAGE } from './db-images.mjs';
import {
  CORPUS_TEMPLATE,
  connectAdmin,
  createDatabase,
  databaseUrl,
  dropDatabase,
  EMPTY_TEMPLATE,
  PG_RUN_ENV,
  templateName,
  testPgUrl,
} from './pg-test-databases.mjs';

export const CORPUS_DIR = new URL('../../corpus/', import.meta.url).pathname;
export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/** The engine the suites run on: PostgreSQL when CLAIMTRAIL_TEST_PG_URL is set (`npm run test:pg`), else SQLite. */
export const TEST_ENGINE: 'sqlite' | 'postgres' = testPgUrl() ? 'postgres' : 'sqlite';

/**
 * A describe block about SQLite itself (WAL and its write lock, file corruption, serialized images, PRAGMA): it runs
 * as usual on SQLite; on PostgreSQL it is one skipped test named with the reason, so the report says what did not run.
 */
export function describeSqliteOnly(reason: string, fn: () => void): void {
  if (TEST_ENGINE === 'sqlite') describe(`SQLite only: ${reason}`, fn);
  else it.skip(`SQLite only: ${reason}`, () => {});
}

/** A database copied at one moment by snapshotDb(), to open private copies of with copyDb() or copyDbToFile(). */
export type DbSnapshot = { engine: 'sqlite'; bytes: Buffer } | { engine: 'postgres'; template: string };

/**
 * A fresh migrated database of its own: on SQLite an in-memory copy of the snapshot jest's global setup made (migrated
 * once per run), on PostgreSQL a database copied from the run's template. No test sees another's writes. Call it in
 * the test or in beforeEach, never share one across tests; destroy() it when done.
 */
export async function freshDb(): Promise<DB> {
  if (pgUrl) return (await openPgCopy(pgTemplate(EMPTY_TEMPLATE))).db;
  return openDatabaseImage(await image(EMPTY_IMAGE));
}

/** Like freshDb(), with corpus/ already ingested (and cross-referenced), as `ingestPaths(db, [CORPUS_DIR])` leaves it. */
export async function corpusDb(): Promise<DB> {
  if (pgUrl) return (await openPgCopy(pgTemplate(CORPUS_TEMPLATE))).db;
  return openDatabaseImage(await image(CORPUS_IMAGE));
}

/**
 * Snapshots a database after a file's common setup and closes it (PostgreSQL copies a database only when no session
 * is on it): open private copies of the snapshot with copyDb() or copyDbToFile().
 */
export async function snapshotDb(db: DB): Promise<DbSnapshot> {
  if (pgUrl) {
    const name = pgNames.get(db);
    if (!name) throw new Error('snapshotDb(): not a database from these helpers');
    await closePool(db);
    const template = nextPgName('snap');
    const client = await pgAdmin();
    await createDatabase(client, template, name);
    pgMade.add(template);
    await dropDatabase(client, name);
    pgMade.delete(name);
    return { engine: 'postgres', template };
  }
  const bytes = serializeDatabase(db);
  await db.destroy();
  return { engine: 'sqlite', bytes };
}

/** A private copy of a snapshot taken with snapshotDb() (in memory on SQLite). */
export async function copyDb(snapshot: DbSnapshot): Promise<DB> {
  if (snapshot.engine === 'postgres') return (await openPgCopy(snapshot.template)).db;
  return openDatabaseImage(snapshot.bytes);
}

/** The same as freshDb(), under the name the tests written before it use. */
export const createTestDb = freshDb;

/** A fresh temp folder for files a test writes. */
export function tempDir(prefix = 'claimtrail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A migrated database that other connections and the CLI can open by `path` (`--db path`): a temp file on SQLite,
 * the database's URL on PostgreSQL.
 */
export async function createTempFileDb(): Promise<{ db: DB; path: string }> {
  if (pgUrl) return openPgCopy(pgTemplate(EMPTY_TEMPLATE));
  const path = join(tempDir(), 'test.db');
  return { db: await openDatabase(path), path };
}

/**
 * Where the CLI may create a database of its own (`--db path`, migrated by the command): a temp file not yet there on
 * SQLite; on PostgreSQL an empty database (nothing migrated), dropped when the test file ends.
 */
export async function newDbPath(): Promise<string> {
  if (!pgUrl) return join(tempDir(), 'test.db');
  const name = nextPgName('new');
  await createDatabase(await pgAdmin(), name, 'template0');
  pgMade.add(name);
  return databaseUrl(pgUrl, name);
}

/** Like createTempFileDb(), with corpus/ ingested: the corpus snapshot copied to a file (or database) of its own. */
export async function corpusFileDb(): Promise<{ db: DB; path: string }> {
  if (pgUrl) return openPgCopy(pgTemplate(CORPUS_TEMPLATE));
  return copyDbToFile({ engine: 'sqlite', bytes: await image(CORPUS_IMAGE) });
}

/** A snapshot taken with snapshotDb() copied to a temp file (or database) of its own and opened, for the CLI or a second connection. */
export async function copyDbToFile(snapshot: DbSnapshot): Promise<{ db: DB; path: string }> {
  if (snapshot.engine === 'postgres') return openPgCopy(snapshot.template);
  const path = join(tempDir(), 'test.db');
  // a serialized database is a database file
  writeFileSync(path, snapshot.bytes);
  return { db: await openDatabase(path), path };
}

const images = new Map<string, Promise<Buffer>>();

// Read once per test file; made in-process when jest ran without the global setup (another config, a debugger).
function image(name: string): Promise<Buffer> {
  let bytes = images.get(name);
  if (!bytes) {
    const dir = process.env[DB_IMAGES_ENV];
    bytes = dir ? Promise.resolve(readFileSync(join(dir, name))) : makeImage(name);
    images.set(name, bytes);
  }
  return bytes;
}

async function makeImage(name: string): Promise<Buffer> {
  const db = await openMemoryDatabase();
  try {
    if (name === CORPUS_IMAGE) await ingestPaths(db, [CORPUS_DIR]);
    return serializeDatabase(db);
  } finally {
    await db.destroy();
  }
}

// --- PostgreSQL: each database a copy of a template, dropped when the test destroys it (or when its file ends) ---

const pgUrl = testPgUrl();
// a tag per test file: jest loads this module afresh for every file, so a counter alone would repeat names
const fileTag = randomBytes(3).toString('hex');
let pgCount = 0;
const PG_POOL_MAX = 4;
let admin: Promise<pg.Client> | undefined;
/** each open database's name, and how to close its pool without dropping it */
const pgNames = new WeakMap<DB, string>();
const pgOpen = new Map<DB, () => Promise<void>>();
const pgMade = new Set<string>();

function pgRun(): string {
  const run = process.env[PG_RUN_ENV];
  if (!run)
    throw new Error(`${PG_RUN_ENV} is unset: PostgreSQL test databases are copied from templates jest's global setup makes (test/helpers/global-setup.js)`);
  return run;
}

function pgTemplate(template: string): string {
  return templateName(pgRun(), template);
}

function nextPgName(kind: string): string {
  return `ct_${pgRun()}_w${process.env.JEST_WORKER_ID ?? '0'}_${fileTag}_${kind}${++pgCount}`;
}

function pgAdmin(): Promise<pg.Client> {
  admin ??= connectAdmin(pgUrl!);
  return admin;
}

async function openPgCopy(template: string): Promise<{ db: DB; path: string }> {
  const name = nextPgName('db');
  await createDatabase(await pgAdmin(), name, template);
  pgMade.add(name);
  const url = databaseUrl(pgUrl!, name);
  // tests open many databases at once: a small pool each
  const db = await openDatabase(url, { maxConnections: PG_POOL_MAX });
  const close = db.destroy.bind(db);
  pgNames.set(db, name);
  pgOpen.set(db, close);
  // destroy() also drops the database: a run makes hundreds, each several MB
  db.destroy = async () => {
    await closePool(db);
    await dropDatabase(await pgAdmin(), name);
    pgMade.delete(name);
  };
  return { db, path: url };
}

async function closePool(db: DB): Promise<void> {
  const close = pgOpen.get(db);
  pgOpen.delete(db);
  await close?.();
}

// A test that forgets destroy() leaves a pool open: close it, then drop what the file made (snapshots too).
if (pgUrl && typeof afterAll === 'function') {
  afterAll(async () => {
    await Promise.all([...pgOpen.keys()].map(closePool));
    if (!admin) return;
    const client = await admin;
    for (const name of pgMade) await dropDatabase(client, name);
    pgMade.clear();
    admin = undefined;
    await client.end();
  });
}
