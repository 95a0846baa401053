// Frozen in time: never import application code here.
import type { Kysely } from 'kysely';

/** An annotation written by an undo points at the audit event it reverted, so history can say so. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annotation').addColumn('undoes_event_id', 'integer').execute();
  await db.schema.createIndex('audit_event_target_idx').on('audit_event').columns(['target_type', 'target_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_event_target_idx').ifExists().execute();
  await db.schema.alterTable('annotation').dropColumn('undoes_event_id').execute();
}
