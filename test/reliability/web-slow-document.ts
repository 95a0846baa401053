import { extractClaims } from '../../src/extract/index.js';
import { parseArticle } from '../../src/ingest/parse-article.js';

/** How long parsing and extracting `text` (as a .txt file) takes on this thread, in ms. */
export function timeToExtract(text: string, name = 'doc.txt'): number {
  const t0 = performance.now();
  const parsed = parseArticle(Buffer.from(text, 'utf8'), name, { maxBytes: 64 * 1024 * 1024 });
  if (!parsed.ok) throw new Error(`test document rejected: ${parsed.reason}`);
  extractClaims(parsed.article.text, parsed.article.paragraphs, parsed.article.sentences);
  return performance.now() - t0;
}

/**
 * A plain-text article that takes at least `minMs` to parse and extract here: quote after quote with a cue
 * ("“Hi,” he said and …", the shape that held the server for 14 s), grown until it is slow enough. Measured,
 * not assumed, so it stays slow enough whether the extractor is quadratic on it or linear.
 */
export function slowDocument(minMs: number, maxChars = 16 * 1024 * 1024): { text: string; ms: number } {
  let n = 200;
  for (;;) {
    const text = `A slow article\n\n${'"Hi," he said and '.repeat(n)}the end.`;
    const ms = timeToExtract(text);
    if (ms >= minMs) return { text, ms };
    if (text.length * 2 > maxChars) throw new Error(`no document under ${maxChars} characters takes ${minMs} ms to extract (${ms} ms at ${text.length})`);
    // grow by the square root of what is missing (right when the cost is quadratic, a few more steps when linear)
    n = Math.ceil(n * Math.min(2, Math.max(1.25, Math.sqrt(minMs / Math.max(ms, 1)) * 1.1)));
  }
}
