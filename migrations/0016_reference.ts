// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { doubleType, idColumn } from './dialect.js';

/**
 * Official reference data (e.g. election results) and the marks that set a stored figure beside it:
 * a dataset is replaced whole on re-import; its rows cascade to the marks made from them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reference_dataset')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('licence', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text')
    // the year the figures belong to; a figure said of another year is not compared
    .addColumn('year', 'integer')
    .addColumn('file', 'text')
    .addColumn('file_sha256', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reference_row')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('dataset_id', 'integer', (c) => c.notNull().references('reference_dataset.id').onDelete('cascade'))
    .addColumn('subject_kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('subject_norm', 'text', (c) => c.notNull())
    // a person's surname (normalised), for "Mr Streeting" once the article has named Wes Streeting
    .addColumn('subject_short_norm', 'text')
    .addColumn('context', 'text')
    .addColumn('context_place', 'text')
    .addColumn('context_party', 'text')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('value', doubleType(db), (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reference_row_dataset_idx').on('reference_row').column('dataset_id').execute();
  await db.schema.createIndex('reference_row_subject_idx').on('reference_row').columns(['subject_norm', 'measure']).execute();

  await db.schema
    .createTable('claim_reference')
    .addColumn('claim_id', 'integer', (c) => c.primaryKey().references('claim.id').onDelete('cascade'))
    .addColumn('reference_row_id', 'integer', (c) => c.notNull().references('reference_row.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('official_value', doubleType(db), (c) => c.notNull())
    .addColumn('reported_value', doubleType(db), (c) => c.notNull())
    // the label as shown ("matches official: 528 (House of Commons Library)"), fixed when the mark is made
    .addColumn('label', 'text', (c) => c.notNull())
    // sentence | paragraph: where the place or person was named
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('confidence', doubleType(db), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('claim_reference_row_idx').on('claim_reference').column('reference_row_id').execute();
  await db.schema.createIndex('claim_reference_status_idx').on('claim_reference').columns(['status', 'claim_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS claim_reference`.execute(db);
  await sql`DROP TABLE IF EXISTS reference_row`.execute(db);
  await sql`DROP TABLE IF EXISTS reference_dataset`.execute(db);
}
