import { sql, type RawBuilder } from 'kysely';
import { MARK_CLOSE, MARK_OPEN } from '../search/fts-query.js';
import { AppError } from '../core/errors.js';
import type { DB } from './connect.js';
import { whereSql } from './sql-where.js';

// Every query that reads claim_fts is built here, so a change to the FTS table's shape touches this file only.
// Queries alias the claim as c and its source as s.

/** The search words could not be understood by FTS5 (the route answers 400 with this message). */
export class SearchSyntaxError extends AppError {
  constructor(message: string, cause: unknown) {
    super('bad_request', message, { cause });
    this.name = 'SearchSyntaxError';
  }
}

/** A SQLite error about an FTS5 expression, as a SearchSyntaxError; anything else as it was. */
export function asSearchSyntaxError(e: unknown): unknown {
  // by its message, not instanceof: better-sqlite3's SqliteError may come from another realm (jest's module registry)
  const message = typeof e === 'object' && e !== null ? (e as { message?: unknown }).message : undefined;
  return typeof message === 'string' && /fts5|MATCH/i.test(message) ? new SearchSyntaxError(message, e) : e;
}

/** FROM the claims matching the words, with their sources. */
export const ftsClaimSourceFrom = (): RawBuilder<unknown> => sql`claim_fts JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id`;

/** The condition that picks the matching rows in a query built on ftsClaimSourceFrom or ftsKeyQuery. */
export const ftsMatches = (fts: string): RawBuilder<unknown> => sql`claim_fts MATCH ${fts}`;

/** The claim id as the FTS index holds it: ordering by it walks the index instead of sorting every match. */
export const ftsClaimId = (): RawBuilder<unknown> => sql`claim_fts.rowid`;

/** A check on claim c (not a way in: the unary +) that it matches the words. */
export const claimMatchesCheck = (fts: string): RawBuilder<unknown> => sql`+c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ${fts})`;

/**
 * Matching claim ids walked from the FTS index: newest stored first, or by bm25 rank. Further conditions on
 * claim c join the claim table; without any, the index alone answers.
 */
export function ftsKeyQuery(fts: string, claimConds: RawBuilder<unknown>[], relevance: boolean): { select: RawBuilder<unknown>; order: RawBuilder<unknown> } {
  const conds = [ftsMatches(fts), ...claimConds];
  const join = conds.length > 1 ? sql`JOIN claim c ON c.id = claim_fts.rowid` : sql``;
  return {
    select: sql`SELECT claim_fts.rowid AS id FROM claim_fts ${join} ${whereSql(conds)}`,
    order: relevance ? sql`ORDER BY claim_fts.rank, claim_fts.rowid DESC` : sql`ORDER BY claim_fts.rowid DESC`,
  };
}

/**
 * `cols` of these claims (c) and their sources (s), with the claim text highlighted by FTS5 as `hl`. The MATCH is
 * bounded by the ids' rowid range (FTS5 seeks to it) and the ids are then picked with a plain check: asking FTS5
 * for each rowid in turn would expand a prefix query like econom* once per claim.
 */
export async function fetchHighlighted<Row>(db: DB, cols: RawBuilder<unknown>, ids: number[], fts: string): Promise<Row[]> {
  return (
    await sql<Row>`
      SELECT ${cols}, highlight(claim_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS hl
      FROM claim_fts CROSS JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id
      WHERE claim_fts MATCH ${fts} AND claim_fts.rowid BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)} AND +claim_fts.rowid IN (${sql.join(ids)})`.execute(
      db,
    )
  ).rows;
}
