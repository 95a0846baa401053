/**
 * Turns what a person typed into an engine-neutral search: words (a trailing * makes one a prefix) and
 * "quoted phrases", all of which must match. Nothing the user types is passed through as query syntax: every
 * operator, column filter, bracket or stray quote is dropped. renderFts5 and renderTsquery write it out for
 * SQLite's FTS5 and PostgreSQL's to_tsquery. Pure.
 */
export type QueryPart = { kind: 'word'; word: string; prefix: boolean } | { kind: 'phrase'; words: string[] };

export interface SearchQuery {
  /** what must match (ANDed); empty when nothing searchable was typed */
  parts: QueryPart[];
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

export function parseSearchQuery(input: unknown): SearchQuery {
  // NEAR(…) groups are FTS5 syntax, not words someone searched for
  const text =
    typeof input === 'string'
      ? input
          .slice(0, MAX_INPUT)
          .normalize('NFC')
          .replace(/\bNEAR\s*\(/g, ' ')
      : '';
  const parts: QueryPart[] = [];
  const terms: string[] = [];
  // phrases in straight or curly double quotes; an unclosed quote runs to the end of the input
  const re = /["“”]([^"“”]*)(?:["“”]|$)|([^\s"“”]+)/gu;
  for (const m of text.matchAll(re)) {
    if (parts.length >= MAX_TERMS) break;
    if (m[1] !== undefined) {
      const words = wordsOf(m[1]);
      if (!words.length) continue;
      parts.push(words.length > 1 ? { kind: 'phrase', words } : { kind: 'word', word: words[0], prefix: false });
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
      parts.push({ kind: 'word', word: w, prefix: isPrefix });
      terms.push(isPrefix ? `${w}*` : w);
    });
  }
  return { parts, terms };
}

const fts5String = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The FTS5 MATCH expression: quoted strings, implicitly ANDed; null when there is nothing to search for. */
export function renderFts5(q: SearchQuery): string | null {
  if (!q.parts.length) return null;
  return q.parts.map((p) => (p.kind === 'phrase' ? fts5String(p.words.join(' ')) : p.prefix ? `${fts5String(p.word)}*` : fts5String(p.word))).join(' ');
}

// a quoted tsquery operand: PostgreSQL's parser and the english dictionary make lexemes of its text, several of them a phrase
const tsqueryString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * The text for `to_tsquery('english', …)`: each word or phrase a quoted operand (a phrase's words become
 * lexemes joined by <->, stop words leaving gaps), a prefix word `'econom':*`, all joined by &; null when there
 * is nothing to search for.
 */
export function renderTsquery(q: SearchQuery): string | null {
  if (!q.parts.length) return null;
  return q.parts
    .map((p) => (p.kind === 'phrase' ? tsqueryString(p.words.join(' ')) : p.prefix ? `${tsqueryString(p.word)}:*` : tsqueryString(p.word)))
    .join(' & ');
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
