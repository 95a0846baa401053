// Frozen in time: never import application code here.
// What the migrations need to say differently on PostgreSQL. On SQLite every helper gives exactly what the
// migrations wrote before they ran on both engines, so an SQLite schema stays byte-identical (a test checks it).
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, type RawBuilder, sql } from 'kysely';

/** True on PostgreSQL; works on a Kysely and on a Transaction (the migrator runs PostgreSQL's in one). */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An integer primary key the database numbers (SQLite's autoincrement; an identity column on PostgreSQL). */
export function idColumn(db: Kysely<any>): (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder {
  return isPostgres(db) ? (c) => c.generatedByDefaultAsIdentity().primaryKey() : (c) => c.primaryKey().autoIncrement();
}

/** A floating-point column: SQLite's real is 8 bytes, PostgreSQL's real only 4, so double precision there. */
export function doubleType(db: Kysely<any>): 'real' | 'double precision' {
  return isPostgres(db) ? 'double precision' : 'real';
}

/** A case-insensitive index key on a column: COLLATE NOCASE on SQLite, lower(column) on PostgreSQL. */
export function caseInsensitiveKey(db: Kysely<any>, column: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `lower(${column})` : `${column} COLLATE NOCASE`);
}

/** The smaller of two values (SQLite's two-argument min is PostgreSQL's least). */
export function smallerOf(db: Kysely<any>, a: string, b: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `least(${a}, ${b})` : `min(${a}, ${b})`);
}

/** The larger of two values (SQLite's two-argument max is PostgreSQL's greatest). */
export function largerOf(db: Kysely<any>, a: string, b: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `greatest(${a}, ${b})` : `max(${a}, ${b})`);
}

/** Equality where NULL equals NULL (SQLite's IS, PostgreSQL's IS NOT DISTINCT FROM). */
export function sameValue(db: Kysely<any>, a: string, b: string): RawBuilder<unknown> {
  return sql.raw(isPostgres(db) ? `${a} IS NOT DISTINCT FROM ${b}` : `${a} IS ${b}`);
}
