import { sql, type RawBuilder } from 'kysely';
import type { DB } from './connect.js';
import { byCodePoint, caseInsensitiveEquals, caseInsensitiveKey } from './sql-dialect.js';

export const SOURCE_SORTS = ['newest', 'oldest', 'title', 'claims', 'conflicts'] as const;
type SourceSort = (typeof SOURCE_SORTS)[number];

export interface SourceListFilters {
  /** words that must each appear in the title or the outlet name (case-insensitive) */
  q?: string;
  /** outlet name, exact but case-insensitive */
  outlet?: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, compared with published_at as a prefix (undated sources never pass) */
  from?: string;
  to?: string;
  sort?: SourceSort;
}

export interface SourceListRow {
  id: number;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
  length: number;
  /** the source's claims (withdrawn hand-made ones not counted) */
  claim_count: number;
  /** of those, how many another claim contradicts (a suggested or confirmed link) */
  conflict_count: number;
}

// Undated sources go last whichever way dates run: an unknown date is neither new nor old.
const ORDER: Record<SourceSort, (db: DB) => RawBuilder<unknown>> = {
  newest: () => sql`s.published_at IS NULL, s.published_at DESC, s.id DESC`,
  oldest: () => sql`s.published_at IS NULL, s.published_at ASC, s.id ASC`,
  title: (db) => sql`s.title IS NULL, ${caseInsensitiveKey(db, sql.ref('s.title'))}, s.id`,
  claims: () => sql`claim_count DESC, s.published_at IS NULL, s.published_at DESC, s.id DESC`,
  conflicts: () => sql`conflict_count DESC, claim_count DESC, s.published_at IS NULL, s.published_at DESC, s.id DESC`,
};

const DATE_CEILING = '\uffff';
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE conditions on source s for these filters. */
function conditions(db: DB, f: SourceListFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  const words = (f.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 20);
  for (const w of words) {
    const like = `%${escapeLike(w)}%`;
    where.push(sql`(lower(coalesce(s.title, '')) LIKE ${like} ESCAPE '\\' OR lower(coalesce(s.outlet, '')) LIKE ${like} ESCAPE '\\')`);
  }
  if (f.outlet?.trim()) where.push(caseInsensitiveEquals(db, sql.ref('s.outlet'), f.outlet.trim()));
  // dates as prefixes: the ceiling character sorts after every other only in byte order
  const date = byCodePoint(db, sql.ref('s.published_at'));
  if (f.from) where.push(sql`${date} >= ${f.from}`);
  if (f.to) where.push(sql`${date} < ${f.to + DATE_CEILING}`);
  return where;
}

const whereSql = (where: RawBuilder<unknown>[]) => (where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``);

/** One page of sources matching the filters, in the order asked, with the number of all matches. */
export async function listSourcesFiltered(
  db: DB,
  f: SourceListFilters,
  paging: { limit: number; offset: number },
): Promise<{ sources: SourceListRow[]; total: number }> {
  const where = whereSql(conditions(db, f));
  const sources = (
    await sql<SourceListRow>`
      WITH contradicted AS (
        SELECT claim_a AS id FROM claim_link WHERE relation = 'contradicts' AND status <> 'rejected'
        UNION SELECT claim_b FROM claim_link WHERE relation = 'contradicts' AND status <> 'rejected'),
      conflicts AS (SELECT c.source_id, count(*) AS n FROM contradicted x JOIN claim c ON c.id = x.id GROUP BY c.source_id)
      SELECT s.id, s.title, s.outlet, s.published_at, s.url, length(s.text) AS length,
             (SELECT count(*) FROM claim c WHERE c.source_id = s.id AND c.anchor_status <> 'withdrawn') AS claim_count,
             coalesce(k.n, 0) AS conflict_count
      FROM source s LEFT JOIN conflicts k ON k.source_id = s.id
      ${where}
      ORDER BY ${ORDER[f.sort ?? 'newest'](db)}
      LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)
  ).rows.map((r) => ({ ...r, claim_count: Number(r.claim_count), conflict_count: Number(r.conflict_count) }));
  const total = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM source s ${where}`.execute(db)).rows[0].n);
  return { sources, total };
}

/** Outlet names for the filter (the 500 first, case-insensitively sorted). */
export async function listSourceOutlets(db: DB): Promise<string[]> {
  // GROUP BY, not DISTINCT: PostgreSQL orders a DISTINCT query only by what it selects
  const byName = caseInsensitiveKey(db, sql.ref('outlet'));
  const { rows } = await sql<{ outlet: string }>`SELECT outlet FROM source WHERE outlet IS NOT NULL GROUP BY outlet ORDER BY ${byName} LIMIT 500`.execute(db);
  return rows.map((r) => r.outlet);
}
