import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { openDatabase, openDatabaseImage, openMemoryDatabase, serializeDatabase, type DB } from '../../src/storage/connect.js';
import { CORPUS_IMAGE, DB_IMAGES_ENV, EMPTY_IMAGE } from './db-images.mjs';

export const CORPUS_DIR = new URL('../../corpus/', import.meta.url).pathname;
export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/**
 * A fresh migrated in-memory database of its own: a copy of the snapshot jest's global setup made (migrated once
 * per run), so no test sees another's writes. Call it in the test or in beforeEach, never share one across tests.
 */
export async function freshDb(): Promise<DB> {
  return openDatabaseImage(await image(EMPTY_IMAGE));
}

/** Like freshDb(), with corpus/ already ingested (and cross-referenced), as `ingestPaths(db, [CORPUS_DIR])` leaves it. */
export async function corpusDb(): Promise<DB> {
  return openDatabaseImage(await image(CORPUS_IMAGE));
}

/** The bytes of a database, to open private copies of with copyDb() (a per-file snapshot after common setup). */
export function snapshotDb(db: DB): Buffer {
  return serializeDatabase(db);
}

/** A private in-memory copy of a snapshot taken with snapshotDb(). */
export function copyDb(snapshot: Buffer): Promise<DB> {
  return openDatabaseImage(snapshot);
}

/** The same as freshDb(), under the name the tests written before it use. */
export const createTestDb = freshDb;

/** A fresh temp folder for files a test writes. */
export function tempDir(prefix = 'claimtrail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A migrated database in a temp file (for tests that need a second connection or the CLI). */
export async function createTempFileDb(): Promise<{ db: DB; path: string }> {
  const path = join(tempDir(), 'test.db');
  return { db: await openDatabase(path), path };
}

/** A migrated temp-file database with corpus/ ingested: the corpus snapshot written to a file of its own. */
export async function corpusFileDb(): Promise<{ db: DB; path: string }> {
  return copyDbToFile(await image(CORPUS_IMAGE));
}

/** A snapshot taken with snapshotDb() written to a temp file of its own and opened (for the CLI or a second connection). */
export async function copyDbToFile(snapshot: Buffer): Promise<{ db: DB; path: string }> {
  const path = join(tempDir(), 'test.db');
  // a serialized database is a database file
  writeFileSync(path, snapshot);
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
