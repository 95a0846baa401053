import type { Transaction } from 'kysely';
import type { DB } from './connect.js';
import type { Database } from './database.js';

/** An open transaction: repositories take it (or the database) first. */
export type Tx = Transaction<Database>;

/** The database or a transaction: what a repository function runs its queries on. */
export type Executor = DB | Tx;

/** Runs `fn` in one transaction (BEGIN IMMEDIATE): everything it writes lands, or nothing does. */
export function inTransaction<T>(db: DB, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

/** Splits `xs` into runs of at most `n` (IN lists stay under SQLite's variable limit). */
export function chunks<T>(xs: T[], n = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}
