import { claimNote, oneLine } from './claim-note.js';
import { parseByline, toDateParts, type CslName } from './csl.js';
import { batchesOf, type ExportContext, type ExportRow, type RowSource } from './types.js';

const BATCH = 250;

/** BibTeX's month macros (`month = jul`, unbraced), which every style prints in its own language. */
const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] as const;

// TeX's special characters; braces become \textbrace… because classic BibTeX counts even escaped braces
const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

/** Text as the inside of a braced BibTeX value: one line, TeX specials escaped, other Unicode kept (UTF-8 file). */
const escapeBibtex = (s: string) => oneLine(s).replace(/[\\{}&%$#_~^]/g, (c) => LATEX_SPECIALS[c]);

/** A title with each word holding a capital braced, so styles that change case keep "BBC" and names as written. */
const bibtexTitle = (s: string) =>
  oneLine(s)
    .split(' ')
    .map((w) => (/\p{Lu}/u.test(w) ? `{${escapeBibtex(w)}}` : escapeBibtex(w)))
    .join(' ');

/** One name: "Family, Given" for people; an organisation braced whole so BibTeX does not split it into parts. */
function bibtexName(n: CslName): string {
  if (n.literal || !n.family) return `{${escapeBibtex(n.literal ?? n.given ?? '')}}`;
  return n.given ? `${escapeBibtex(n.family)}, ${escapeBibtex(n.given)}` : `{${escapeBibtex(n.family)}}`;
}

/** A URL as a BibTeX value: kept verbatim (url fields are), with braces and spaces percent-encoded so it cannot break the entry. */
const bibtexUrl = (u: string) => u.trim().replace(/[{}\s]/g, (c) => encodeURIComponent(c));

const pad = (n: number) => String(n).padStart(2, '0');

/** biblatex date: "2024-07-05", or "2024-07" / "2024" when only that much is known. */
function biblatexDate(v: string | null): string | null {
  const parts = toDateParts(v)?.['date-parts'][0];
  return parts ? [String(parts[0]).padStart(4, '0'), ...parts.slice(1).map(pad)].join('-') : null;
}

/** One @article entry: BibTeX fields (year, month macro, journal) and biblatex ones (date, urldate) side by side. */
function toBibtexEntry(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): string {
  const fields: [string, string][] = [];
  if (r.title) fields.push(['title', `{${bibtexTitle(r.title)}}`]);
  const authors = parseByline(r.author);
  if (authors.length) fields.push(['author', `{${authors.map(bibtexName).join(' and ')}}`]);
  if (r.outlet) fields.push(['journal', `{${escapeBibtex(r.outlet)}}`]);
  const issued = toDateParts(r.published_at)?.['date-parts'][0];
  if (issued) {
    fields.push(['year', `{${issued[0]}}`]);
    if (issued[1]) fields.push(['month', MONTH_MACROS[issued[1] - 1]]);
    fields.push(['date', `{${biblatexDate(r.published_at)}}`]);
  }
  if (r.url) fields.push(['url', `{${bibtexUrl(r.url)}}`]);
  const accessed = biblatexDate(r.retrieved_at);
  if (accessed) fields.push(['urldate', `{${accessed}}`]);
  fields.push(['note', `{${escapeBibtex(claimNote(r, ctx))}}`]);
  return `@article{claim${r.id},\n${fields.map(([k, v]) => `\t${k} = ${v},\n`).join('')}}`;
}

function formatBibtexBatch(rows: ExportRow[], ctx: Pick<ExportContext, 'baseUrl'>): string {
  return rows.map((r) => toBibtexEntry(r, ctx)).join('\n\n');
}

export async function* formatBibtex(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  yield `% claimtrail export: ${ctx.count} claim${ctx.count === 1 ? '' : 's'}, generated ${ctx.generatedAt}\n\n`;
  for await (const batch of batchesOf(rows, BATCH)) yield `${formatBibtexBatch(batch, ctx)}\n\n`;
}
