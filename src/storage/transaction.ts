import { sql, type Transaction } from 'kysely';
import { retryOnBusy } from './busy-retry.js';
import type { DB } from './connect.js';
import type { Database } from './database.js';
import { engineOf } from './engine.js';

/** An open transaction: repositories take it (or the database) first. */
export type Tx = Transaction<Database>;

/** The database or a transaction: what a repository function runs its queries on. */
export type Executor = DB | Tx;

/**
 * Runs `fn` in one transaction: everything it writes lands, or nothing does. Writers see each other as if one ran
 * after the other: on SQLite the transaction holds the write lock from its start (BEGIN IMMEDIATE); on PostgreSQL it
 * is SERIALIZABLE and runs again from the start when the server refuses it for a concurrent writer (so `fn` must
 * read what it changes inside the transaction and do nothing else that cannot be repeated).
 */
export function inTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return retryOnBusy(() => writeTransaction(db, fn));
  return writeTransaction(db, fn);
}

/**
 * Like inTransaction, for bulk writes (ingest groups, re-extraction) that also wait for each other: on PostgreSQL
 * one such writer at a time across every process, as SQLite's write lock does anyway.
 */
export function inBulkWriterTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return retryOnBusy(() => bulkWriterTransaction(db, fn));
  return writeTransaction(db, fn);
}

/** Any number that fits a signed 64-bit key: the lock bulk writers take on PostgreSQL ("claimtrail ingest"). */
const BULK_WRITERS_LOCK = 7_201_731;

/** One attempt at a bulk writer's transaction (its caller retries when the engine refuses it). */
export function bulkWriterTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (engineOf(db) !== 'postgres') return writeTransaction(db, fn);
  return db.connection().execute(async (conn) => {
    // taken before BEGIN: a serializable transaction's snapshot is fixed by its first statement, so a lock waited for
    // inside it would leave it reading the database as it was before the previous writer committed (and failing)
    await sql`SELECT pg_advisory_lock(${BULK_WRITERS_LOCK})`.execute(conn);
    try {
      return await conn.transaction().setIsolationLevel('serializable').execute(fn);
    } finally {
      await sql`SELECT pg_advisory_unlock(${BULK_WRITERS_LOCK})`.execute(conn);
    }
  });
}

/** One attempt at a serializable write transaction (its caller retries when the engine refuses it). */
export function writeTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (engineOf(db) === 'postgres') return db.transaction().setIsolationLevel('serializable').execute(fn);
  return db.transaction().execute(fn);
}

/** Splits `xs` into runs of at most `n` (IN lists stay under SQLite's variable limit). */
export function chunks<T>(xs: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
