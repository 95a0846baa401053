import { withinOneEdit } from '../core/edit-distance.js';

/** Every typed word pairs with a different alias word, exactly or within one edit for words of ≥ 4 letters. Pure. */
export function matchesNearly(typed: string[], aliasWords: string[]): boolean {
  const used = new Set<number>();
  for (const t of typed) {
    let i = aliasWords.findIndex((w, k) => !used.has(k) && w === t);
    if (i < 0 && t.length >= 4) i = aliasWords.findIndex((w, k) => !used.has(k) && withinOneEdit(t, w));
    if (i < 0) return false;
    used.add(i);
  }
  return true;
}
