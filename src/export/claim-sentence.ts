import type { Span } from '../core/span.js';
import { segmentParagraphs, segmentSentences } from '../ingest/segment.js';

/** A source's sentence spans, split by the project's one sentence splitter (over its stored paragraphs when given). */
export function sentenceSpans(text: string, paragraphs?: Span[] | null): Span[] {
  return segmentSentences(text, paragraphs?.length ? paragraphs : segmentParagraphs(text));
}

/**
 * The sentence holding [start, end): from the start of the sentence the claim starts in to the end of the one it
 * ends in (a quote can run over several). Null when the offsets fall outside the text.
 */
export function claimSentence(text: string, sentences: Span[], start: number, end: number): string | null {
  if (start < 0 || end > text.length || start >= end) return null;
  // sentences are in text order: binary-search the first one ending after the claim's start
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
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
