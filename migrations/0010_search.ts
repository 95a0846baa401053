// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { caseInsensitiveKey } from './dialect.js';

// Indexes for search filters: speaker name fallback, outlet equality (both case-insensitive) and date order.
// Case-insensitive keys are COLLATE NOCASE on SQLite and lower(column) on PostgreSQL (queries compare lower() there).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS claim_speaker_name_idx ON claim(${caseInsensitiveKey(db, 'speaker_name')})`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS source_outlet_idx ON source(${caseInsensitiveKey(db, 'outlet')})`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS source_published_idx ON source(published_at)`.execute(db);
  // a speaker's claims in page order (newest source first) without sorting them all
  await sql`CREATE INDEX IF NOT EXISTS claim_speaker_order_idx ON claim(speaker_entity_id, source_id, start)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS citation_list_item_order_idx ON citation_list_item(list_id, position, claim_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const i of ['claim_speaker_order_idx', 'claim_speaker_name_idx', 'source_outlet_idx', 'source_published_idx', 'citation_list_item_order_idx'])
    await sql.raw(`DROP INDEX IF EXISTS ${i}`).execute(db);
}
