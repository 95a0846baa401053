import { openSync, readSync, closeSync, fstatSync } from 'node:fs';
import type { DB } from '../storage/connect.js';
import type { EntityCache } from '../storage/entity.repository.js';
import { storeArticle } from '../storage/store-article.js';
import { collectFiles } from './collect-files.js';
import { DEFAULT_MAX_BYTES } from './decode.js';
import { parseArticle } from './parse-article.js';

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
}

/** Reads at most maxBytes + 1 so a huge file is refused without loading it whole. */
export function readFileCapped(file: string, maxBytes: number): Uint8Array {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const want = Math.min(size, maxBytes + 1);
    const buf = Buffer.allocUnsafe(want);
    let read = 0;
    while (read < want) {
      const n = readSync(fd, buf, read, want - read, read);
      if (n === 0) break;
      read += n;
    }
    return buf.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Ingests files and folders; one file's failure never stops or damages the others. */
export async function ingestPaths(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { files, missing } = collectFiles(paths);
  const summary: IngestSummary = { added: [], unchanged: [], rejected: [...missing], warnings: [] };
  const cache: EntityCache = new Map();
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    let bytes: Uint8Array;
    try {
      bytes = readFileCapped(file, maxBytes);
    } catch (e) {
      summary.rejected.push({ file, reason: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
      continue;
    }
    const parsed = parseArticle(bytes, file, { maxBytes });
    if (!parsed.ok) {
      summary.rejected.push({ file, reason: parsed.reason });
      continue;
    }
    for (const warning of parsed.article.warnings) summary.warnings.push({ file, warning });
    try {
      const r = await storeArticle(db, parsed.article, { file, extract: options.extract, entityCache: cache });
      if (r.status === 'added') summary.added.push({ file, sourceId: r.sourceId, claims: r.claims, previousVersionId: r.previousVersionId });
      else summary.unchanged.push({ file, sourceId: r.sourceId });
    } catch (e) {
      cache.clear(); // the transaction rolled back: cached ids may point at rows that no longer exist
      summary.rejected.push({ file, reason: `not stored: ${(e as Error).message}` });
    }
  }
  options.onProgress?.(files.length, files.length, '');
  return summary;
}
