// Frozen in time: never import application code here.
// Bulk ingest indexes its claims for search once per written group instead of one by one: FTS5 flushes its
// pending terms to a new segment at every SAVEPOINT release, and each source is written in a savepoint of its own,
// so indexing claim by claim made one tiny segment (and the merges after it) per source: half of all storing time.
// While a row in claim_fts_deferred says so, claims after its after_id are not indexed by the triggers; the writer
// indexes them (as they are then) before it clears the row, in the same transaction. Claims up to after_id, and
// every other writer, are indexed by the triggers as before.
// On PostgreSQL the table exists too (so code paths stay alike), but its triggers always index at once: a GIN index
// has no per-savepoint segments to avoid.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './dialect.js';

const FTS_ROW = sql`SELECT new.id, new.exact, coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '')
    FROM source s WHERE s.id = new.source_id`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE TABLE claim_fts_deferred (after_id INTEGER NOT NULL)`.execute(db);
  if (isPostgres(db)) return;
  await sql`DROP TRIGGER claim_fts_insert`.execute(db);
  await sql`DROP TRIGGER claim_fts_update`.execute(db);
  await sql`CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim
    WHEN NOT EXISTS (SELECT 1 FROM claim_fts_deferred d WHERE new.id > d.after_id) BEGIN
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title) ${FTS_ROW};
  END`.execute(db);
  await sql`CREATE TRIGGER claim_fts_update AFTER UPDATE OF exact, speaker_name, speaker_text ON claim
    WHEN NOT EXISTS (SELECT 1 FROM claim_fts_deferred d WHERE new.id > d.after_id) BEGIN
    DELETE FROM claim_fts WHERE rowid = old.id;
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title) ${FTS_ROW};
  END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`DROP TABLE claim_fts_deferred`.execute(db);
    return;
  }
  await sql`DROP TRIGGER claim_fts_insert`.execute(db);
  await sql`DROP TRIGGER claim_fts_update`.execute(db);
  await sql`CREATE TRIGGER claim_fts_insert AFTER INSERT ON claim BEGIN
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title) ${FTS_ROW};
  END`.execute(db);
  await sql`CREATE TRIGGER claim_fts_update AFTER UPDATE OF exact, speaker_name, speaker_text ON claim BEGIN
    DELETE FROM claim_fts WHERE rowid = old.id;
    INSERT INTO claim_fts(rowid, exact, speaker, outlet, title) ${FTS_ROW};
  END`.execute(db);
  await sql`DROP TABLE claim_fts_deferred`.execute(db);
}
