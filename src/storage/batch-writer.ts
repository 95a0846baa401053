import type { Transaction } from 'kysely';
import { isBusyError, retryOnBusy } from './busy-retry.js';
import { type DB, hotPathFor } from './connect.js';
import type { Database } from './database.js';
import type { HotPath } from './prepared-statements.js';
import { deferSearchIndex, indexDeferredClaims } from './search-index.js';
import { bulkWriterTransaction } from './transaction.js';

/** How many sources, or how much time, one commit may group during a bulk ingest. */
export const BATCH_MAX_ITEMS = 100;
const BATCH_MAX_MS = 500;

export type UnitOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** One unit's writes: on the group's transaction, with the hot path bound to it. */
export type UnitWork<T> = (trx: Transaction<Database>, hot: HotPath) => Promise<T>;

interface PendingUnit {
  work: UnitWork<unknown>;
  done: (outcome: UnitOutcome<unknown>) => void;
}

export interface BatchWriterOptions {
  maxItems?: number;
  maxMs?: number;
  /** called whenever writes are rolled back (one unit, or a whole group before it is written again) */
  onRollback?: () => void;
}

/**
 * Queues small units of work and writes them in groups: one IMMEDIATE transaction per group, each unit
 * atomic in its own SAVEPOINT (a failing unit rolls back alone). Committing every source separately
 * rewrote the same B-tree and FTS pages thousands of times. The work before a unit (reading, parsing,
 * extracting) happens outside the transaction, so the write lock is held only while a group is written
 * and other writers (the web app) get in between groups. When the lock is busy the whole group is
 * rolled back and written again; a unit is never failed because another writer was busy. A crash loses
 * at most the group being written, which a re-run adds again (ingest is idempotent).
 */
export class BatchWriter {
  private pending: PendingUnit[] = [];
  private firstQueuedAt = 0;
  private readonly maxItems: number;
  private readonly maxMs: number;

  constructor(
    private readonly db: DB,
    private readonly options: BatchWriterOptions = {},
  ) {
    this.maxItems = options.maxItems ?? BATCH_MAX_ITEMS;
    this.maxMs = options.maxMs ?? BATCH_MAX_MS;
  }

  /** Queues `work`; `done` gets its outcome once its group is committed. Writes the group when it is full or old. */
  async add<T>(work: UnitWork<T>, done: (outcome: UnitOutcome<T>) => void): Promise<void> {
    if (!this.pending.length) this.firstQueuedAt = Date.now();
    this.pending.push({ work, done: done as (o: UnitOutcome<unknown>) => void });
    if (this.pending.length >= this.maxItems || Date.now() - this.firstQueuedAt >= this.maxMs) await this.flush();
  }

  /** Writes and commits what is queued (safe to call when nothing is). */
  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const units = this.pending;
    this.pending = [];
    const outcomes = await retryOnBusy(() => this.writeGroup(units));
    for (const [i, u] of units.entries()) u.done(outcomes[i]);
  }

  /** Drops what is queued without writing it. */
  discard(): void {
    this.pending = [];
  }

  private async writeGroup(units: PendingUnit[]): Promise<UnitOutcome<unknown>[]> {
    try {
      return await bulkWriterTransaction(this.db, async (trx) => {
        // the savepoint statements go straight to the connection (Kysely's savepoint API costs more than the unit's inserts)
        const hot = hotPathFor(this.db, trx);
        const outcomes: UnitOutcome<unknown>[] = [];
        // the group's claims are indexed for search together at the end (one FTS segment, not one per savepoint)
        const indexedUpTo = await deferSearchIndex(hot);
        for (const unit of units) {
          await hot.run('SAVEPOINT ingest_unit');
          try {
            const value = await unit.work(trx, hot);
            await hot.run('RELEASE ingest_unit');
            outcomes.push({ ok: true, value });
          } catch (error) {
            await hot.run('ROLLBACK TO ingest_unit');
            await hot.run('RELEASE ingest_unit');
            this.options.onRollback?.();
            if (isBusyError(error)) throw error; // the whole group again, later
            outcomes.push({ ok: false, error });
          }
        }
        await indexDeferredClaims(hot, indexedUpTo);
        return outcomes;
      });
    } catch (e) {
      this.options.onRollback?.();
      throw e;
    }
  }
}
