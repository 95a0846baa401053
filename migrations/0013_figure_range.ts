// Frozen in time: never import application code here.
// A figure may be a range ("$20 to $30 billion"): value holds the lower bound, value_max the upper one.
import type { Kysely } from 'kysely';
import { doubleType } from './dialect.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').addColumn('value_max', doubleType(db)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('claim').dropColumn('value_max').execute();
}
