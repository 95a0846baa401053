// Frozen in time: never import application code here.
// Every index costs each of the ~20 mentions an article brings; mention(source_id) is the prefix of
// mention_source_start_idx (0002), so it answered no query the other could not.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS mention_source_idx`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS mention_source_idx ON mention (source_id)`.execute(db);
}
