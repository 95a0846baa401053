// What tests read or break below the repositories, said for the engine the database runs on: the search index's rows
// (an FTS5 table keyed by rowid on SQLite, a tsvector per claim_id on PostgreSQL) and a trigger that refuses a write.
import { PostgresAdapter, sql } from 'kysely';
import type { DB } from '../../src/storage/connect.js';

const onPostgres = (db: DB) => db.getExecutor().adapter instanceof PostgresAdapter;

/** The ids of the claims in the search index, ascending. */
export async function indexedClaimIds(db: DB): Promise<number[]> {
  const { rows } = onPostgres(db)
    ? await sql<{ id: number }>`SELECT claim_id AS id FROM claim_fts`.execute(db)
    : await sql<{ id: number }>`SELECT rowid AS id FROM claim_fts`.execute(db);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** How many claims the search index finds with every one of `words` (plain lower-case words). */
export async function countIndexMatches(db: DB, words: string[]): Promise<number> {
  const { rows } = onPostgres(db)
    ? await sql<{ n: number }>`SELECT count(*) AS n FROM claim_fts WHERE document @@ to_tsquery('english', ${words.join(' & ')})`.execute(db)
    : await sql<{ n: number }>`SELECT count(*) AS n FROM claim_fts WHERE claim_fts MATCH ${words.join(' AND ')}`.execute(db);
  return Number(rows[0].n);
}

/** A trigger that makes every UPDATE of `column` in `table` fail with `message` (a real failure, for the paths that handle one). */
export async function refuseUpdatesOf(db: DB, table: string, column: string, message: string): Promise<void> {
  const name = sql.id(`refuse_${table}_${column}`);
  if (onPostgres(db)) {
    await sql`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS ${sql.raw(`$$ BEGIN RAISE EXCEPTION '${message.replace(/'/g, "''")}'; END $$`)}`.execute(
      db,
    );
    await sql`CREATE TRIGGER ${name} BEFORE UPDATE OF ${sql.id(column)} ON ${sql.id(table)} FOR EACH ROW EXECUTE FUNCTION ${name}()`.execute(db);
  } else {
    await sql`CREATE TRIGGER ${name} BEFORE UPDATE OF ${sql.id(column)} ON ${sql.id(table)} BEGIN SELECT RAISE(ABORT, ${sql.lit(message)}); END`.execute(db);
  }
}
