// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { doubleType, idColumn } from './dialect.js';

/**
 * Cross-referencing: entity-level suggestions (spelling variants of one person, conflicting place names
 * for one person) and the bookkeeping that makes entity merges reversible.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('entity_link')
    .addColumn('id', 'integer', idColumn(db))
    // same_as: entity_a and entity_b may be one entity; place_conflict: entity_a (a person) is placed in two differently named places
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('entity_a', 'integer', (c) => c.notNull().references('entity.id').onDelete('cascade'))
    .addColumn('entity_b', 'integer', (c) => c.references('entity.id').onDelete('cascade'))
    .addColumn('label_a', 'text', (c) => c.notNull())
    .addColumn('label_b', 'text', (c) => c.notNull())
    // where each label was read: [{source_id, start, end}] for side a and side b
    .addColumn('evidence_json', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('suggested'))
    .addColumn('score', doubleType(db), (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    // identity of the suggestion, so a rejected one is never suggested again
    .addColumn('pair_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('entity_link_status_idx').on('entity_link').columns(['status', 'relation']).execute();
  await db.schema.createIndex('entity_link_a_idx').on('entity_link').column('entity_a').execute();
  await db.schema.createIndex('entity_link_b_idx').on('entity_link').column('entity_b').execute();

  // A merged entity keeps its row (pointing at the survivor) so a merge can be undone with the same ids.
  await db.schema.alterTable('entity').addColumn('merged_into', 'integer').execute();
  await db.schema.createIndex('claim_link_status_idx').on('claim_link').columns(['status', 'relation']).execute();
  await sql`CREATE INDEX IF NOT EXISTS mention_source_start_idx ON mention (source_id, start)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS mention_source_start_idx`.execute(db);
  await db.schema.dropIndex('claim_link_status_idx').ifExists().execute();
  await db.schema.alterTable('entity').dropColumn('merged_into').execute();
  await db.schema.dropTable('entity_link').ifExists().execute();
}
