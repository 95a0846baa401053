import type { Span } from '../core/span.js';

/** Paragraphs of a normalised text: maximal runs of non-blank lines separated by blank lines. */
export function segmentParagraphs(text: string): Span[] {
  const spans: Span[] = [];
  const re = /[^\n]+(?:\n(?!\s*\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index + lead;
    spans.push({ start, end: start + trimmed.length });
  }
  return spans;
}

// Words after which a full stop does not end a sentence ("Mr. Smith", "St. Albans", "e.g. this").
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sir', 'st', 'jr', 'sr', 'rev', 'gen', 'col', 'lt', 'capt', 'sgt', 'gov', 'sen', 'rep',
  'hon', 'no', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'inc', 'ltd', 'co', 'corp', 'dept', 'est', 'fig', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'mt', 'u.s', 'u.k', 'a.m', 'p.m',
]);

const CLOSERS = '"”’\')]';

/** Sentences inside each paragraph. Does not split after titles ("Mr.", "Dr.") or initials ("J. Smith"). */
export function segmentSentences(text: string, paragraphs: Span[]): Span[] {
  const out: Span[] = [];
  let nextStop = -1; // where the last search found its next stop: paragraphs before it have none (no rescan: linear)
  for (const p of paragraphs) {
    let start = p.start;
    if (nextStop >= p.end) {
      out.push({ start, end: p.end });
      continue;
    }
    const re = /[.!?…]+/g;
    re.lastIndex = p.start;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) && m.index < p.end) {
      let end = m.index + m[0].length;
      while (end < p.end && CLOSERS.includes(text[end])) end++;
      if (end >= p.end) break;
      if (!/\s/.test(text[end])) continue;
      let next = end;
      while (next < p.end && /\s/.test(text[next])) next++;
      if (!/[A-Z0-9"“‘'(\[£$€]/.test(text[next] ?? '')) continue;
      if (m[0] === '.' && endsWithAbbreviation(text, start, m.index)) continue;
      out.push({ start, end });
      start = next;
    }
    nextStop = m ? m.index : text.length;
    if (start < p.end) out.push({ start, end: p.end });
  }
  return out;
}

function endsWithAbbreviation(text: string, from: number, dotAt: number): boolean {
  const before = text.slice(Math.max(from, dotAt - 12), dotAt);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1] ?? '';
  if (!word) return false;
  if (/^[A-Z]$/.test(word)) return true; // an initial: "J. K. Rowling"
  return ABBREVIATIONS.has(word.toLowerCase());
}
