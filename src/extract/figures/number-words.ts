// Numbers written as words: "six", "thirty-one thousand", "one hundred and three", "a dozen".

const SMALL_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
/** Words that multiply what is before them ("six hundred", "thirty-one thousand"). */
const SCALES: Record<string, number> = { hundred: 100, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };

/** Every word that can start a number written in words ("a" only before a scale word or "dozen"). */
export const NUMBER_WORD_START = [...Object.keys(SMALL_NUMBERS), ...Object.keys(TENS), 'hundred', 'thousand', 'million', 'billion', 'dozen'];

export interface WordNumber {
  /** offset just after the last number word */
  end: number;
  value: number;
  /** the scale word it ends in ("seven thousand" → 1000, "six hundred" → 100), else 1: a range partner may share it */
  scale: number;
}

const TOKEN_RE = /([A-Za-z]+)([\s-]+)?/y;

/**
 * Reads a number in words from `at` (greedy): "thirty-one thousand" → 31000, "a hundred and two" → 102,
 * "two dozen" → 24. Returns null when no number word starts there. Looks at most 12 words ahead.
 */
export function readNumberWords(text: string, at: number, limit: number): WordNumber | null {
  let total = 0;
  let current = 0;
  let seen = false;
  let end = at;
  let scale = 1;
  let lastKind: 'small' | 'ten' | 'hundred' | 'scale' | 'a' | null = null;
  let pos = at;
  for (let words = 0; words < 12 && pos < limit; words++) {
    TOKEN_RE.lastIndex = pos;
    const m = TOKEN_RE.exec(text);
    if (!m || m.index + m[1].length > limit) break;
    const w = m[1].toLowerCase();
    const next = m.index + m[0].length;
    if (w === 'a' && !seen && words === 0) {
      lastKind = 'a';
      pos = next;
      continue;
    }
    if (w === 'and' && (lastKind === 'hundred' || lastKind === 'scale')) {
      // "one hundred and three": "and" belongs to the number only when a small number follows
      TOKEN_RE.lastIndex = next;
      const after = TOKEN_RE.exec(text);
      const nw = after?.[1].toLowerCase();
      if (!nw || !(nw in SMALL_NUMBERS || nw in TENS)) break;
      pos = next;
      continue;
    }
    if (w in SMALL_NUMBERS && lastKind !== 'small' && !(lastKind === 'ten' && SMALL_NUMBERS[w] >= 10)) {
      if (lastKind === 'a') break;
      current += SMALL_NUMBERS[w];
      lastKind = 'small';
    } else if (w in TENS && lastKind !== 'small' && lastKind !== 'ten') {
      if (lastKind === 'a') break;
      current += TENS[w];
      lastKind = 'ten';
    } else if (w === 'hundred' && lastKind !== 'hundred') {
      current = (current || 1) * 100;
      lastKind = 'hundred';
    } else if (w in SCALES && w !== 'hundred') {
      if (lastKind === 'scale' && current === 0) break;
      total += (current || 1) * SCALES[w];
      current = 0;
      lastKind = 'scale';
    } else if (w === 'dozen' && (lastKind === 'small' || lastKind === 'a')) {
      current = (current || 1) * 12;
      lastKind = 'scale';
    } else break;
    seen = true;
    end = m.index + m[1].length;
    scale = lastKind === 'hundred' ? 100 : lastKind === 'scale' && w !== 'dozen' ? SCALES[w] : 1;
    if (scale > 1 && total + current !== 0 && (total + current) % scale !== 0) scale = 1;
    pos = next;
    if (!m[2]) break;
  }
  if (!seen) return null;
  // "two and a half", "two-and-a-half years"
  const half = /^[\s-]and[\s-]a[\s-]half(?![A-Za-z])/.exec(text.slice(end, Math.min(limit, end + 16)));
  if (half) {
    // "five and a half million": the scale after the half multiplies the whole
    const scaleAfter = /^\s(thousand|million|billion|trillion)(?![A-Za-z])/i.exec(text.slice(end + half[0].length, Math.min(limit, end + half[0].length + 10)));
    if (scaleAfter && total === 0) {
      const s = SCALES[scaleAfter[1].toLowerCase()];
      return { end: end + half[0].length + scaleAfter[0].length, value: (current + 0.5) * s, scale: s };
    }
    // "a million and a half", "two thousand and a half": half of the scale word just read
    if (lastKind === 'scale' && current === 0 && total > 0 && scale > 1) return { end: end + half[0].length, value: total + scale / 2, scale: 1 };
    return { end: end + half[0].length, value: total + current + 0.5, scale: 1 };
  }
  return { end, value: total + current, scale };
}
