import type { RemovedFurniture } from './article.js';
import { classifyParagraphs } from './clean-boilerplate.js';

export interface NormalisedBody {
  text: string;
  removed: RemovedFurniture[];
}

/**
 * Splits a body into paragraphs (one per non-blank line: scraped text marks paragraphs by line breaks),
 * drops page furniture into `removed`, and joins what is kept with "\n\n". Characters inside a
 * paragraph are kept exactly (no quote rewriting), except surrounding white space.
 */
export function normaliseBody(body: string, title: string | null): NormalisedBody {
  const lines = body
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n|\u2028|\u2029/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return joinParagraphs(lines, title);
}

/** Joins already-split paragraphs (e.g. from HTML) after removing furniture. */
export function joinParagraphs(paragraphs: string[], title: string | null): NormalisedBody {
  const verdicts = classifyParagraphs(paragraphs, title);
  const kept: string[] = [];
  const removed: RemovedFurniture[] = [];
  let length = 0;
  for (const v of verdicts) {
    if (v.removedAs) {
      removed.push({ kind: v.removedAs, text: v.text, at: length });
      continue;
    }
    length += (kept.length ? 2 : 0) + v.text.length;
    kept.push(v.text);
  }
  return { text: kept.join('\n\n'), removed };
}
