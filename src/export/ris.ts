import { cite } from './citation-js.js';
import { claimNote, claimUrl, oneLine } from './claim-note.js';
import { parseByline, toDateParts, type CslName } from './csl.js';
import { batchesOf, type ExportContext, type ExportRow, type RowSource } from './types.js';

const BATCH = 250;

const pad = (n: number) => String(n).padStart(2, '0');

/** RIS date: YYYY/MM/DD/ with unknown parts left empty ("2024/07//"). */
function risDate(v: string | null): string | null {
  const p = toDateParts(v)?.['date-parts'][0];
  return p ? `${String(p[0]).padStart(4, '0')}/${p[1] ? pad(p[1]) : ''}/${p[2] ? pad(p[2]) : ''}/` : null;
}

const risName = (n: CslName) => oneLine(n.literal ?? [n.family, n.given].filter(Boolean).join(', '));

/**
 * One TY NEWS record, written here rather than by citation-js (whose RIS writer wraps values every 70 characters,
 * splitting words across lines, and leaves out the authors and the full date of a NEWS record). One tag per
 * line, values never wrapped: AU for every author, PY the year, DA the full date, Y2 the access date, UR the
 * article and then the claim's permalink, N1 the claim (words, speaker, kind, verdict, sentence, permalink).
 */
function toRisRecord(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): string {
  const lines: [string, string | null][] = [
    ['TY', 'NEWS'],
    ['ID', `claim-${r.id}`],
    ['TI', r.title],
    ['T2', r.outlet],
  ];
  for (const n of parseByline(r.author)) lines.push(['AU', risName(n)]);
  const issued = toDateParts(r.published_at)?.['date-parts'][0];
  if (issued) lines.push(['PY', String(issued[0]).padStart(4, '0')], ['DA', risDate(r.published_at)]);
  lines.push(['Y2', risDate(r.retrieved_at)], ['UR', r.url], ['UR', claimUrl(ctx, r.id)], ['N1', claimNote(r, ctx)]);
  const body = lines.flatMap(([tag, v]) => {
    const value = v === null ? '' : oneLine(v);
    return value ? [`${tag}  - ${value}`] : [];
  });
  return `${body.join('\n')}\nER  - \n`;
}

function formatRisBatch(rows: ExportRow[], ctx: Pick<ExportContext, 'baseUrl'>): string {
  return rows.map((r) => toRisRecord(r, ctx)).join('');
}

export async function* formatRis(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  for await (const batch of batchesOf(rows, BATCH)) yield formatRisBatch(batch, ctx);
}

type RisRecord = Record<string, string[]>;

function readRecord(text: string): RisRecord {
  const rec: RisRecord = {};
  for (const m of text.matchAll(/^([A-Z][A-Z0-9]) {2}- ?(.*)$/gm)) (rec[m[1]] ??= []).push(m[2].trim());
  return rec;
}

const risDateParts = (v: string | undefined) => {
  const m = v ? /^(\d{4})\/(\d{2})?\/?(\d{2})?/.exec(v) : null;
  return m ? { 'date-parts': [[m[1], m[2], m[3]].filter(Boolean).map(Number)] } : undefined;
};

/**
 * Reads RIS with citation-js, repairing its NEWS mapping on the way in: citation-js files AU under `reporter`
 * and reads only the year (PY) of a NEWS record, so authors and the full dates are taken from each record's own lines.
 */
export function parseRis(text: string): Record<string, unknown>[] {
  return text
    .split(/^ER {2}-.*$/m)
    .filter((r) => /^TY {2}-/m.test(r))
    .map((recText) => {
      const item = { ...(cite(`${recText.trim()}\nER  - \n`).data[0] as Record<string, unknown>) };
      const rec = readRecord(recText);
      delete item._graph;
      delete item.reporter;
      const authors = [...(rec.AU ?? []), ...(rec.A1 ?? [])];
      if (authors.length) {
        item.author = authors.map((a) => {
          const [family, given] = a.split(/,\s*/, 2);
          return given ? { family, given } : { literal: family };
        });
      }
      const issued = risDateParts(rec.DA?.[0] ?? rec.PY?.[0]);
      if (issued) item.issued = issued;
      const accessed = risDateParts(rec.Y2?.[0]);
      if (accessed) item.accessed = accessed;
      // two UR lines (article, then claim permalink) come back from citation-js as a list: the first is the work's URL
      if (rec.UR?.length) item.URL = rec.UR[0];
      return item;
    });
}
