import type { Kysely, Transaction } from 'kysely';
import type { Span } from '../core/span.js';
import type { Mapping, Measure } from '../reference/mapping.js';
import { buildReferenceIndex, type ReferenceIndex, type ReferenceRow } from '../reference/index-rows.js';
import { markArticleFigures } from '../reference/mark-article.js';
import type { ReferenceRowDraft } from '../reference/read-table.js';
import { recordAuditEvent } from './audit.repository.js';
import type { DB } from './connect.js';
import { inTransaction } from './transaction.js';
import type { Database } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface ImportReferenceInput {
  mapping: Mapping;
  rows: ReferenceRowDraft[];
  file: string | null;
  fileSha256: string | null;
  /** who imports: "cli:alice" */
  actor: string;
}

export interface MarkSummary {
  sources: number;
  figures: number;
  matches: number;
  differs: number;
}

export interface ImportReferenceResult {
  datasetId: number;
  rows: number;
  /** rows of the same dataset that the import replaced (0 the first time) */
  replaced: number;
  marks: MarkSummary;
}

/**
 * Stores a reference table, replacing an earlier import of the same dataset name, and marks every stored
 * figure again: one transaction, audited.
 */
export async function importReferenceDataset(db: DB, input: ImportReferenceInput): Promise<ImportReferenceResult> {
  const { mapping, rows } = input;
  return inTransaction(db, async (trx) => {
    const now = new Date().toISOString();
    const previous = await trx
      .selectFrom('reference_dataset')
      .select(['id', 'row_count', 'file_sha256', 'imported_at'])
      .where('name', '=', mapping.dataset)
      .executeTakeFirst();
    if (previous) await trx.deleteFrom('reference_dataset').where('id', '=', previous.id).execute();
    const { id: datasetId } = await trx
      .insertInto('reference_dataset')
      .values({
        name: mapping.dataset,
        title: mapping.title ?? null,
        source: mapping.source,
        licence: mapping.licence,
        attribution: mapping.attribution ?? null,
        year: mapping.year ?? null,
        file: input.file,
        file_sha256: input.fileSha256,
        row_count: rows.length,
        imported_by: input.actor,
        imported_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('reference_row')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            dataset_id: datasetId,
            subject_kind: r.subjectKind,
            subject: r.subject,
            subject_norm: r.subjectNorm,
            subject_short_norm: r.subjectShortNorm,
            context: r.context,
            context_place: r.contextPlace,
            context_party: r.contextParty,
            measure: r.measure,
            value: r.value,
            unit: r.unit,
          })),
        )
        .execute();
    }
    const marks = await markClaimsIn(trx, undefined, now);
    await recordAuditEvent(trx, {
      actor: input.actor,
      action: 'reference.import',
      targetType: 'reference_dataset',
      targetId: datasetId,
      before: previous ? { name: mapping.dataset, rows: previous.row_count, file_sha256: previous.file_sha256, imported_at: previous.imported_at } : null,
      after: {
        name: mapping.dataset,
        source: mapping.source,
        licence: mapping.licence,
        rows: rows.length,
        file: input.file,
        file_sha256: input.fileSha256,
        marks,
      },
      now,
    });
    return { datasetId, rows: rows.length, replaced: previous?.row_count ?? 0, marks };
  });
}

export interface ReferenceDatasetInfo {
  id: number;
  name: string;
  title: string | null;
  source: string;
  licence: string;
  attribution: string | null;
  year: number | null;
  rows: number;
  importedAt: string;
  importedBy: string | null;
  /** figures marked from this dataset's rows */
  marked: number;
}

export async function listReferenceDatasets(db: Executor): Promise<ReferenceDatasetInfo[]> {
  const rows = await db
    .selectFrom('reference_dataset as d')
    .select((eb) => [
      'd.id',
      'd.name',
      'd.title',
      'd.source',
      'd.licence',
      'd.attribution',
      'd.year',
      'd.row_count',
      'd.imported_at',
      'd.imported_by',
      eb
        .selectFrom('claim_reference as cr')
        .innerJoin('reference_row as r', 'r.id', 'cr.reference_row_id')
        .whereRef('r.dataset_id', '=', 'd.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('marked'),
    ])
    .orderBy('d.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    title: r.title,
    source: r.source,
    licence: r.licence,
    attribution: r.attribution,
    year: r.year,
    rows: r.row_count,
    importedAt: r.imported_at,
    importedBy: r.imported_by,
    marked: Number(r.marked ?? 0),
  }));
}

// The lookups take a second or two to build over ~12,000 rows: keep the last, keyed by what was imported when.
let cached: { stamp: string; index: ReferenceIndex } | null = null;

/** Every reference row of every dataset, as the matcher's lookups. */
async function loadReferenceIndex(db: Executor): Promise<ReferenceIndex> {
  const sets = await db
    .selectFrom('reference_dataset')
    .select(['id', 'name', 'row_count', 'file_sha256', 'imported_at', 'source', 'year'])
    .orderBy('id')
    .execute();
  const stamp = JSON.stringify(sets);
  if (cached?.stamp === stamp) return cached.index;
  const index = await buildIndexFrom(db);
  cached = { stamp, index };
  return index;
}

async function buildIndexFrom(db: Executor): Promise<ReferenceIndex> {
  const rows = await db
    .selectFrom('reference_row as r')
    .innerJoin('reference_dataset as d', 'd.id', 'r.dataset_id')
    .select([
      'r.id',
      'r.subject_kind',
      'r.subject',
      'r.subject_norm',
      'r.subject_short_norm',
      'r.context',
      'r.context_place',
      'r.context_party',
      'r.measure',
      'r.value',
      'r.unit',
      'd.source',
      'd.year',
    ])
    .orderBy('r.id')
    .execute();
  return buildReferenceIndex(
    rows.map(
      (r): ReferenceRow => ({
        id: r.id,
        subjectKind: r.subject_kind,
        subject: r.subject,
        subjectNorm: r.subject_norm,
        subjectShortNorm: r.subject_short_norm,
        context: r.context,
        contextPlace: r.context_place,
        contextParty: r.context_party,
        measure: r.measure as Measure,
        value: r.value,
        unit: r.unit,
        source: r.source,
        year: r.year,
      }),
    ),
  );
}

/**
 * Marks the figure claims of the given sources (all when omitted) against every reference row, replacing
 * their earlier marks, in one transaction. Call it after an ingest with the new source ids.
 */
export async function markClaims(db: DB, sourceIds?: number[]): Promise<MarkSummary> {
  return inTransaction(db, (trx) => markClaimsIn(trx, sourceIds));
}

/** markClaims inside a transaction the caller owns. */
export async function markClaimsIn(trx: Transaction<Database>, sourceIds?: number[], now = new Date().toISOString()): Promise<MarkSummary> {
  const summary: MarkSummary = { sources: 0, figures: 0, matches: 0, differs: 0 };
  if (sourceIds && !sourceIds.length) return summary;
  const ids = sourceIds ? [...new Set(sourceIds)] : undefined;
  if (ids) {
    for (const chunk of chunks(ids, 500)) {
      await trx
        .deleteFrom('claim_reference')
        .where('claim_id', 'in', (eb) => eb.selectFrom('claim').select('id').where('source_id', 'in', chunk))
        .execute();
    }
  } else await trx.deleteFrom('claim_reference').execute();
  const index = await loadReferenceIndex(trx);
  if (!index.rows.size) return summary;
  let q = trx
    .selectFrom('claim')
    .select(['id', 'source_id', 'exact', 'start', 'end', 'value', 'unit', 'qualifier'])
    .where('kind', '=', 'figure')
    .where('value', 'is not', null)
    .where('anchor_status', '=', 'anchored')
    .orderBy('source_id')
    .orderBy('start');
  if (ids) q = q.where('source_id', 'in', ids);
  const figures = await q.execute();
  const bySource = new Map<number, typeof figures>();
  for (const f of figures) {
    const list = bySource.get(f.source_id);
    if (list) list.push(f);
    else bySource.set(f.source_id, [f]);
  }
  summary.figures = figures.length;
  for (const chunk of chunks([...bySource.keys()], 200)) {
    const sources = await trx.selectFrom('source').select(['id', 'title', 'published_at', 'text', 'paragraphs_json']).where('id', 'in', chunk).execute();
    for (const s of sources) {
      summary.sources++;
      const claims = bySource.get(s.id)!.map((c) => ({ ...c, value: c.value!, start: c.start, end: c.end }));
      const marks = markArticleFigures(
        { text: s.text, paragraphs: JSON.parse(s.paragraphs_json) as Span[], title: s.title, publishedAt: s.published_at },
        claims,
        index,
      );
      if (!marks.length) continue;
      await trx
        .insertInto('claim_reference')
        .values(
          marks.map(({ figure, mark }) => ({
            claim_id: figure.id,
            reference_row_id: mark.row.id,
            status: mark.status,
            official_value: mark.official,
            reported_value: mark.reported,
            label: mark.label,
            scope: mark.scope,
            confidence: mark.confidence,
            created_at: now,
          })),
        )
        .execute();
      for (const { mark } of marks) summary[mark.status === 'matches' ? 'matches' : 'differs']++;
    }
  }
  return summary;
}

/** What the web pages, the API and the exports show beside a figure. */
export interface OfficialMark {
  status: 'matches' | 'differs';
  official: number;
  reported: number;
  /** the dataset's source, e.g. "House of Commons Library" */
  source: string;
  /** "matches official: 528 (House of Commons Library)" / "differs from official: reported 538, official 528" */
  label: string;
  measure: string;
  /** who or where: "Ilford North", "Wes Streeting" */
  subject: string;
  /** "Ilford North, Labour" for a candidate */
  context: string | null;
  unit: string;
  dataset: string;
  licence: string;
  scope: 'sentence' | 'paragraph';
  confidence: number;
}

/** The official marks of these claims (claims without one are absent from the map). */
export async function findOfficialMarks(db: Executor, claimIds: number[]): Promise<Map<number, OfficialMark>> {
  const out = new Map<number, OfficialMark>();
  for (const chunk of chunks([...new Set(claimIds)], 500)) {
    const rows = await marksQuery(db).where('cr.claim_id', 'in', chunk).execute();
    for (const r of rows) out.set(r.claim_id, toMark(r));
  }
  return out;
}

export interface OfficialMarkListing extends OfficialMark {
  claimId: number;
  sourceId: number;
  sourceTitle: string | null;
  exact: string;
}

/** Marks by status and/or source, in source and text order (the CLI's list, checks by hand). */
export async function listOfficialMarks(
  db: Executor,
  filter: { status?: 'matches' | 'differs'; sourceId?: number; limit?: number } = {},
): Promise<OfficialMarkListing[]> {
  let q = marksQuery(db)
    .innerJoin('claim as c', 'c.id', 'cr.claim_id')
    .innerJoin('source as s', 's.id', 'c.source_id')
    .select(['c.source_id', 'c.exact', 'c.start', 's.title']);
  if (filter.status) q = q.where('cr.status', '=', filter.status);
  if (filter.sourceId !== undefined) q = q.where('c.source_id', '=', filter.sourceId);
  const rows = await q
    .orderBy('c.source_id')
    .orderBy('c.start')
    .limit(filter.limit ?? 10_000)
    .execute();
  return rows.map((r) => ({ ...toMark(r), claimId: r.claim_id, sourceId: r.source_id, sourceTitle: r.title, exact: r.exact }));
}

/** Of these claims (or all), the ids with an official mark of this status: for search and API filters. */
export async function findClaimIdsByOfficialStatus(db: Executor, status: 'matches' | 'differs', claimIds?: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  const run = async (chunk?: number[]) => {
    let q = db.selectFrom('claim_reference').select('claim_id').where('status', '=', status);
    if (chunk) q = q.where('claim_id', 'in', chunk);
    for (const r of await q.execute()) out.add(r.claim_id);
  };
  if (claimIds) for (const chunk of chunks([...new Set(claimIds)], 500)) await run(chunk);
  else await run();
  return out;
}

function marksQuery(db: Executor) {
  return db
    .selectFrom('claim_reference as cr')
    .innerJoin('reference_row as r', 'r.id', 'cr.reference_row_id')
    .innerJoin('reference_dataset as d', 'd.id', 'r.dataset_id')
    .select([
      'cr.claim_id',
      'cr.status',
      'cr.official_value',
      'cr.reported_value',
      'cr.label',
      'cr.scope',
      'cr.confidence',
      'r.measure',
      'r.subject',
      'r.context',
      'r.unit',
      'd.source',
      'd.name as dataset',
      'd.licence',
    ]);
}

function toMark(r: {
  status: 'matches' | 'differs';
  official_value: number;
  reported_value: number;
  label: string;
  scope: 'sentence' | 'paragraph';
  confidence: number;
  measure: string;
  subject: string;
  context: string | null;
  unit: string;
  source: string;
  dataset: string;
  licence: string;
}): OfficialMark {
  return {
    status: r.status,
    official: r.official_value,
    reported: r.reported_value,
    source: r.source,
    label: r.label,
    measure: r.measure,
    subject: r.subject,
    context: r.context,
    unit: r.unit,
    dataset: r.dataset,
    licence: r.licence,
    scope: r.scope,
    confidence: r.confidence,
  };
}

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}
