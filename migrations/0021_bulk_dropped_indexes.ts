// Frozen in time: never import application code here.
// A bulk ingest drops the secondary indexes its writes never read and builds them again at its end (building an
// index over the finished rows costs far less than keeping it up to date row by row). Each dropped index is listed
// here, with its CREATE statement, in the same transaction that drops it, so a run that is killed before its end
// leaves them listed and the next ingest or upload builds them again.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE bulk_dropped_index (name TEXT PRIMARY KEY, sql TEXT NOT NULL)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE bulk_dropped_index`.execute(db);
}
