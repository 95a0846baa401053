import { sql, type RawBuilder } from 'kysely';
import type { ExportRow } from '../export/types.js';
import type { SearchFilters } from '../search/search-types.js';
import { ftsClaimId } from './claim-fts.js';
import type { DB } from './connect.js';
import { planSearch } from './search-plan.js';
import { hasColumn } from './sql-dialect.js';
import { whereSql } from './sql-where.js';

export type ExportSelection = { list: number; filters?: undefined } | { list?: undefined; filters: SearchFilters };

export interface ExportOptions {
  /** only claims with a verdict other than unverified (ClaimReview) */
  reviewedOnly?: boolean;
  /** stop after this many rows */
  limit?: number;
  /** rows fetched per query */
  pageSize?: number;
  /** a list's claims that editors withdrew too (a search says so in its filters) */
  includeWithdrawn?: boolean;
}

/** An export row as stored: everything but the sentence, which is cut from the source text afterwards. */
export type StoredExportRow = Omit<ExportRow, 'sentence'>;

const columns = (valueMax: RawBuilder<unknown>) => sql`c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, e.kind AS speaker_kind, c.verdict, c.source_id,
  s.outlet, s.title, s.author, s.published_at, s.retrieved_at, s.url, c.value, ${valueMax} AS value_max, c.unit, c.qualifier,
  (SELECT a.author FROM annotation a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1) AS reviewed_by,
  (SELECT a.created_at FROM annotation a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1) AS reviewed_at`;

/** claim.value_max (a figure's upper bound) arrives by a migration of its own; until then exports read NULL for it. */
async function valueMaxColumn(db: DB): Promise<RawBuilder<unknown>> {
  return (await hasColumn(db, 'claim', 'value_max')) ? sql`c.value_max` : sql`NULL`;
}

async function baseOf(db: DB, sel: ExportSelection, opts: ExportOptions): Promise<{ from: RawBuilder<unknown>; where: RawBuilder<unknown>[]; byFts: boolean }> {
  const where: RawBuilder<unknown>[] = [];
  if (opts.reviewedOnly) where.push(sql`c.verdict <> 'unverified'`);
  if (sel.list !== undefined) {
    where.push(sql`i.list_id = ${sel.list}`);
    if (!opts.includeWithdrawn) where.push(sql`c.withdrawn_at IS NULL`);
    return { from: sql`citation_list_item i JOIN claim c ON c.id = i.claim_id JOIN source s ON s.id = c.source_id`, where, byFts: false };
  }
  const plan = await planSearch(db, sel.filters);
  return { from: plan.from, where: [...plan.where, ...where], byFts: plan.words !== null };
}

/** How many rows an export will hold (capped at `limit` when given). */
export async function countExportRows(db: DB, sel: ExportSelection, opts: ExportOptions = {}): Promise<number> {
  const { from, where } = await baseOf(db, sel, opts);
  const cap = opts.limit ? sql`LIMIT ${opts.limit}` : sql``;
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql(where)} ${cap}) AS counted`.execute(db)).rows[0].n);
}

/**
 * The rows of a list (in list order) or of a search (in claim order), a page at a time, fetched with a keyset so
 * memory stays flat however large the export is. The next page is read only when the caller asks for it.
 */
export async function* iterateExportPages(db: DB, sel: ExportSelection, opts: ExportOptions = {}): AsyncGenerator<StoredExportRow[]> {
  const { from, where, byFts } = await baseOf(db, sel, opts);
  const pageSize = opts.pageSize ?? 1000;
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  let after: { position: number; id: number } | null = null;
  const isList = sel.list !== undefined;
  // ordering by the FTS rowid lets SQLite walk the index in order instead of sorting every match
  const idCol = byFts ? ftsClaimId(db) : sql`c.id`;
  const COLUMNS = columns(await valueMaxColumn(db));
  while (remaining > 0) {
    const keyset: RawBuilder<unknown>[] =
      after === null ? [] : isList ? [sql`(i.position, i.claim_id) > (${after.position}, ${after.id})`] : [sql`${idCol} > ${after.id}`];
    const order = isList ? sql`ORDER BY i.position, i.claim_id` : sql`ORDER BY ${idCol}`;
    const extra = isList ? sql`, i.position AS _position` : sql``;
    const n = Math.min(pageSize, remaining);
    const rows = (
      await sql<StoredExportRow & { _position?: number }>`SELECT ${COLUMNS} ${extra} FROM ${from} LEFT JOIN entity e ON e.id = c.speaker_entity_id
        ${whereSql([...where, ...keyset])} ${order} LIMIT ${n}`.execute(db)
    ).rows;
    yield rows.map(({ _position, ...r }) => r);
    if (rows.length < n) return;
    const last = rows[rows.length - 1];
    after = { position: last._position ?? 0, id: last.id };
    remaining -= rows.length;
  }
}

/** The stored text and paragraph spans (JSON) of these sources. */
export function findSourceTexts(db: DB, ids: number[]): Promise<{ id: number; text: string; paragraphs_json: string }[]> {
  return db.selectFrom('source').select(['id', 'text', 'paragraphs_json']).where('id', 'in', ids).execute();
}
