import type { Transaction } from 'kysely';
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
