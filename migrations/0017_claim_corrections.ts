// Frozen in time: never import application code here.
import type { Kysely } from 'kysely';

/**
 * Editors correct and withdraw claims. A corrected claim keeps its extractor and names who corrected it (and what
 * the extractor had said, so a re-extraction does not add it again); a withdrawn claim is kept with who, when, why.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const col of ['updated_by', 'corrected_by', 'corrected_at', 'corrected_from_json', 'withdrawn_at', 'withdrawn_by', 'withdrawn_reason']) {
    await db.schema.alterTable('claim').addColumn(col, 'text').execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const col of ['withdrawn_reason', 'withdrawn_by', 'withdrawn_at', 'corrected_from_json', 'corrected_at', 'corrected_by', 'updated_by']) {
    await db.schema.alterTable('claim').dropColumn(col).execute();
  }
}
