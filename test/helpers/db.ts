import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, openMemoryDatabase, type DB } from '../../src/storage/connect.js';

export const CORPUS_DIR = new URL('../../corpus/', import.meta.url).pathname;
export const FIXTURES_DIR = new URL('../fixtures/', import.meta.url).pathname;

/** A fresh in-memory SQLite database migrated by the real Kysely Migrator. */
export function createTestDb(): Promise<DB> {
  return openMemoryDatabase();
}

/** A fresh temp folder for files a test writes. */
export function tempDir(prefix = 'claimtrail-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A migrated database in a temp file (for tests that need a second connection or the CLI). */
export async function createTempFileDb(): Promise<{ db: DB; path: string }> {
  const path = join(tempDir(), 'test.db');
  return { db: await openDatabase(path), path };
}
