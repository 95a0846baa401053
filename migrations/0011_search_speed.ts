// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { caseInsensitiveKey } from './dialect.js';

// Outlet and date filters together pick their sources by index (outlet equality, then a published_at range).
// source_outlet_idx stays: its rowid order lets an outlet-only search walk sources newest first.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS source_outlet_published_idx ON source(${caseInsensitiveKey(db, 'outlet')}, published_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS source_outlet_published_idx`.execute(db);
}
