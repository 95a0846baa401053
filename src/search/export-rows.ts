import { sql, type RawBuilder } from 'kysely';
import { sentenceFinder } from '../export/claim-sentence.js';
import type { ExportRow } from '../export/types.js';
import type { Span } from '../core/span.js';
import type { DB } from '../storage/connect.js';
import { planSearch, whereSql, type SearchFilters } from './search.repository.js';

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

const columns = (valueMax: RawBuilder<unknown>) => sql`c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, e.kind AS speaker_kind, c.verdict, c.source_id,
  s.outlet, s.title, s.author, s.published_at, s.retrieved_at, s.url, c.value, ${valueMax} AS value_max, c.unit, c.qualifier,
  (SELECT a.author FROM annotation a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1) AS reviewed_by,
  (SELECT a.created_at FROM annotation a WHERE a.claim_id = c.id ORDER BY a.id DESC LIMIT 1) AS reviewed_at`;

/** claim.value_max (a figure's upper bound) arrives by a migration of its own; until then exports read NULL for it. */
async function valueMaxColumn(db: DB): Promise<RawBuilder<unknown>> {
  const cols = (await sql<{ name: string }>`PRAGMA table_info(claim)`.execute(db)).rows;
  return cols.some((c) => c.name === 'value_max') ? sql`c.value_max` : sql`NULL`;
}

type SourceSentences = ReturnType<typeof sentenceFinder>;

// sources held while exporting: claims come in id order, so a source's claims mostly arrive together
const SENTENCE_CACHE_SOURCES = 256;

function paragraphsOf(json: string): Span[] | null {
  try {
    const p = JSON.parse(json) as unknown;
    return Array.isArray(p) ? (p as Span[]) : null;
  } catch {
    return null;
  }
}

/** Sets each row's sentence from its source's stored text, split by the project's sentence splitter. */
async function addSentences(db: DB, rows: ExportRow[], cache: Map<number, SourceSentences>): Promise<void> {
  const missing = [...new Set(rows.map((r) => r.source_id))].filter((id) => !cache.has(id));
  if (missing.length) {
    if (cache.size + missing.length > SENTENCE_CACHE_SOURCES) cache.clear();
    const sources = await db.selectFrom('source').select(['id', 'text', 'paragraphs_json']).where('id', 'in', missing).execute();
    for (const s of sources) cache.set(s.id, sentenceFinder(s.text, paragraphsOf(s.paragraphs_json)));
  }
  for (const r of rows) {
    const find = cache.get(r.source_id);
    r.sentence = find ? find(r.start, r.end) : null;
  }
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
  return { from: plan.from, where: [...plan.where, ...where], byFts: plan.fts !== null };
}

/** How many rows an export will hold (capped at `limit` when given). */
export async function countExportRows(db: DB, sel: ExportSelection, opts: ExportOptions = {}): Promise<number> {
  const { from, where } = await baseOf(db, sel, opts);
  const cap = opts.limit ? sql`LIMIT ${opts.limit}` : sql``;
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} ${whereSql(where)} ${cap})`.execute(db)).rows[0].n);
}

/**
 * The rows of a list (in list order) or of a search (in claim order), fetched page by page with a keyset so
 * memory stays flat however large the export is.
 */
export async function* iterateExportRows(db: DB, sel: ExportSelection, opts: ExportOptions = {}): AsyncGenerator<ExportRow> {
  const { from, where, byFts } = await baseOf(db, sel, opts);
  const pageSize = opts.pageSize ?? 1000;
  let remaining = opts.limit ?? Number.POSITIVE_INFINITY;
  let after: { position: number; id: number } | null = null;
  const isList = sel.list !== undefined;
  // ordering by the FTS rowid lets SQLite walk the index in order instead of sorting every match
  const idCol = byFts ? sql`claim_fts.rowid` : sql`c.id`;
  const COLUMNS = columns(await valueMaxColumn(db));
  const sentences = new Map<number, SourceSentences>();
  while (remaining > 0) {
    const keyset: RawBuilder<unknown>[] = after === null ? [] : isList ? [sql`(i.position, i.claim_id) > (${after.position}, ${after.id})`] : [sql`${idCol} > ${after.id}`];
    const order = isList ? sql`ORDER BY i.position, i.claim_id` : sql`ORDER BY ${idCol}`;
    const extra = isList ? sql`, i.position AS _position` : sql``;
    const n = Math.min(pageSize, remaining);
    const rows = (
      await sql<ExportRow & { _position?: number }>`SELECT ${COLUMNS} ${extra} FROM ${from} LEFT JOIN entity e ON e.id = c.speaker_entity_id
        ${whereSql([...where, ...keyset])} ${order} LIMIT ${n}`.execute(db)
    ).rows;
    const page = rows.map(({ _position, ...r }) => r);
    await addSentences(db, page, sentences);
    yield* page;
    if (rows.length < n) return;
    const last = rows[rows.length - 1];
    after = { position: last._position ?? 0, id: last.id };
    remaining -= rows.length;
  }
}
