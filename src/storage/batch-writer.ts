import type { ControlledTransaction, Transaction } from 'kysely';
import { type DB, preparedStatementsOf } from './connect.js';
import type { Database } from './database.js';

/** How many sources, or how much time, one commit may group during a bulk ingest. */
export const BATCH_MAX_ITEMS = 100;
export const BATCH_MAX_MS = 500;

/**
 * Runs many small units of work, each atomic in its own SAVEPOINT (SQLite's nested transaction:
 * a failing unit rolls back alone and leaves the others), and commits them in groups. Committing
 * every source separately rewrote the same B-tree and FTS pages thousands of times; grouping keeps
 * each source all-or-nothing while a crash loses at most the last uncommitted group, which a
 * re-run adds again (ingest is idempotent).
 */
export class BatchWriter {
  private trx: ControlledTransaction<Database> | null = null;
  private items = 0;
  private openedAt = 0;

  constructor(
    private readonly db: DB,
    private readonly maxItems = BATCH_MAX_ITEMS,
    private readonly maxMs = BATCH_MAX_MS,
  ) {}

  /** Runs `work` atomically; on error its writes are rolled back and the error is rethrown. */
  async run<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    if (!this.trx) {
      this.trx = await this.db.startTransaction().execute();
      this.openedAt = Date.now();
    }
    // the savepoint statements go straight to the connection (Kysely's savepoint API costs more than the unit's inserts)
    const prepared = preparedStatementsOf(this.db);
    prepared.run('SAVEPOINT ingest_unit');
    let result: T;
    try {
      result = await work(this.trx as unknown as Transaction<Database>);
    } catch (e) {
      prepared.run('ROLLBACK TO ingest_unit');
      prepared.run('RELEASE ingest_unit');
      throw e;
    }
    prepared.run('RELEASE ingest_unit');
    if (++this.items >= this.maxItems || Date.now() - this.openedAt >= this.maxMs) await this.commit();
    return result;
  }

  /** Commits what is pending; call once at the end (and it is safe to call when nothing is pending). */
  commit(): Promise<void> {
    return this.finish('commit');
  }

  /** Rolls back what is pending (after an unexpected failure outside any unit). */
  rollback(): Promise<void> {
    return this.finish('rollback');
  }

  private async finish(how: 'commit' | 'rollback'): Promise<void> {
    if (!this.trx) return;
    const trx = this.trx;
    this.trx = null;
    this.items = 0;
    await (how === 'commit' ? trx.commit() : trx.rollback()).execute();
  }
}
