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

/**
 * Words after which a full stop does not end a sentence ("Mr. Smith", "St. Albans", "e.g. this", "Det. Insp. Lee"):
 * the one list for every splitter and clause finder. It is the union of the lists the sentence splitter, the
 * cross-referencing context finder (a subset of the splitter's) and the honorific table (US house styles: "Msgr.",
 * "Cllr.", "Atty.") each kept before; all are titles, month names, company suffixes or Latin abbreviations that
 * news text writes before a capitalised word or a number. Left out: the honorific table's "Sec." (a seconds unit,
 * and "the SEC." ends sentences).
 */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles and ranks
  'mr',
  'mrs',
  'ms',
  'mx',
  'dr',
  'prof',
  'sir',
  'st',
  'jr',
  'sr',
  'rev',
  'fr',
  'msgr',
  'gen',
  'col',
  'lt',
  'maj',
  'capt',
  'sgt',
  'cpl',
  'adm',
  'cmdr',
  'brig',
  'det',
  'insp',
  'supt',
  'gov',
  'sen',
  'rep',
  'hon',
  'pres',
  'atty',
  'amb',
  'cllr',
  // months
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  // companies, places, Latin and the rest
  'inc',
  'ltd',
  'co',
  'corp',
  'dept',
  'mt',
  'no',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'approx',
  'est',
  'fig',
  'u.s',
  'u.k',
  'a.m',
  'p.m',
]);

/** Closing quotes and brackets that stay with the sentence they close: " ” ’ ' ) ] */
const isCloser = (c: number): boolean => c === 34 || c === 0x201d || c === 0x2019 || c === 39 || c === 41 || c === 93;
/** What may open the next sentence: a capital, a digit, an opening quote or bracket, a currency sign. */
const opensSentence = (c: number): boolean =>
  (c >= 65 && c <= 90) ||
  (c >= 48 && c <= 57) ||
  c === 34 ||
  c === 0x201c ||
  c === 0x2018 ||
  c === 39 ||
  c === 40 ||
  c === 91 ||
  c === 163 ||
  c === 36 ||
  c === 0x20ac;
/** The characters /\s/ matches, by code. */
export function isWhite(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The sentence rule. A run of stops [at, runEnd) ("." "?!" "…") ends a sentence when closing quotes, then white
 * space, then a capital, digit, opening quote or currency sign follow, and a lone full stop does not close an
 * abbreviation or an initial. Returns where that sentence ends (after the closers), or -1. `from` is where the
 * current sentence starts and `limit` where the text or paragraph ends (a stop right before it is left to the caller).
 */
export function sentenceEndAt(text: string, from: number, at: number, runEnd: number, limit: number): number {
  let end = runEnd;
  while (end < limit && isCloser(text.charCodeAt(end))) end++;
  if (end >= limit || !isWhite(text.charCodeAt(end))) return -1;
  let next = end;
  while (next < limit && isWhite(text.charCodeAt(next))) next++;
  if (next >= limit || !opensSentence(text.charCodeAt(next))) return -1;
  if (runEnd - at === 1 && text.charCodeAt(at) === 46 && isAbbreviationDot(text, from, at)) return -1;
  return end;
}

/** Whether the full stop at `dotAt` closes an abbreviation or an initial ("Mr.", "U.S.", "J."), looking back no further than `from`. */
export function isAbbreviationDot(text: string, from: number, dotAt: number): boolean {
  const before = text.slice(Math.max(from, dotAt - 12), dotAt);
  const word = /([A-Za-z.]+)$/.exec(before)?.[1] ?? '';
  if (!word) return false;
  if (/^[A-Z]$/.test(word)) return true; // an initial: "J. K. Rowling"
  if (/^[A-Z]+$/.test(word)) return false; // an acronym: "the SEC.", "the NHS."
  return ABBREVIATIONS.has(word.toLowerCase());
}

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
      const end = sentenceEndAt(text, start, m.index, m.index + m[0].length, p.end);
      if (end < 0) continue;
      out.push({ start, end });
      start = end;
      while (isWhite(text.charCodeAt(start))) start++;
    }
    nextStop = m ? m.index : text.length;
    if (start < p.end) out.push({ start, end: p.end });
  }
  return out;
}

/**
 * Where sentences end in the whole of `text`, in order: the index of the last character of each sentence (its stop,
 * or the closing quote after it), by the rule of segmentSentences so both agree, and every line break (a sentence
 * never runs over a line).
 */
export function sentenceStops(text: string): number[] {
  const ends: number[] = [];
  const re = /[.!?…]+|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '\n') {
      ends.push(m.index);
      from = m.index + 1;
      continue;
    }
    const runEnd = m.index + m[0].length;
    // the stops right before the end of the text or a line break close the last sentence there
    let end = runEnd;
    while (end < text.length && isCloser(text.charCodeAt(end))) end++;
    const last = end >= text.length || text.charCodeAt(end) === 10;
    if (last || sentenceEndAt(text, from, m.index, runEnd, text.length) >= 0) {
      ends.push(end - 1);
      from = end;
    }
  }
  return ends;
}
