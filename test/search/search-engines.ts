import pg from 'pg';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { type DB, openDatabase, openMemoryDatabase } from '../../src/storage/connect.js';
import { CORPUS_DIR } from '../helpers/db.js';

/** The admin URL of a PostgreSQL server to run the search cases on as well (unset: SQLite only). */
export const PG_ADMIN_URL = process.env.CLAIMTRAIL_TEST_PG_URL || undefined;

export interface EngineDb {
  engine: 'sqlite' | 'postgres';
  db: DB;
  /** closes the database (and drops a PostgreSQL one) */
  close: () => Promise<void>;
}

/** The corpus on SQLite, in memory, ingested by the pipeline (on SQLite whatever engine the rest of the suite runs on). */
export async function sqliteCorpus(): Promise<EngineDb> {
  const db = await openMemoryDatabase();
  await ingestPaths(db, [CORPUS_DIR]);
  return { engine: 'sqlite', db, close: () => db.destroy() };
}

async function onAdmin(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/** A fresh PostgreSQL database of this test file's own, migrated, with corpus/ ingested by the pipeline; dropped by close(). */
export async function postgresCorpus(prefix: string): Promise<EngineDb> {
  if (!PG_ADMIN_URL) throw new Error('CLAIMTRAIL_TEST_PG_URL is not set');
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await onAdmin(`CREATE DATABASE "${name}"`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const drop = () => onAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    const db = await openDatabase(url.toString());
    await ingestPaths(db, [CORPUS_DIR]);
    return {
      engine: 'postgres',
      db,
      close: async () => {
        await db.destroy();
        await drop();
      },
    };
  } catch (e) {
    await drop();
    throw e;
  }
}
