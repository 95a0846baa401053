import { sql } from 'kysely';
import { type SearchQuery, splitHighlighted } from '../search/fts-query.js';
import { COUNT_CAP, type SearchFilters, type SearchHit, type SearchResult } from '../search/search-types.js';
import { asSearchSyntaxError, fetchHighlighted } from './claim-fts.js';
import { findConflicts, findOfficialSummaries } from './claim-flags.repository.js';
import type { DB } from './connect.js';
import { planSearch, searchKeyQuery } from './search-plan.js';

export { SearchSyntaxError } from './claim-fts.js';

/** One page of the claims matching the filters, with a capped count; words the search engine refuses throw SearchSyntaxError. */
export async function searchClaims(db: DB, f: SearchFilters, paging: { limit: number; offset: number }): Promise<SearchResult> {
  try {
    return await searchPage(db, f, paging);
  } catch (e) {
    // the query is rebuilt from quoted words so the engine should never refuse it; if it does, it is still the input's fault
    throw asSearchSyntaxError(e);
  }
}

async function searchPage(db: DB, f: SearchFilters, paging: { limit: number; offset: number }): Promise<SearchResult> {
  const plan = await planSearch(db, f);
  const key = searchKeyQuery(db, plan, f);
  let ids: number[];
  let counted: number;
  if (paging.offset + paging.limit <= COUNT_CAP + 1) {
    // one ordered walk serves both the count and the page: the first COUNT_CAP + 1 ids, in page order
    let first = (await sql<{ id: number }>`${key.select} ${key.order} LIMIT ${COUNT_CAP + 1}`.execute(db)).rows.map((r) => r.id);
    if (f.sort !== 'relevance') first = await newestFirst(db, first);
    counted = first.length;
    ids = first.slice(paging.offset, paging.offset + paging.limit);
  } else {
    ids = (await sql<{ id: number }>`${key.select} ${key.order} LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)).rows.map((r) => r.id);
    counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (${key.select} LIMIT ${COUNT_CAP + 1}) AS capped`.execute(db)).rows[0].n);
  }
  const rows = ids.length ? await fetchHits(db, ids, plan.words) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const [conflicts, official] = await Promise.all([findConflicts(db, ids), findOfficialSummaries(db, ids)]);
  const hits = ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map(({ hl, ...r }) => ({ ...r, segments: splitHighlighted(hl), conflicts: conflicts.get(r.id) ?? [], official: official.get(r.id) ?? null }));
  return { hits, total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, terms: plan.terms, speakerEntities: plan.speakerEntities };
}

/**
 * Newest first: by the source's publication date, undated sources last, and most recently stored first within
 * a date. The ordered walk gathers the first COUNT_CAP + 1 matches (most recently stored), so with more
 * matches than that, only those are put in date order.
 */
async function newestFirst(db: DB, ids: number[]): Promise<number[]> {
  if (ids.length < 2) return ids;
  const dates = new Map(
    (
      await sql<{
        id: number;
        published_at: string | null;
      }>`SELECT c.id, s.published_at FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id IN (${sql.join(ids)})`.execute(db)
    ).rows.map((r) => [r.id, r.published_at]),
  );
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => {
    const [da, db_] = [dates.get(a) ?? null, dates.get(b) ?? null];
    if (da !== db_) {
      if (da === null) return 1;
      if (db_ === null) return -1;
      return da < db_ ? 1 : -1;
    }
    return rank.get(a)! - rank.get(b)!;
  });
}

/** The page's rows with their source; with words, highlighted. */
async function fetchHits(db: DB, ids: number[], words: SearchQuery | null) {
  const cols = sql`c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, c.speaker_entity_id, c.confidence, c.verdict, c.withdrawn_at, c.source_id, s.outlet, s.title, s.published_at, s.url`;
  type Row = Omit<SearchHit, 'segments' | 'conflicts' | 'official'> & { hl: string };
  if (!words)
    return (await sql<Row>`SELECT ${cols}, c.exact AS hl FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id IN (${sql.join(ids)})`.execute(db)).rows;
  return fetchHighlighted<Row>(db, cols, ids, words);
}
