import { cite } from './citation-js.js';
import { parseByline, toCslItem } from './csl.js';
import { batchesOf, type ExportContext, type ExportRow, type RowSource } from './types.js';

const BATCH = 250;

/** RIS date: YYYY/MM/DD/ with unknown parts left empty. */
export function risDate(v: string | null): string | null {
  const m = v ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v) : null;
  return m ? `${m[1]}/${m[2] ?? ''}/${m[3] ?? ''}/` : null;
}

const risName = (n: { family?: string; given?: string; literal?: string }) => (n.literal ? n.literal : [n.family, n.given].filter(Boolean).join(', '));

/**
 * TY NEWS records from citation-js. Its NEWS mapping (0.7.9, new spec) drops the authors and the issue date,
 * so each record gets AU and DA lines added, and its access date (Y2) in the same YYYY/MM/DD/ form.
 */
export function formatRisBatch(rows: ExportRow[], ctx: Pick<ExportContext, 'baseUrl'>): string {
  const out = cite(rows.map((r) => toCslItem(r, ctx))).format('ris', { format: 'text' }) as string;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const records = out.split(/^ER {2}- ?$/m).map((s) => s.trim()).filter(Boolean);
  return records
    .map((rec, i) => {
      const id = /^ID {2}- claim-(\d+)$/m.exec(rec)?.[1];
      const r = (id && byId.get(Number(id))) || rows[i];
      const lines = rec.split('\n').filter((l) => !/^(AU|A1|DA|Y2) {2}-/.test(l));
      const extra = [...parseByline(r.author).map((n) => `AU  - ${risName(n)}`)];
      const da = risDate(r.published_at);
      if (da) extra.push(`DA  - ${da}`);
      const y2 = risDate(r.retrieved_at);
      if (y2) extra.push(`Y2  - ${y2}`);
      return [lines[0], ...extra, ...lines.slice(1), 'ER  - '].join('\n');
    })
    .join('\n\n');
}

export async function* formatRis(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  for await (const batch of batchesOf(rows, BATCH)) yield `${formatRisBatch(batch, ctx)}\n\n`;
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
 * and ignores DA, so authors and the full dates are taken from each record's own lines.
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
      return item;
    });
}
