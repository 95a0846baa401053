import type { MessagePort } from 'node:worker_threads';
import type { Span } from '../core/span.js';
import type { ExtractionResult } from '../extract/index.js';
import { extractClaims } from '../extract/index.js';
import type { Article, SourceMeta } from '../ingest/article.js';
import { parseArticle } from '../ingest/parse-article.js';
import { readFailure, readFileCapped } from '../ingest/read-file.js';
import { segmentSentences } from '../ingest/segment.js';

/** One document for a worker: a file on disk (read in the worker), text in memory, or a stored source's text to extract again. */
export interface ExtractTask {
  name: string;
  path?: string;
  text?: string;
  /** a stored source (reextract): its text and paragraphs are extracted as they are, nothing is parsed */
  stored?: { text: string; paragraphs: Span[] };
  maxBytes: number;
  meta?: Partial<SourceMeta>;
  /** run the extractor (default true); off stores sources without claims (`ingest --no-extract`) */
  extract?: boolean;
  /** the worker says "started" on it once the document's work begins: the time budget counts from there */
  started?: MessagePort;
}

/** Thread CPU time the document took in each step, in ms (for the pipeline's breakdown). */
export interface StepTimes {
  readParseMs: number;
  extractMs: number;
}

export type ExtractOutcome =
  | { ok: true; article: Article; extraction: ExtractionResult; times: StepTimes }
  | { ok: true; article: null; extraction: ExtractionResult; times: StepTimes }
  | { ok: false; reason: string };

const NO_CLAIMS: ExtractionResult = { claims: [], entities: [] };

/** Read, parse and extract one document (runs in a worker thread, never on the web request thread). */
export function parseAndExtract(task: ExtractTask): ExtractOutcome {
  task.started?.postMessage('started');
  task.started?.close();
  const t0 = performance.now();
  if (task.stored) {
    const { text, paragraphs } = task.stored;
    const extraction = extractClaims(text, paragraphs, segmentSentences(text, paragraphs));
    return { ok: true, article: null, extraction, times: { readParseMs: 0, extractMs: performance.now() - t0 } };
  }
  let bytes: Uint8Array;
  try {
    bytes = task.path !== undefined ? readFileCapped(task.path, task.maxBytes) : Buffer.from(task.text ?? '', 'utf8');
  } catch (e) {
    return { ok: false, reason: readFailure(e) };
  }
  let article: Article;
  try {
    const parsed = parseArticle(bytes, task.name, { maxBytes: task.maxBytes, meta: task.meta });
    if (!parsed.ok) return parsed;
    article = parsed.article;
  } catch (e) {
    // a parser that throws on one hostile file costs that file only
    return { ok: false, reason: `cannot parse: ${(e as Error).message}` };
  }
  const t1 = performance.now();
  let extraction = NO_CLAIMS;
  if (task.extract !== false) {
    try {
      extraction = extractClaims(article.text, article.paragraphs, article.sentences);
    } catch (e) {
      return { ok: false, reason: `cannot parse: ${(e as Error).message}` };
    }
  }
  return { ok: true, article, extraction, times: { readParseMs: t1 - t0, extractMs: performance.now() - t1 } };
}
