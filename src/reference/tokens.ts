/** A word of an article or a name, normalised for matching, with where it sits in the text. */
export interface Token {
  /** lower case, no diacritics, curly apostrophes straightened, possessive "'s" removed, "&" as "and" */
  norm: string;
  start: number;
  end: number;
  /** written with a capital (names must be: "Reading" the town, not "reading") */
  capital: boolean;
  /** "Masroor's", "Labour’s" */
  possessive: boolean;
}

const WORD = /[\p{L}\p{M}][\p{L}\p{M}'’\-]*|\d[\d,.]*\d|\d|&/gu;
// A scraper glued a lower-case word to a name: "candidateAyoub Khan", "unseatedLabour's". Not "McGowan".
const GLUED = /^(\p{Ll}{3,})(\p{Lu}[\p{L}\p{M}'’\-]*)$/u;

/** Words of a text with offsets; glued words are split where a lower-case run meets a capital. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    // only a word with a capital after its first three letters can be glued
    const glued = w.length > 4 && /\p{Lu}/u.test(w.slice(3)) ? GLUED.exec(w) : null;
    if (glued) {
      push(out, glued[1], m.index);
      push(out, glued[2], m.index + glued[1].length);
    } else push(out, w, m.index);
  }
  return out;
}

function push(out: Token[], word: string, start: number): void {
  const end = start + word.length;
  if (word === '&') {
    out.push({ norm: 'and', start, end, capital: false, possessive: false });
    return;
  }
  let w = word;
  let possessive = false;
  if (w.length > 2 && (w.endsWith("'s") || w.endsWith('’s') || w.endsWith("'S") || w.endsWith('’S'))) {
    w = w.slice(0, -2);
    possessive = true;
  } else if (w.length > 2 && (w.endsWith("s'") || w.endsWith('s’'))) {
    w = w.slice(0, -1);
    possessive = true;
  }
  const first = w.charCodeAt(0);
  const last = w.charCodeAt(w.length - 1);
  // 39 = ', 45 = -, 8217 = ’
  if (first === 39 || first === 45 || first === 8217 || last === 39 || last === 45 || last === 8217) w = w.replace(/^['’-]+|['’-]+$/g, '');
  if (!w) return;
  const c = w.charCodeAt(0);
  const capital = c >= 65 && c <= 90 ? true : c < 128 ? false : /^\p{Lu}/u.test(w);
  out.push({ norm: foldWord(w), start, end, capital, possessive });
}

const folded = new Map<string, string>();

/** Lower case without diacritics, straight apostrophes. */
function foldWord(w: string): string {
  if (/^[A-Za-z]+$/.test(w)) return w.toLowerCase();
  let f = folded.get(w);
  if (f === undefined) {
    if (folded.size > 50_000) folded.clear();
    f = w
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/’/g, "'")
      .toLowerCase();
    folded.set(w, f);
  }
  return f;
}

/** The matching key of a name from a table: its tokens' normal forms joined by spaces ("Dewsbury & Batley" → "dewsbury and batley"). */
export function normaliseName(name: string): string {
  let n = names.get(name);
  if (n === undefined) {
    if (names.size > 50_000) names.clear();
    n = tokenize(name)
      .map((t) => t.norm)
      .join(' ');
    names.set(name, n);
  }
  return n;
}
const names = new Map<string, string>();

// Small words that may be written in lower case inside a name ("Bethnal Green and Stepney", "Weston-super-Mare").
export const NAME_LINK_WORDS = new Set([
  'and',
  'of',
  'the',
  'upon',
  'on',
  'in',
  'with',
  'under',
  'by',
  'le',
  'de',
  'da',
  'del',
  'van',
  'von',
  'der',
  'den',
  'la',
  'al',
  'bin',
  'ibn',
]);
