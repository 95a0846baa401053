import type { Span } from '../core/span.js';

/** A run of text inside quotation marks. start/end are the words inside the marks. */
export interface QuoteSpan {
  start: number;
  end: number;
  /** index of the opening mark */
  open: number;
  /** index just after the closing mark, or the paragraph end when the quote runs on */
  after: number;
  /** the quote was not closed before its paragraph ended */
  runsOn: boolean;
  /** this paragraph continues an unclosed quote from the previous paragraph */
  continuation: boolean;
  paragraph: number;
  mark: 'double' | 'single';
}

const MARK_RE = /[“”"‘’']/g;
function isLetter(c: string | undefined): boolean {
  if (!c) return false;
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return /[\p{L}\p{N}]/u.test(c);
}
const isSpace = (c: string | undefined): boolean => c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '\u00a0';

/**
 * Finds top-level quotations paragraph by paragraph. Double marks (“ ” ") pair with each other
 * in any combination; single marks (‘ ’ ') count only at word edges, so apostrophes (don’t,
 * Palestinians’) are not quotes. Marks nested inside a double quote stay part of it.
 */
export function findQuoteSpans(text: string, paragraphs: Span[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let previousRanOn = false;
  let nextMark = -1; // the first mark at or after the current paragraph, so mark-free paragraphs are not rescanned
  paragraphs.forEach((p, paragraph) => {
    if (nextMark >= p.end && !previousRanOn) return;
    let dbl = -1;
    let sgl = -1;
    const startsWithMark = /^[“"‘']/.test(text[p.start] ?? '');
    const continuation = previousRanOn && startsWithMark;
    let ranOn = false;
    const emit = (open: number, closeAt: number, mark: 'double' | 'single', runsOn: boolean): void => {
      const span = trimQuote(text, open + 1, closeAt);
      if (span.end <= span.start) return;
      // fields spelled out, not `...span`: the spread was the slowest line of quote finding
      out.push({
        start: span.start,
        end: span.end,
        open,
        after: runsOn ? closeAt : closeAt + 1,
        runsOn,
        continuation: continuation && open === p.start,
        paragraph,
        mark,
      });
    };
    MARK_RE.lastIndex = p.start;
    let mark: RegExpExecArray | null;
    while ((mark = MARK_RE.exec(text)) && mark.index < p.end) {
      nextMark = mark.index;
      const i = mark.index;
      const c = mark[0];
      if (c === '“') {
        if (dbl < 0) {
          dbl = i;
          sgl = -1;
        } else if (isSpace(text[i - 1]) && /[.!?…]/.test(text[i - 2] ?? '') && i - 2 > dbl + 1) {
          emit(dbl, i - 1, 'double', false); // an unclosed quote followed by a new one (collapsed paragraphs)
          dbl = i;
          sgl = -1;
        }
      } else if (c === '”') {
        if (dbl >= 0) {
          emit(dbl, i, 'double', false);
          dbl = -1;
        }
      } else if (c === '"') {
        if (dbl >= 0 && isSpace(text[i - 1]) && /[.!?…]/.test(text[i - 2] ?? '') && isLetter(text[i + 1]) && i - 2 > dbl + 1) {
          // paragraphs collapsed by a scraper: `…it remains. "He's been…` closes the quote and opens the next one
          emit(dbl, i - 1, 'double', false);
          dbl = i;
          sgl = -1;
        } else if (dbl >= 0) {
          emit(dbl, i, 'double', false);
          dbl = -1;
        } else if (!isSpace(text[i + 1])) {
          dbl = i;
          sgl = -1;
        }
      } else if (dbl < 0 && (c === '‘' || c === "'" || c === '’')) {
        if (sgl < 0) {
          // an opening single mark sits at the start of a word: ‘The Muslim Vote’, 'terror'
          if ((c === '‘' || c === "'") && !isLetter(text[i - 1]) && isLetter(text[i + 1])) sgl = i;
        } else if ((c === '’' || c === "'") && !isLetter(text[i + 1]) && i > sgl + 1) {
          emit(sgl, i, 'single', false);
          sgl = -1;
        }
      }
    }
    nextMark = mark ? mark.index : text.length;
    if (dbl >= 0) {
      emit(dbl, p.end, 'double', true);
      ranOn = true;
    }
    previousRanOn = ranOn;
  });
  return out;
}

/** Whitespace and the framing comma ("…difficult," Khan said) are not part of the quote. */
function trimQuote(text: string, start: number, end: number): { start: number; end: number } {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /[\s,;:]/.test(text[end - 1])) end--;
  return { start, end };
}

/** Number of words in a span of text. */
export function countWords(s: string): number {
  const m = s.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu);
  return m ? m.length : 0;
}

const SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'from', '&']);

/** A name or title in quotes (‘The Muslim Vote’, "Lord of the Rings"): every significant word capitalised. */
export function isTitleLike(inner: string): boolean {
  if (/[.!?,;:]\s*$/.test(inner) || /[.!?]\s/.test(inner)) return false;
  const words = inner.split(/\s+/).filter(Boolean);
  if (words.length < 1 || words.length > 8) return false;
  if (words.length === 1 && !/^[A-Z][a-z]+[A-Z]/.test(words[0])) return false;
  return words.every((w, i) => (i > 0 && SMALL_WORDS.has(w.toLowerCase())) || /^[\p{Lu}\p{N}#@]/u.test(w));
}

const NAMING_BEFORE =
  /\b(?:called|named|titled|entitled|dubbed|known as|the words?|the terms?|the phrase|so-called|hashtag|slogan|brand(?:ed)? as|headlined|nicknamed|billed as|under the banner|motto)\s*$/i;

/** A quoted string introduced as a name or term ("a website called ‘The Muslim Vote’", "the word ‘terrorism’"). */
export function isIntroducedAsName(text: string, open: number): boolean {
  return NAMING_BEFORE.test(text.slice(Math.max(0, open - 30), open));
}
