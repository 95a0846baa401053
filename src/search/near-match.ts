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

/** True when a and b differ by at most one substitution, adjacent transposition, insertion or deletion. Pure. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}
