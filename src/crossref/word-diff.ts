import { quoteWords } from './text-context.js';

export interface DiffPart {
  op: 'same' | 'removed' | 'added';
  text: string;
}

const MAX_WORDS = 600;

/** Longest common subsequence table over two word lists (compared by normalised form). */
function lcsTable(a: string[], b: string[]): Uint16Array[] {
  const t = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) t[i][j] = a[i] === b[j] ? t[i + 1][j + 1] + 1 : Math.max(t[i + 1][j], t[i][j + 1]);
  }
  return t;
}

/** Length of the longest common word subsequence (the basis of quote similarity). */
export function commonWordCount(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const x = a.length > MAX_WORDS ? a.slice(0, MAX_WORDS) : a;
  const y = b.length > MAX_WORDS ? b.slice(0, MAX_WORDS) : b;
  // two rolling rows instead of the whole table: only the length is wanted
  let prev = new Uint16Array(y.length + 1);
  let row = new Uint16Array(y.length + 1);
  for (let i = x.length - 1; i >= 0; i--) {
    const w = x[i];
    for (let j = y.length - 1; j >= 0; j--) row[j] = w === y[j] ? prev[j + 1] + 1 : Math.max(prev[j], row[j + 1]);
    [prev, row] = [row, prev];
  }
  return prev[0];
}

/** An upper bound of commonWordCount: the words the two share, counted with repeats (linear time). */
export function sharedWordCount(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const n = counts.get(w);
    if (n) {
      shared++;
      counts.set(w, n - 1);
    }
  }
  return shared;
}

const key = (w: string) => quoteWords(w).join(' ');

/**
 * A word diff of two passages for display: words as written in each (punctuation kept), compared by their
 * normalised form, so curly vs straight quotes or capitals do not count as changes. Consecutive words merge.
 */
export function diffWords(a: string, b: string): DiffPart[] {
  const wa = a.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  const wb = b.split(/\s+/).filter(Boolean).slice(0, MAX_WORDS);
  const ka = wa.map(key);
  const kb = wb.map(key);
  const t = lcsTable(ka, kb);
  const parts: DiffPart[] = [];
  const push = (op: DiffPart['op'], text: string) => {
    const last = parts[parts.length - 1];
    if (last && last.op === op) last.text += ` ${text}`;
    else parts.push({ op, text });
  };
  let i = 0;
  let j = 0;
  while (i < wa.length && j < wb.length) {
    if (ka[i] === kb[j]) {
      push('same', wa[i]);
      i++;
      j++;
    } else if (t[i + 1][j] >= t[i][j + 1]) push('removed', wa[i++]);
    else push('added', wb[j++]);
  }
  while (i < wa.length) push('removed', wa[i++]);
  while (j < wb.length) push('added', wb[j++]);
  return parts;
}
