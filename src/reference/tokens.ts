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
    const glued = GLUED.exec(m[0]);
    if (glued) {
      push(out, glued[1], m.index);
      push(out, glued[2], m.index + glued[1].length);
    } else push(out, m[0], m.index);
  }
  return out;
}

function push(out: Token[], word: string, start: number): void {
  const end = start + word.length;
  if (word === '&') {
    out.push({ norm: 'and', start, end, capital: false, possessive: false });
    return;
  }
  let w = word.replace(/’/g, "'");
  let possessive = false;
  if (/'s$/i.test(w)) {
    w = w.slice(0, -2);
    possessive = true;
  } else if (/s'$/i.test(w)) {
    w = w.slice(0, -1);
    possessive = true;
  }
  w = w.replace(/^['-]+|['-]+$/g, '');
  if (!w) return;
  out.push({ norm: foldWord(w), start, end, capital: /^\p{Lu}/u.test(w), possessive });
}

/** Lower case without diacritics, straight apostrophes. */
export function foldWord(w: string): string {
  return w.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/’/g, "'").toLowerCase();
}

/** The matching key of a name from a table: its tokens' normal forms joined by spaces ("Dewsbury & Batley" → "dewsbury and batley"). */
export function normaliseName(name: string): string {
  return tokenize(name)
    .map((t) => t.norm)
    .join(' ');
}

// Small words that may be written in lower case inside a name ("Bethnal Green and Stepney", "Weston-super-Mare").
export const NAME_LINK_WORDS = new Set(['and', 'of', 'the', 'upon', 'on', 'in', 'with', 'under', 'by', 'le', 'de', 'da', 'del', 'van', 'von', 'der', 'den', 'la', 'al', 'bin', 'ibn']);
