// Frozen in time: never import application code here.
import type { Kysely } from 'kysely';

/** An editor's reason for confirming or rejecting a suggestion (the board's work queue), beside who and when. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim_link').addColumn('decision_note', 'text').execute();
  await db.schema.alterTable('entity_link').addColumn('decision_note', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('entity_link').dropColumn('decision_note').execute();
  await db.schema.alterTable('claim_link').dropColumn('decision_note').execute();
}
