import { inTransaction } from './transaction.js';
import { sql } from 'kysely';
import { retryOnBusy } from './busy-retry.js';
import type { DB } from './connect.js';
import { indexDefinitions } from './sql-dialect.js';

/** A bulk ingest of at least this many documents drops the indexes below while it writes. */
export const BULK_INDEX_MIN_DOCUMENTS = 500;

/**
 * Secondary indexes that no read of the ingest's writes uses (entity lookups go by entity_alias_norm_idx, versions
 * by source_file_idx / source_url_idx, a new version's claims by claim_source_idx; unique indexes always stay).
 * Their rows land in random order, so keeping them up to date cost more than the inserts themselves.
 */
export const BULK_DROPPABLE_INDEXES = [
  'claim_speaker_idx',
  'claim_kind_idx',
  'claim_speaker_name_idx',
  'claim_speaker_order_idx',
  'mention_entity_idx',
  'entity_alias_entity_idx',
  'entity_name_idx',
];

/** Drops the droppable indexes that exist, listing each (with its CREATE statement) in the same transaction. */
export async function dropIndexesForBulk(db: DB): Promise<void> {
  await retryOnBusy(() =>
    inTransaction(db, async (trx) => {
      for (const r of await indexDefinitions(trx, BULK_DROPPABLE_INDEXES)) {
        await sql`INSERT INTO bulk_dropped_index (name, sql) VALUES (${r.name}, ${r.sql}) ON CONFLICT (name) DO UPDATE SET sql = excluded.sql`.execute(trx);
        await sql`DROP INDEX ${sql.id(r.name)}`.execute(trx);
      }
    }),
  );
}

/** Builds again every index a bulk ingest dropped (this run's, or a killed run's) and clears the list. */
export async function restoreBulkIndexes(db: DB): Promise<void> {
  const listed = await sql<{ n: number }>`SELECT count(*) AS n FROM bulk_dropped_index`.execute(db);
  if (!Number(listed.rows[0]?.n ?? 0)) return;
  await retryOnBusy(() =>
    inTransaction(db, async (trx) => {
      const { rows } = await sql<{ name: string; sql: string }>`SELECT name, sql FROM bulk_dropped_index ORDER BY name`.execute(trx);
      const names = rows.map((r) => r.name);
      const present = new Set((await indexDefinitions(trx, names)).map((i) => i.name));
      // the statements are the engine's own, as its catalog held them when the index was dropped
      for (const r of rows) if (!present.has(r.name)) await sql.raw(r.sql).execute(trx);
      await sql`DELETE FROM bulk_dropped_index`.execute(trx);
    }),
  );
}
