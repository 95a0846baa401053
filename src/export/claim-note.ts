import type { ExportContext, ExportRow } from './types.js';

export const claimUrl = (ctx: Pick<ExportContext, 'baseUrl'>, id: number) => `${ctx.baseUrl}/claims/${id}`;

/** Runs of whitespace (newlines included) as one space: for formats whose fields are single lines. */
export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 6 });
const number = (v: number) => NUMBER.format(v);

type FigureFields = Pick<ExportRow, 'kind' | 'value' | 'value_max' | 'unit' | 'qualifier'>;

/** A figure's reading: "more than 528 votes", "500–600 people", "35.5 percent", "70,000 (count)"; null for other kinds or no value. */
export function figureReading(r: FigureFields): string | null {
  if (r.kind !== 'figure' || r.value === null || r.value === undefined) return null;
  const amount = r.value_max !== null && r.value_max !== undefined && r.value_max !== r.value ? `${number(r.value)}–${number(r.value_max)}` : number(r.value);
  // "24 count" reads badly; a plain count says so in brackets
  const unit = !r.unit ? null : r.unit === 'count' ? '(count)' : r.unit.replace(/_/g, ' ');
  return [r.qualifier, amount, unit].filter(Boolean).join(' ');
}

/** The claim as one line: its words in quotation marks, a figure's reading, and who said it. */
export function claimHeadline(r: ExportRow): string {
  const figure = figureReading(r);
  return `“${oneLine(r.exact)}”${figure ? ` [figure: ${figure}]` : ''}${r.speaker_name ? ` — ${oneLine(r.speaker_name)}` : ''}`;
}

/**
 * Everything a citation note needs about the claim, on one line: its words, speaker, kind, verdict, the sentence
 * it stands in, and its permalink.
 */
export function claimNote(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): string {
  // a figure's headline already says "figure"
  const parts = [`${claimHeadline(r)} (${r.kind === 'figure' && figureReading(r) ? '' : `${r.kind}; `}verdict: ${r.verdict})`];
  if (r.sentence) parts.push(`Sentence: “${oneLine(r.sentence)}”`);
  parts.push(`Claim: ${claimUrl(ctx, r.id)}`);
  return parts.join('. ');
}
