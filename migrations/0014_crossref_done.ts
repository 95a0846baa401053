// Frozen in time: never import application code here.
// A source is marked cross-referenced in the transaction that stores its links, so a run killed between
// storing sources and cross-referencing them leaves them marked 0, and the next ingest or start finishes them.
// Sources stored before this migration start at 0 too: one full comparison on the next run, then incremental.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('source')
    .addColumn('crossref_done', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`CREATE INDEX source_crossref_pending_idx ON source (id) WHERE crossref_done = 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS source_crossref_pending_idx`.execute(db);
  await db.schema.alterTable('source').dropColumn('crossref_done').execute();
}
