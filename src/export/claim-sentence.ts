import type { Span } from '../core/span.js';
import { segmentParagraphs, segmentSentences } from '../ingest/segment.js';

/**
 * The sentence holding [start, end): from the start of the sentence the claim starts in to the end of the one it
 * ends in (a quote can run over several). Null when the offsets fall outside the text.
 */
export function claimSentence(text: string, sentences: Span[], start: number, end: number): string | null {
  if (start < 0 || end > text.length || start >= end) return null;
  const lo = firstEndingAfter(sentences, start);
  let from = start;
  let to = end;
  if (lo < sentences.length && sentences[lo].start < end) {
    from = Math.min(from, sentences[lo].start);
    let last = lo;
    while (last + 1 < sentences.length && sentences[last + 1].start < end) last++;
    to = Math.max(to, sentences[last].end);
  }
  return text.slice(from, to).trim();
}

/** Index of the first span ending after `pos` (spans in text order). */
function firstEndingAfter(spans: Span[], pos: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The sentence finder of one source: splits only the paragraphs claims fall in, each once (the splitter works
 * paragraph by paragraph, so the sentences are the same as splitting the whole text).
 */
export function sentenceFinder(text: string, paragraphs?: Span[] | null): (start: number, end: number) => string | null {
  const paras = paragraphs?.length ? paragraphs : segmentParagraphs(text);
  const split = new Map<number, Span[]>();
  return (start, end) => {
    const sentences: Span[] = [];
    for (let i = firstEndingAfter(paras, start); i < paras.length && paras[i].start < end; i++) {
      let s = split.get(i);
      if (!s) split.set(i, (s = segmentSentences(text, [paras[i]])));
      sentences.push(...s);
    }
    return claimSentence(text, sentences, start, end);
  };
}
