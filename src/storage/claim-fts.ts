import { type RawBuilder, sql } from 'kysely';
import { AppError } from '../core/errors.js';
import { MARK_CLOSE, MARK_OPEN, renderFts5, renderTsquery, type SearchQuery } from '../search/fts-query.js';
import type { DB } from './connect.js';
import { engineOf } from './engine.js';
import { whereSql } from './sql-where.js';
import type { Executor } from './transaction.js';

// Every query that reads claim_fts is built here, so a change to the search table's shape touches this file only.
// Queries alias the claim as c and its source as s. Each function has a SQLite twin (FTS5 virtual table, rowid =
// claim id) and a PostgreSQL twin (claim_fts(claim_id, document tsvector) with a GIN index), chosen by engineOf.

/** The search words could not be understood by the search engine (the route answers 400 with this message). */
export class SearchSyntaxError extends AppError {
  constructor(message: string, cause: unknown) {
    super('bad_request', message, { cause });
    this.name = 'SearchSyntaxError';
  }
}

/** A database error about an FTS5 expression or a tsquery, as a SearchSyntaxError; anything else as it was. */
export function asSearchSyntaxError(e: unknown): unknown {
  // by its message, not instanceof: the driver's error class may come from another realm (jest's module registry)
  const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof message === 'string' && /fts5|MATCH|tsquery/i.test(message) ? new SearchSyntaxError(message, e) : e;
}

const isPostgres = (db: Executor) => engineOf(db) === 'postgres';

// Both renderers give null only for a query without parts, which callers never pass (they test parts first).
const fts5 = (q: SearchQuery) => renderFts5(q) ?? '""';
// to_tsquery with an explicit configuration is immutable: PostgreSQL computes it once per statement
const tsquery = (q: SearchQuery) => sql`to_tsquery('english', ${renderTsquery(q) ?? ''})`;

/** FROM the claims matching the words, with their sources. */
export function ftsClaimSourceFrom(db: Executor): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`claim_fts JOIN claim c ON c.id = claim_fts.claim_id JOIN source s ON s.id = c.source_id`
    : sql`claim_fts JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id`;
}

/** The condition that picks the matching rows in a query built on ftsClaimSourceFrom or ftsKeyQuery. */
export function ftsMatches(db: Executor, q: SearchQuery): RawBuilder<unknown> {
  return isPostgres(db) ? sql`claim_fts.document @@ ${tsquery(q)}` : sql`claim_fts MATCH ${fts5(q)}`;
}

/** The claim id as the search table holds it: on SQLite, ordering by it walks the FTS index instead of sorting every match. */
export function ftsClaimId(db: Executor): RawBuilder<unknown> {
  return isPostgres(db) ? sql`claim_fts.claim_id` : sql`claim_fts.rowid`;
}

/** A check on claim c that it matches the words (on SQLite not a way in: the unary +). */
export function claimMatchesCheck(db: Executor, q: SearchQuery): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`c.id IN (SELECT claim_id FROM claim_fts WHERE document @@ ${tsquery(q)})`
    : sql`+c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ${fts5(q)})`;
}

/**
 * Matching claim ids: newest stored first (claim id descending), or by relevance (FTS5's bm25 rank; ts_rank_cd
 * on PostgreSQL), ties newest first. Further conditions on claim c join the claim table; without any, the search
 * table alone answers.
 */
export function ftsKeyQuery(
  db: Executor,
  q: SearchQuery,
  claimConds: RawBuilder<unknown>[],
  relevance: boolean,
): { select: RawBuilder<unknown>; order: RawBuilder<unknown> } {
  const conds = [ftsMatches(db, q), ...claimConds];
  const id = ftsClaimId(db);
  const join = conds.length > 1 ? sql`JOIN claim c ON c.id = ${id}` : sql``;
  const select = sql`SELECT ${id} AS id FROM claim_fts ${join} ${whereSql(conds)}`;
  if (!relevance) return { select, order: sql`ORDER BY ${id} DESC` };
  const rank = isPostgres(db) ? sql`ts_rank_cd(claim_fts.document, ${tsquery(q)}) DESC` : sql`claim_fts.rank`;
  return { select, order: sql`ORDER BY ${rank}, ${id} DESC` };
}

/** `cols` of these claims (c) and their sources (s), with the claim text highlighted between MARK_OPEN and MARK_CLOSE as `hl`. */
export async function fetchHighlighted<Row>(db: DB, cols: RawBuilder<unknown>, ids: number[], q: SearchQuery): Promise<Row[]> {
  if (isPostgres(db)) {
    // HighlightAll: the whole claim text, not fragments; the web layer escapes each segment
    const options = `StartSel="${MARK_OPEN}", StopSel="${MARK_CLOSE}", HighlightAll=true`;
    return (
      await sql<Row>`
        SELECT ${cols}, ts_headline('english', c.exact, ${tsquery(q)}, ${options}) AS hl
        FROM claim c JOIN source s ON s.id = c.source_id
        WHERE c.id IN (${sql.join(ids)})`.execute(db)
    ).rows;
  }
  // The MATCH is bounded by the ids' rowid range (FTS5 seeks to it) and the ids are then picked with a plain check:
  // asking FTS5 for each rowid in turn would expand a prefix query like econom* once per claim.
  return (
    await sql<Row>`
      SELECT ${cols}, highlight(claim_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS hl
      FROM claim_fts CROSS JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id
      WHERE claim_fts MATCH ${fts5(q)} AND claim_fts.rowid BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)} AND +claim_fts.rowid IN (${sql.join(ids)})`.execute(
      db,
    )
  ).rows;
}
