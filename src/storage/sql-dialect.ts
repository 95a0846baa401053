import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { engineOf } from './engine.js';

// SQL that must differ between SQLite and PostgreSQL, as small fragments keyed on the executor's engine:
// repositories call these instead of testing the engine themselves.

// ---- Repositories (sweep) ------------------------------------------------------------------------

// biome-ignore lint/suspicious/noExplicitAny: a database or a transaction of any schema
type AnyExecutor = Kysely<any>;
type Fragment = Expression<unknown> | RawBuilder<unknown>;

/** `expr` as an ORDER BY key ignoring case: SQLite's NOCASE collation, lower() on PostgreSQL (which has no NOCASE). */
export function caseInsensitiveKey(ex: AnyExecutor, expr: Fragment): RawBuilder<unknown> {
  return engineOf(ex) === 'postgres' ? sql`lower(${expr})` : sql`${expr} COLLATE NOCASE`;
}

/** `expr = value` ignoring case; on PostgreSQL both sides lowered (the migrations index lower(col) for it). */
export function equalsIgnoreCase(ex: AnyExecutor, expr: Fragment, value: string): RawBuilder<boolean> {
  return engineOf(ex) === 'postgres' ? sql<boolean>`lower(${expr}) = lower(${value})` : sql<boolean>`${expr} = ${value} COLLATE NOCASE`;
}

/**
 * `expr` compared byte by byte (code point order), as SQLite always compares text: PostgreSQL compares by the
 * database's collation, where punctuation and "\uffff" ceilings need not sort as bytes do.
 */
export function byteOrder(ex: AnyExecutor, expr: Fragment): RawBuilder<unknown> {
  return engineOf(ex) === 'postgres' ? sql`${expr} COLLATE "C"` : sql`${expr}`;
}

/** The greater of two values, ignoring a NULL one (NULL only when both are): SQLite's two-argument max() is NULL if either is. */
export function greatestNonNull(ex: AnyExecutor, a: Fragment, b: Fragment): RawBuilder<unknown> {
  return engineOf(ex) === 'postgres' ? sql`greatest(${a}, ${b})` : sql`coalesce(max(${a}, ${b}), ${a}, ${b})`;
}

export interface IndexDefinition {
  name: string;
  /** the statement that creates it again, as the engine's catalog holds it */
  sql: string;
}

/** Of these index names, the indexes that exist, with their CREATE statements (sqlite_master or pg_indexes). */
export async function indexDefinitions(ex: AnyExecutor, names: readonly string[]): Promise<IndexDefinition[]> {
  if (!names.length) return [];
  const list = sql.join(names.map((n) => sql`${n}`));
  const query =
    engineOf(ex) === 'postgres'
      ? sql<IndexDefinition>`SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN (${list}) ORDER BY indexname`
      : sql<IndexDefinition>`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${list}) AND sql IS NOT NULL ORDER BY name`;
  return (await query.execute(ex)).rows;
}
