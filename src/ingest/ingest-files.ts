import type { EntityCache } from '../storage/entity.repository.js';
import { BatchWriter } from '../storage/batch-writer.js';
import { type DB, preparedStatementsOf } from '../storage/connect.js';
import type { PreparedStatements } from '../storage/prepared-statements.js';
import { extractFor, storeArticleIn } from '../storage/store-article.js';
import { crossrefSources } from '../crossref/crossref.service.js';
import { collectFiles } from './collect-files.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { parseArticle } from './parse-article.js';
import { readFailure, readFileCapped } from './read-file.js';

export { FileTooLargeError, readFailure, readFileCapped } from './read-file.js';

export interface IngestSummary {
  added: { file: string; sourceId: number; claims: number; previousVersionId: number | null }[];
  unchanged: { file: string; sourceId: number }[];
  rejected: { file: string; reason: string }[];
  warnings: { file: string; warning: string }[];
}

export interface IngestOptions {
  maxBytes?: number;
  extract?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  /** compare the added sources with the stored ones afterwards (default true) */
  crossref?: boolean;
}

/** Ingests files and folders; one file's failure never stops or damages the others. */
export async function ingestPaths(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { files, missing } = collectFiles(paths);
  const summary: IngestSummary = { added: [], unchanged: [], rejected: [...missing], warnings: [] };
  const cache: EntityCache = new Map();
  const writer = new BatchWriter(db);
  try {
    await ingestEach(files, writer, preparedStatementsOf(db), cache, summary, options, maxBytes);
    await writer.commit();
  } catch (e) {
    await writer.rollback();
    throw e;
  }
  options.onProgress?.(files.length, files.length, '');
  if (options.crossref !== false && summary.added.length) await crossrefSources(db, summary.added.map((a) => a.sourceId));
  return summary;
}

async function ingestEach(files: string[], writer: BatchWriter, prepared: PreparedStatements, cache: EntityCache, summary: IngestSummary, options: IngestOptions, maxBytes: number): Promise<void> {
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileCapped(file, maxBytes);
    } catch (e) {
      summary.rejected.push({ file, reason: readFailure(e) });
      continue;
    }
    const parsed = parseArticle(bytes, file, { maxBytes });
    if (!parsed.ok) {
      summary.rejected.push({ file, reason: parsed.reason });
      continue;
    }
    for (const warning of parsed.article.warnings) summary.warnings.push({ file, warning });
    try {
      const storeOptions = { file, extract: options.extract, entityCache: cache };
      const extraction = extractFor(parsed.article, storeOptions);
      // each source is all-or-nothing in its own savepoint; commits are grouped (see BatchWriter)
      const r = await writer.run((trx) => storeArticleIn(trx, prepared, parsed.article, extraction, storeOptions));
      if (r.status === 'added') summary.added.push({ file, sourceId: r.sourceId, claims: r.claims, previousVersionId: r.previousVersionId });
      else summary.unchanged.push({ file, sourceId: r.sourceId });
    } catch (e) {
      cache.clear(); // the savepoint rolled back: cached ids may point at rows that no longer exist
      summary.rejected.push({ file, reason: `not stored: ${(e as Error).message}` });
    }
  }
}
