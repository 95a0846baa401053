/**
 * Turns what a person typed into a safe FTS5 MATCH expression. Nothing the user types is passed through as
 * FTS5 syntax: words and "quoted phrases" become quoted strings (implicitly ANDed), a trailing * on a word
 * becomes a prefix query, and every operator, column filter, bracket or stray quote is dropped. Pure.
 */
export interface ParsedQuery {
  /** the MATCH expression, or null when nothing searchable was typed */
  fts: string | null;
  /** the words and phrases understood, for showing "searched for …" */
  terms: string[];
}

const MAX_INPUT = 500;
const MAX_TERMS = 16;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const OPERATORS = new Set(['AND', 'OR', 'NOT', 'NEAR']);

/** Words of a fragment as FTS5 would tokenise them (letters and digits; apostrophes inside a word kept together). */
function wordsOf(s: string): string[] {
  return s.match(WORD) ?? [];
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function parseSearchQuery(input: unknown): ParsedQuery {
  // NEAR(…) groups are FTS5 syntax, not words someone searched for
  const text =
    typeof input === 'string'
      ? input
          .slice(0, MAX_INPUT)
          .normalize('NFC')
          .replace(/\bNEAR\s*\(/g, ' ')
      : '';
  const parts: string[] = [];
  const terms: string[] = [];
  // phrases in straight or curly double quotes; an unclosed quote runs to the end of the input
  const re = /["“”]([^"“”]*)(?:["“”]|$)|([^\s"“”]+)/gu;
  for (const m of text.matchAll(re)) {
    if (parts.length >= MAX_TERMS) break;
    if (m[1] !== undefined) {
      const words = wordsOf(m[1]);
      if (!words.length) continue;
      parts.push(quote(words.join(' ')));
      terms.push(words.length > 1 ? `"${words.join(' ')}"` : words[0]);
      continue;
    }
    const raw = m[2];
    if (OPERATORS.has(raw) || raw.startsWith('-')) continue; // bare operators and exclusions are not supported: drop them
    const prefix = /[\p{L}\p{N}]\*+$/u.test(raw);
    const words = wordsOf(raw);
    words.forEach((w, i) => {
      if (parts.length >= MAX_TERMS) return;
      const isPrefix = prefix && i === words.length - 1 && w.length >= 2;
      parts.push(isPrefix ? `${quote(w)}*` : quote(w));
      terms.push(isPrefix ? `${w}*` : w);
    });
  }
  return { fts: parts.length ? parts.join(' ') : null, terms };
}

/** Sentinels that cannot occur in stored text (private use), put around matches by FTS5 highlight(). */
export const MARK_OPEN = '\uE000';
export const MARK_CLOSE = '\uE001';

export interface MarkedSegment {
  text: string;
  mark: boolean;
}

/** Splits highlight() output at the sentinels into plain and marked segments; the view escapes each one. */
export function splitHighlighted(s: string): MarkedSegment[] {
  const out: MarkedSegment[] = [];
  let mark = false;
  let buf = '';
  for (const ch of s) {
    if (ch === MARK_OPEN || ch === MARK_CLOSE) {
      if (buf) out.push({ text: buf, mark });
      buf = '';
      mark = ch === MARK_OPEN;
    } else buf += ch;
  }
  if (buf) out.push({ text: buf, mark });
  return out;
}
