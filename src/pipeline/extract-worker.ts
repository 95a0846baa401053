import { readFile } from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import type { ExtractionResult } from '../extract/index.js';
import { extractClaims } from '../extract/index.js';
import type { Article, SourceMeta } from '../ingest/article.js';
import { parseArticle } from '../ingest/parse-article.js';

/** One document for a worker: a file on disk (read in the worker) or text already in memory. */
export interface ExtractTask {
  name: string;
  path?: string;
  text?: string;
  maxBytes: number;
  meta?: Partial<SourceMeta>;
  /** the worker says "started" on it once the document's work begins: the time budget counts from there */
  started?: MessagePort;
}

export type ExtractOutcome = { ok: true; article: Article; extraction: ExtractionResult } | { ok: false; reason: string };

/** Read, parse and extract one document (runs in a worker thread, never on the web request thread). */
export async function parseAndExtract(task: ExtractTask): Promise<ExtractOutcome> {
  task.started?.postMessage('started');
  task.started?.close();
  const bytes = task.path !== undefined ? await readFile(task.path) : Buffer.from(task.text ?? '', 'utf8');
  const parsed = parseArticle(bytes, task.name, { maxBytes: task.maxBytes, meta: task.meta });
  if (!parsed.ok) return parsed;
  const { article } = parsed;
  return { ok: true, article, extraction: extractClaims(article.text, article.paragraphs, article.sentences) };
}
