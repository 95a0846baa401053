import { claimNote, claimUrl } from './claim-note.js';
import type { ExportContext, ExportRow, RowSource } from './types.js';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: 'article-newspaper';
  title?: string;
  'container-title'?: string;
  author?: CslName[];
  issued?: { 'date-parts': number[][] };
  accessed?: { 'date-parts': number[][] };
  URL?: string;
  note: string;
  custom: {
    claim_id: number;
    source_id: number;
    start: number;
    end: number;
    kind: string;
    text: string;
    speaker: string | null;
    verdict: string;
    claim_url: string;
    sentence: string | null;
    value?: number;
    value_max?: number;
    unit?: string;
    qualifier?: string;
  };
}

const ORG_WORDS =
  /\b(news|staff|reporters?|correspondents?|agency|agencies|press|desk|team|bureau|media|editorial|board|associated|reuters|bbc|network|group|ltd|inc)\b/i;
const PARTICLES = new Set(['van', 'von', 'de', 'der', 'den', 'da', 'di', 'del', 'la', 'le', 'du', 'al', 'bin', 'ibn', 'ten', 'ter']);

/** One byline name: "Last, First" or "First [particle] Last" → family/given; anything organisational → literal. */
export function parseName(raw: string): CslName {
  const name = raw
    .replace(/^by\s+/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!name) return { literal: raw };
  const comma = /^([^,]+),\s*([^,]+)$/.exec(name);
  if (comma && !ORG_WORDS.test(name)) return { family: comma[1].trim(), given: comma[2].trim() };
  const words = name.split(' ');
  if (words.length < 2 || words.length > 5 || ORG_WORDS.test(name) || !words.every((w) => /^[\p{Lu}\p{Ll}][\p{L}.'’-]*$/u.test(w))) return { literal: name };
  let i = words.length - 1;
  while (i > 1 && PARTICLES.has(words[i - 1].toLowerCase())) i--;
  return { family: words.slice(i).join(' '), given: words.slice(0, i).join(' ') };
}

/** A byline such as "Jane Smith and John Doe" or "Jane Smith; John Doe" as CSL names. */
export function parseByline(byline: string | null): CslName[] {
  if (!byline?.trim()) return [];
  return byline
    .split(/\s*(?:;|\band\b|&|\n)\s*/u)
    .flatMap((part) => {
      const pieces = part.split(/\s*,\s*/);
      // "Jane Smith, John Doe" is two people; "Smith, Jane" is one
      return pieces.length > 1 && pieces.every((p) => p.includes(' ')) ? pieces : [part];
    })
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseName);
}

/** "2024", "2024-07", "2024-07-03…" → CSL date-parts keeping only the parts that are known. */
export function toDateParts(v: string | null): { 'date-parts': number[][] } | undefined {
  const m = v ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(v) : null;
  if (!m) return undefined;
  const parts = [Number(m[1])];
  const month = Number(m[2]);
  const day = Number(m[3]);
  // an impossible month or day is dropped rather than passed on ("2024-13" is the year 2024)
  if (month >= 1 && month <= 12) {
    parts.push(month);
    if (day >= 1 && day <= 31) parts.push(day);
  }
  return { 'date-parts': [parts] };
}

/** The claim's fields kept as data beside the note (CSL-JSON `custom`); a figure's value, range, unit and qualifier when known. */
function customOf(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): CslItem['custom'] {
  const custom: CslItem['custom'] = {
    claim_id: r.id,
    source_id: r.source_id,
    start: r.start,
    end: r.end,
    kind: r.kind,
    text: r.exact,
    speaker: r.speaker_name,
    verdict: r.verdict,
    claim_url: claimUrl(ctx, r.id),
    sentence: r.sentence,
  };
  if (r.value !== null && r.value !== undefined) custom.value = r.value;
  if (r.value_max !== null && r.value_max !== undefined) custom.value_max = r.value_max;
  if (r.unit) custom.unit = r.unit;
  if (r.qualifier) custom.qualifier = r.qualifier;
  return custom;
}

export function toCslItem(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl'>): CslItem {
  const item: CslItem = { id: `claim-${r.id}`, type: 'article-newspaper', note: claimNote(r, ctx), custom: customOf(r, ctx) };
  if (r.title) item.title = r.title;
  if (r.outlet) item['container-title'] = r.outlet;
  const authors = parseByline(r.author);
  if (authors.length) item.author = authors;
  const issued = toDateParts(r.published_at);
  if (issued) item.issued = issued;
  const accessed = toDateParts(r.retrieved_at);
  if (accessed) item.accessed = accessed;
  if (r.url) item.URL = r.url;
  return item;
}

/** CSL-JSON: one array, written item by item. */
export async function* formatCslJson(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  yield '[';
  let first = true;
  for await (const r of rows) {
    yield `${first ? '\n' : ',\n'}${JSON.stringify(toCslItem(r, ctx))}`;
    first = false;
  }
  yield first ? ']\n' : '\n]\n';
}
