import { cite } from './citation-js.js';
import { toCslItem } from './csl.js';
import { batchesOf, type ExportContext, type ExportRow, type RowSource } from './types.js';

const BATCH = 250;

/** "2025-01-02T…" → "2025-01-02" (biblatex urldate); partial dates stay partial. */
const isoDay = (v: string | null) => (v ? (/^\d{4}(-\d{2}(-\d{2})?)?/.exec(v)?.[0] ?? null) : null);

/** BibTeX @article entries from citation-js, each given a stable key (claimN) and the urldate it leaves out. */
export function formatBibtexBatch(rows: ExportRow[], ctx: Pick<ExportContext, 'baseUrl'>): string {
  const items = rows.map((r) => ({ ...toCslItem(r, ctx), 'citation-key': `claim${r.id}` }));
  const out = cite(items).format('bibtex', { format: 'text' }) as string;
  const byKey = new Map(rows.map((r) => [`claim${r.id}`, r]));
  // citation-js writes no urldate; add it after the url field of each entry
  return out.replace(/@article\{(claim\d+),([\s\S]*?)\n\}/g, (whole, key: string, body: string) => {
    const day = isoDay(byKey.get(key)?.retrieved_at ?? null);
    return day ? `@article{${key},${body}\n\turldate = {${day}},\n}` : whole;
  });
}

export async function* formatBibtex(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  yield `% claimtrail export: ${ctx.count} claim${ctx.count === 1 ? '' : 's'}, generated ${ctx.generatedAt}\n\n`;
  for await (const batch of batchesOf(rows, BATCH)) yield `${formatBibtexBatch(batch, ctx).trim()}\n\n`;
}
