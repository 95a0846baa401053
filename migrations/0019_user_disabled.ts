// Frozen in time: never import application code here.
import type { Kysely } from 'kysely';

/** Accounts can be disabled (kept, with their history, but unable to log in): when, and by whom. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('disabled_at', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('disabled_by', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('app_user').dropColumn('disabled_by').execute();
  await db.schema.alterTable('app_user').dropColumn('disabled_at').execute();
}
