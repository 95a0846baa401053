import { sql, type RawBuilder } from 'kysely';
import { parseSearchQuery, type SearchQuery } from '../search/fts-query.js';
import type { SearchFilters } from '../search/search-types.js';
import { claimMatchesCheck, ftsClaimSourceFrom, ftsKeyQuery, ftsMatches } from './claim-fts.js';
import type { DB } from './connect.js';
import { resolveSpeaker, type Speaker } from './speaker.repository.js';
import { byCodePoint, caseInsensitiveEquals, checkOnly, joinInOrder, tableByIndex } from './sql-dialect.js';
import { whereSql } from './sql-where.js';

export interface SearchPlan {
  /** FROM (claim c, source s, and claim_fts when searching words) and WHERE, for the export */
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  /** the words to search for, or null when none were typed (or none were understood) */
  words: SearchQuery | null;
  terms: string[];
  speakerEntities: Speaker[];
  /** conditions on claim c alone (kind, verdict, the speaker) */
  claimWhere: RawBuilder<unknown>[];
  /** conditions on source s alone (outlet, dates) */
  sourceWhere: RawBuilder<unknown>[];
  /** the speaker condition is on an indexed entity id (not the typed-name fallback) */
  bySpeakerEntity: boolean;
}

// A partial date compared as a prefix of published_at, written as a range so an index can serve it:
// substr(p, 1, len(from)) >= from  ⇔  p >= from;  substr(p, 1, len(to)) <= to  ⇔  p < to || U+FFFF.
const DATE_CEILING = '\uffff';

/** What to filter on for a search, shared by the page query, the count and the export. */
export async function planSearch(db: DB, f: SearchFilters): Promise<SearchPlan> {
  const parsed = parseSearchQuery(f.q);
  const words = parsed.parts.length ? parsed : null;
  const claimWhere: RawBuilder<unknown>[] = [];
  const sourceWhere: RawBuilder<unknown>[] = [];
  let speakerEntities: Speaker[] = [];
  let bySpeakerEntity = false;
  if (f.speaker?.trim()) {
    speakerEntities = await resolveSpeaker(db, f.speaker);
    bySpeakerEntity = speakerEntities.length > 0;
    if (speakerEntities.length === 1) claimWhere.push(sql`c.speaker_entity_id = ${speakerEntities[0].id}`);
    else if (speakerEntities.length) claimWhere.push(sql`c.speaker_entity_id IN (${sql.join(speakerEntities.map((e) => e.id))})`);
    else claimWhere.push(caseInsensitiveEquals(db, sql`c.speaker_name`, f.speaker.trim()));
  }
  if (!f.include_withdrawn) claimWhere.push(sql`c.withdrawn_at IS NULL`);
  if (f.kind) claimWhere.push(sql`c.kind = ${f.kind}`);
  if (f.verdict) claimWhere.push(sql`c.verdict = ${f.verdict}`);
  if (f.min_confidence !== undefined && f.min_confidence > 0) claimWhere.push(sql`c.confidence >= ${f.min_confidence}`);
  if (f.official === 'any') claimWhere.push(sql`c.id IN (SELECT claim_id FROM claim_reference)`);
  else if (f.official) claimWhere.push(sql`c.id IN (SELECT claim_id FROM claim_reference WHERE status = ${f.official})`);
  if (f.outlet?.trim()) sourceWhere.push(caseInsensitiveEquals(db, sql`s.outlet`, f.outlet.trim()));
  // dates compare by code point, so the ceiling sorts after every suffix whatever the database's collation
  if (f.from) sourceWhere.push(sql`${byCodePoint(db, sql`s.published_at`)} >= ${f.from}`);
  if (f.to) sourceWhere.push(sql`${byCodePoint(db, sql`s.published_at`)} < ${f.to + DATE_CEILING}`);
  const from = words ? ftsClaimSourceFrom(db) : sql`claim c JOIN source s ON s.id = c.source_id`;
  const where = [...(words ? [ftsMatches(db, words)] : []), ...claimWhere, ...sourceWhere];
  return { from, where, words, terms: parsed.terms, speakerEntities, claimWhere, sourceWhere, bySpeakerEntity };
}

/**
 * The query that picks matching claim ids in page order, chosen so SQLite walks an index in that order and
 * stops after a page (or after COUNT_CAP + 1 for the count) instead of gathering and sorting every match:
 * - words, newest first: the FTS index backwards; a speaker instead drives from their claims (few) and checks
 *   each against the set of word matches, since a speaker's share of a common word's matches may be tiny;
 * - no words: a speaker's claims by claim_speaker_order_idx; else an outlet's sources newest first and their
 *   claims; else the claims of the sources that pass the date (and outlet) filters, picked by source index, in
 *   source order; else all claims by claim_source_idx.
 * Source filters become `source_id IN (matching sources)`, so no query joins source for every candidate.
 */
export function searchKeyQuery(db: DB, plan: SearchPlan, f: SearchFilters): { select: RawBuilder<unknown>; order: RawBuilder<unknown> } {
  const sources = plan.sourceWhere.length ? sql`(SELECT s.id FROM source s ${whereSql(plan.sourceWhere)})` : null;
  const sourceCheck = sources ? [sql`${checkOnly(db, sql`c.source_id`)} IN ${sources}`] : [];
  if (plan.words && (f.sort === 'relevance' || !plan.bySpeakerEntity))
    return ftsKeyQuery(db, plan.words, [...plan.claimWhere, ...sourceCheck], f.sort === 'relevance');
  if (plan.words) {
    const conds = [...plan.claimWhere, claimMatchesCheck(db, plan.words), ...sourceCheck];
    return { select: sql`SELECT c.id FROM ${tableByIndex(db, sql`claim c`, 'claim_speaker_idx')} ${whereSql(conds)}`, order: sql`ORDER BY c.id DESC` };
  }
  if (sources && !plan.bySpeakerEntity && !f.from && !f.to) {
    // outlet only: walk that outlet's sources newest first (source_outlet_idx ends in the rowid) and their claims
    const conds = [...plan.sourceWhere, ...plan.claimWhere];
    return {
      select: sql`SELECT c.id FROM source s ${joinInOrder(db)} claim c ON c.source_id = s.id ${whereSql(conds)}`,
      order: sql`ORDER BY s.id DESC, c.start DESC`,
    };
  }
  const conds = plan.bySpeakerEntity || !sources ? [...plan.claimWhere, ...sourceCheck] : [sql`c.source_id IN ${sources}`, ...plan.claimWhere];
  return { select: sql`SELECT c.id FROM claim c ${whereSql(conds)}`, order: sql`ORDER BY c.source_id DESC, c.start DESC` };
}
