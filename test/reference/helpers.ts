import { readFileSync } from 'node:fs';
import { extractClaims } from '../../src/extract/index.js';
import { segmentParagraphs } from '../../src/ingest/segment.js';
import { buildReferenceIndex, type ReferenceIndex, type ReferenceRow } from '../../src/reference/index-rows.js';
import { parseMapping, type Mapping } from '../../src/reference/mapping.js';
import { markArticleFigures } from '../../src/reference/mark-article.js';
import { readReferenceTable } from '../../src/reference/read-table.js';
import type { DB } from '../../src/storage/connect.js';
import { importReferenceDataset } from '../../src/storage/reference.repository.js';

export const GE2024_DIR = new URL('../../corpus/reference/ge2024/', import.meta.url).pathname;
export const CANDIDATES_CSV = `${GE2024_DIR}HoC-GE2024-results-by-candidate.csv`;
export const CONSTITUENCIES_CSV = `${GE2024_DIR}HoC-GE2024-results-by-constituency.csv`;
export const CANDIDATES_MAP = `${GE2024_DIR}candidates.map.yaml`;
export const CONSTITUENCIES_MAP = `${GE2024_DIR}constituencies.map.yaml`;

export function loadMapping(path: string): Mapping {
  const parsed = parseMapping(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.mapping;
}

/** One shipped table imported through its mapping, as `claimtrail reference import` does. */
export function importReferenceFile(db: DB, csv: string, map: string) {
  const mapping = loadMapping(map);
  return importReferenceDataset(db, {
    mapping,
    rows: readReferenceTable(readFileSync(csv, 'utf8'), mapping),
    file: csv,
    fileSha256: null,
    actor: 'cli:tester',
  });
}

/** Both shipped ge2024 tables (candidates, constituencies) imported into a database. */
export async function importGe2024(db: DB): Promise<void> {
  await importReferenceFile(db, CANDIDATES_CSV, CANDIDATES_MAP);
  await importReferenceFile(db, CONSTITUENCIES_CSV, CONSTITUENCIES_MAP);
}

let ge2024: ReferenceIndex | null = null;

/** The shipped ge2024 tables read through the shipped mappings, as the matcher's lookups (built once per test file). */
export function ge2024Index(): ReferenceIndex {
  if (ge2024) return ge2024;
  let id = 0;
  const rows: ReferenceRow[] = [];
  for (const [csv, map] of [
    [CANDIDATES_CSV, CANDIDATES_MAP],
    [CONSTITUENCIES_CSV, CONSTITUENCIES_MAP],
  ]) {
    const mapping = loadMapping(map);
    for (const r of readReferenceTable(readFileSync(csv, 'utf8'), mapping)) rows.push({ ...r, id: ++id, source: mapping.source, year: mapping.year ?? null });
  }
  ge2024 = buildReferenceIndex(rows);
  return ge2024;
}

export interface MarkSeen {
  exact: string;
  measure: string;
  subject: string;
  status: string;
  label: string;
  scope: string;
}

/** Paragraphs as an article: the real extractor finds the figures, the matcher marks them. */
export function marksOf(paragraphs: string[], meta: { title?: string; publishedAt?: string } = {}, index: ReferenceIndex = ge2024Index()): MarkSeen[] {
  const text = paragraphs.join('\n\n');
  const figures = extractClaims(text)
    .claims.filter((c) => c.kind === 'figure' && c.value !== null)
    .map((c) => ({ ...c, value: c.value! }));
  return markArticleFigures(
    { text, paragraphs: segmentParagraphs(text), title: meta.title ?? null, publishedAt: meta.publishedAt ?? null },
    figures,
    index,
  ).map(({ figure, mark }) => ({
    exact: figure.exact,
    measure: mark.row.measure,
    subject: mark.row.subject,
    status: mark.status,
    label: mark.label,
    scope: mark.scope,
  }));
}

/** The figures the extractor finds in a text (to tell "no mark" from "no figure"). */
export function figuresOf(paragraphs: string[]): string[] {
  return extractClaims(paragraphs.join('\n\n'))
    .claims.filter((c) => c.kind === 'figure')
    .map((c) => c.exact);
}
