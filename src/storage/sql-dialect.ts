import { type RawBuilder, sql } from 'kysely';
import { engineOf } from './engine.js';
import type { Executor } from './transaction.js';

// Where SQLite and PostgreSQL need different SQL for the same meaning: small functions taking the executor and
// returning a fragment, so repositories never branch on the engine themselves.

// ---- search path (search-plan, speaker, export-rows, claim-fts) ----------------------------------------------

/** `col` equals `value` ignoring case (ASCII case on SQLite's NOCASE; lower() on PostgreSQL, which its indexes use). */
export function caseInsensitiveEquals(db: Executor, col: RawBuilder<unknown>, value: string): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`lower(${col}) = lower(${value})` : sql`${col} = ${value} COLLATE NOCASE`;
}

/** `haystack` contains `needle` (case-sensitive), as a condition. */
export function containsText(db: Executor, haystack: RawBuilder<unknown>, needle: string): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`strpos(${haystack}, ${needle}) > 0` : sql`instr(${haystack}, ${needle}) > 0`;
}

/** `expr` compared by code point (SQLite's default; PostgreSQL would otherwise use the database's collation). */
export function byCodePoint(db: Executor, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`${expr} COLLATE "C"` : expr;
}

/**
 * `expr` as a check on each row rather than a way in: SQLite's unary + keeps its planner from driving the query
 * from an index on it. PostgreSQL's planner costs its choices, so there it is the plain expression.
 */
export function checkOnly(db: Executor, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? expr : sql`+${expr}`;
}

/** A table named with the index SQLite must read it by (`claim c INDEXED BY idx`); PostgreSQL chooses its own. */
export function tableByIndex(db: Executor, table: RawBuilder<unknown>, index: string): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? table : sql`${table} INDEXED BY ${sql.raw(index)}`;
}

/** An inner join kept in the written order (SQLite's CROSS JOIN … ON); PostgreSQL orders joins itself. */
export function joinInOrder(db: Executor): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`JOIN` : sql`CROSS JOIN`;
}

/** Whether `table` (in the current schema) has a column named `column`. */
export async function hasColumn(db: Executor, table: string, column: string): Promise<boolean> {
  if (engineOf(db) === 'postgres') {
    const rows = await sql<{ one: number }>`
      SELECT 1 AS one FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} AND column_name = ${column}`.execute(db);
    return rows.rows.length > 0;
  }
  const cols = (await sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`.execute(db)).rows;
  return cols.some((c) => c.name === column);
}

// ---- end of the search path's helpers --------------------------------------------------------------------------

// ---- repositories (sweep: lists, sources, board, entities, bulk indexes) ----------------------------------------

/** `expr` as an ORDER BY key ignoring case: SQLite's NOCASE collation, lower() on PostgreSQL (which has no NOCASE). */
export function caseInsensitiveKey(db: Executor, expr: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`lower(${expr})` : sql`${expr} COLLATE NOCASE`;
}

/** The greater of two values, ignoring a NULL one (NULL only when both are): SQLite's two-argument max() is NULL if either is. */
export function greatestNonNull(db: Executor, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return engineOf(db) === 'postgres' ? sql`greatest(${a}, ${b})` : sql`coalesce(max(${a}, ${b}), ${a}, ${b})`;
}

export interface IndexDefinition {
  name: string;
  /** the statement that creates it again, as the engine's catalog holds it */
  sql: string;
}

/** Of these index names, the indexes that exist (in the current schema), with their CREATE statements, by name. */
export async function indexDefinitions(db: Executor, names: readonly string[]): Promise<IndexDefinition[]> {
  if (!names.length) return [];
  const list = sql.join(names.map((n) => sql`${n}`));
  const query =
    engineOf(db) === 'postgres'
      ? sql<IndexDefinition>`SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (${list}) ORDER BY indexname`
      : sql<IndexDefinition>`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${list}) AND sql IS NOT NULL ORDER BY name`;
  return (await query.execute(db)).rows;
}

// ---- end of the repositories' helpers ----------------------------------------------------------------------------
