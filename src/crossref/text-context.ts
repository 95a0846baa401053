import type { Span } from '../core/span.js';
import { lowerBound } from '../core/sorted.js';
import { isWhite, sentenceStops } from '../ingest/segment.js';

const MAX_REACH = 600;

/** Positions in `text` where a sentence ends (the splitter's rule; kept for the last text asked about). */
let indexedText: string | null = null;
let indexedEnds: number[] = [];
function sentenceEnds(text: string): number[] {
  if (text !== indexedText) {
    indexedText = text;
    indexedEnds = sentenceStops(text);
  }
  return indexedEnds;
}

const isSpace = (ch: string | undefined) => ch !== undefined && isWhite(ch.charCodeAt(0));

/** The sentence around [start, end): from after the previous boundary to the next one (pure, bounded reach). */
export function sentenceAround(text: string, start: number, end: number): Span {
  const ends = sentenceEnds(text);
  const minS = Math.max(0, start - MAX_REACH);
  // the last boundary in [minS, start - 1], else minS
  const k = lowerBound(ends, start) - 1;
  let s = k >= 0 && ends[k] >= minS ? ends[k] + 1 : minS;
  if (start <= minS) s = start;
  // the first boundary in [max(end, start), maxE - 1], else maxE
  let e = Math.max(end, start);
  const maxE = Math.min(text.length, end + MAX_REACH);
  if (e < maxE) {
    const f = ends[lowerBound(ends, e)];
    e = f !== undefined && f < maxE ? f : maxE;
  }
  if (e < text.length && text[e] !== '\n') {
    e++;
    while (e < text.length && /["'”’)\]]/.test(text[e])) e++;
  }
  while (s < e && isSpace(text[s])) s++;
  while (e > s && isSpace(text[e - 1])) e--;
  return { start: s, end: e };
}

/** The sentence around a span plus the sentence before it (which often names what a bare figure is about). */
export function contextWindow(text: string, start: number, end: number): { sentence: Span; window: Span } {
  const sentence = sentenceAround(text, start, end);
  let p = sentence.start - 1;
  while (p > 0 && isWhite(text.charCodeAt(p))) p--;
  const previous = p > 0 ? sentenceAround(text, p, p) : sentence;
  return { sentence, window: { start: Math.min(previous.start, sentence.start), end: sentence.end } };
}

/** Capitalised words that say nothing about what a sentence is about. */
const CAPITAL_STOPWORDS = new Set(
  (
    'a an the and but or nor so yet for in on at to of by from with as if when while after before since until although though ' +
    'he she it they we i you his her its their our my your him them us me this that these those there here then thus however ' +
    'meanwhile also even still despite during more most many some all any both each every one two three four five six seven eight nine ten ' +
    'mr mrs ms dr sir dame lord lady prof monday tuesday wednesday thursday friday saturday sunday ' +
    'january february march april may june july august september october november december read said says according'
  ).split(' '),
);

/** Beyond ASCII, news text mostly has these; none is a letter, digit or accent, so the ASCII fast paths hold. */
const NOT_PLAIN = /[^\x00-\x7f£€“”‘’–—…]/;
/** Like NOT_PLAIN, for tokenisers that keep ’ inside words ("Labour’s"). */
const NOT_PLAIN_TOKENS = /[^\x00-\x7f£€“”–—…]/;

/** Whether a passage has letters beyond ASCII (accents, other scripts): the slower Unicode-aware paths are needed. */
export function hasNonAsciiLetters(s: string): boolean {
  return NOT_PLAIN.test(s);
}

/** Drops accents ("Hélène" → "Helene"); plain text (most of it) skips the costly normalisation. */
function stripAccents(s: string): string {
  return NOT_PLAIN.test(s) ? s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : s;
}

/** Splits words glued by a scraper at a lower→upper case change ("23-year-oldLeanne" → "23-year-old Leanne"). */
export function unglue(s: string): string {
  return NOT_PLAIN.test(s) ? s.replace(/(\p{Ll}{2})(\p{Lu}\p{Ll})/gu, '$1 $2') : s.replace(/([a-z]{2})([A-Z][a-z])/g, '$1 $2');
}

/**
 * The proper-name keys of a passage: every capitalised word (possessive stripped, function words dropped)
 * and every run of two or more of them ("ilford north"). Lower-cased.
 */
export function nameKeys(passage: string): Set<string> {
  const keys = new Set<string>();
  const plain = stripAccents(unglue(passage));
  const ascii = !NOT_PLAIN_TOKENS.test(plain);
  const tokens = plain.split(ascii ? /[^A-Za-z0-9'&-]+/ : /[^\p{L}\p{N}'’&-]+/u);
  let run: string[] = [];
  for (const raw of tokens) {
    if (!raw) continue;
    const possessive = /['’]s$/u.test(raw);
    const word = /['’-]/.test(raw) ? raw.replace(/['’]s$/u, '').replace(/^['’-]+|['’-]+$/gu, '') : raw;
    const c = word.charCodeAt(0);
    const upper = ascii ? c >= 65 && c <= 90 : /^\p{Lu}/u.test(word);
    const w = upper && word.length > 1 ? word.toLowerCase() : '';
    if (w && !CAPITAL_STOPWORDS.has(w)) {
      keys.add(w);
      run.push(w);
      if (!possessive) continue; // "Labour's Wes Streeting" is two names
    }
    if (run.length >= 2) keys.add(run.join(' '));
    run = [];
  }
  if (run.length >= 2) keys.add(run.join(' '));
  return keys;
}

/**
 * How much two passages share by name: two points per shared multi-word name ("new york"), one per other shared
 * capitalised word; the words of a shared multi-word name do not count again.
 */
export function sharedNameScore(a: Set<string>, b: Set<string>): { score: number; shared: string[] } {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const multi: string[] = [];
  const single: string[] = [];
  for (const k of small) if (large.has(k)) (k.includes(' ') ? multi : single).push(k);
  const covered = new Set(multi.flatMap((m) => m.split(' ')));
  const rest = single.filter((k) => !covered.has(k));
  return { score: 2 * multi.length + rest.length, shared: [...multi, ...rest] };
}

/** Four-digit years (1900–2099) in a passage. */
export function yearsIn(passage: string): Set<string> {
  return new Set(passage.match(/\b(19|20)\d{2}\b/g) ?? []);
}

/** Words for comparing quotes: lower case, straight apostrophes, no punctuation, editorial [insertions] dropped. */
export function quoteWords(s: string): string[] {
  const plain = stripAccents(s)
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/[’‘`]/g, "'")
    .toLowerCase();
  const tokens = plain.match(NOT_PLAIN_TOKENS.test(plain) ? /[\p{L}\p{N}']+/gu : /[a-z0-9']+/g) ?? [];
  const out: string[] = [];
  for (const t of tokens) {
    const w = t.includes("'") ? t.replace(/^'+|'+$/g, '') : t;
    if (w) out.push(w);
  }
  return out;
}
