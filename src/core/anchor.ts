import type { Span } from './span.js';

export interface TextQuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
}

/** Length of the common run of two strings, read from their ends (for prefixes) or starts (for suffixes). */
function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/**
 * Re-anchors a W3C TextQuoteSelector in a changed text: every occurrence of `exact` is scored by how much
 * of its prefix and suffix still match; the best wins. Returns null (an orphan) when `exact` is gone or
 * when two occurrences fit equally well and neither has any context match (never a silent guess).
 */
export function findAnchor(text: string, selector: TextQuoteSelector, hint?: number): Span | null {
  if (!selector.exact) return null;
  const candidates: { start: number; score: number }[] = [];
  for (let at = text.indexOf(selector.exact); at >= 0; at = text.indexOf(selector.exact, at + 1)) {
    const before = text.slice(Math.max(0, at - selector.prefix.length), at);
    const after = text.slice(at + selector.exact.length, at + selector.exact.length + selector.suffix.length);
    const score = commonSuffixLength(before, selector.prefix) + commonPrefixLength(after, selector.suffix);
    candidates.push({ start: at, score });
  }
  if (!candidates.length) return null;
  candidates.sort((a, b) => b.score - a.score || (hint === undefined ? 0 : Math.abs(a.start - hint) - Math.abs(b.start - hint)));
  const [best, second] = candidates;
  if (second && second.score === best.score && best.score === 0 && hint === undefined) return null;
  return { start: best.start, end: best.start + selector.exact.length };
}
