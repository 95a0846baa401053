// Edit distances between words (names typed or spelt two ways: "Kier" / "Keir", "Qayum" / "Qauyum"). Pure.

/**
 * Optimal string alignment distance: substitutions, insertions, deletions, and a swap of neighbours counting as
 * one edit. Stops early once every alignment costs more than `max` and returns `max + 1` then.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const width = b.length + 1;
  // three rows: the one before last (for swaps), the last, the current
  let before = new Uint32Array(width);
  let last = Uint32Array.from({ length: width }, (_, j) => j);
  let row = new Uint32Array(width);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, last, row] = [last, row, before];
  }
  const d = last[b.length];
  return d > max ? max + 1 : d;
}

/** Whether a and b are at most one edit apart (editDistance(a, b, 1) <= 1), in one linear pass. */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return isSwapAt(a, b, i);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1); // deletion / insertion
}

/** Whether two words differ only by one swap of neighbours (Kier / Keir: a typing slip). */
export function isNeighbourSwap(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return isSwapAt(a, b, i);
}

const isSwapAt = (a: string, b: string, i: number): boolean => i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
