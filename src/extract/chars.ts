// Character tests with ASCII fast paths: the texts are mostly ASCII, and a `u`-flag \p{…} regex per character is slow.

const LETTER = /\p{L}/u;

/** Whether the single UTF-16 unit at `i` is a letter (like /\p{L}/u.test(text[i])); false outside the text. */
export function isLetterUnit(text: string, i: number): boolean {
  if (i < 0 || i >= text.length) return false;
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  return LETTER.test(text[i]);
}

/**
 * A cheap pre-check for "is text[start, end) one of these lower-case words": a bit per (first letter, length).
 * Lets scanners skip most words without slicing a string for a Set lookup.
 */
export function lengthMaskByFirstLetter(words: Iterable<string>): Uint32Array {
  const mask = new Uint32Array(26);
  for (const w of words) {
    const first = w.charCodeAt(0) - 97;
    if (first >= 0 && first < 26 && w.length < 32) mask[first] |= 1 << w.length;
  }
  return mask;
}

/** Whether a word starting with char code `first` and `length` long may be in the set `mask` was built from. */
export function mayBeInMask(mask: Uint32Array, first: number, length: number): boolean {
  const k = first - 97;
  return k >= 0 && k < 26 && length < 32 && (mask[k] & (1 << length)) !== 0;
}
