import { claimUrl } from './claim-note.js';
import type { ExportContext, ExportRow, RowSource } from './types.js';

// new columns go at the end, so spreadsheets built on the first eleven keep working
const CSV_COLUMNS = [
  'id',
  'kind',
  'text',
  'speaker',
  'outlet',
  'title',
  'date',
  'url',
  'start',
  'end',
  'verdict',
  'sentence',
  'claim_url',
  'value',
  'value_max',
  'unit',
  'qualifier',
] as const;

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * gets a leading apostrophe, so a hostile quote cannot become a formula when the file is opened.
 */
export function csvCell(v: string | number | null): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csvRow(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): string {
  const cells = [
    r.id,
    r.kind,
    r.exact,
    r.speaker_name,
    r.outlet,
    r.title,
    r.published_at,
    r.url,
    r.start,
    r.end,
    r.verdict,
    r.sentence,
    claimUrl(ctx, r.id),
    r.value,
    r.value_max,
    r.unit,
    r.qualifier,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** CSV with a header row, CRLF line ends, one row per claim, written row by row. */
export async function* formatCsv(rows: RowSource, ctx: Pick<ExportContext, 'baseUrl'>): AsyncGenerator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  let buf = '';
  let n = 0;
  for await (const r of rows) {
    buf += csvRow(r, ctx);
    if (++n % 500 === 0) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}
