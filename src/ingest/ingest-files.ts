import type { EntityCache } from '../storage/entity.repository.js';
import { BatchWriter } from '../storage/batch-writer.js';
import { type DB, preparedStatementsOf } from '../storage/connect.js';
import type { PreparedStatements } from '../storage/prepared-statements.js';
import { extractFor, storeArticleIn } from '../storage/store-article.js';
import { crossrefPending } from '../crossref/crossref.service.js';
import { INGEST_RUN_ACTION, recordAuditEvent } from '../storage/audit.repository.js';
import { markClaims } from '../storage/reference.repository.js';
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
  /** compare the added sources (and any a killed run left) with the stored ones afterwards (default true) */
  crossref?: boolean;
  /** write one audit row for the run as this actor (the CLI passes "cli:<OS user>") */
  actor?: string;
}

/** Ingests files and folders; one file's failure never stops or damages the others. */
export async function ingestPaths(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const { files, missing, warnings } = collectFiles(paths);
  const summary: IngestSummary = { added: [], unchanged: [], rejected: [...missing], warnings: [...warnings] };
  const cache: EntityCache = new Map();
  // a rolled-back unit or group may have created entities the cache still points at
  const writer = new BatchWriter(db, { onRollback: () => cache.clear() });
  try {
    await ingestEach(files, writer, preparedStatementsOf(db), cache, summary, options, maxBytes);
    await writer.flush();
  } finally {
    writer.discard();
  }
  options.onProgress?.(files.length, files.length, '');
  // every source not yet cross-referenced, not only this run's: a killed run's sources are finished here
  if (options.crossref !== false) await crossrefPending(db);
  // the new figures set beside any imported official ones (no reference data: nothing to do)
  if (summary.added.length) await markClaims(db, summary.added.map((a) => a.sourceId));
  if (options.actor) await recordIngestRun(db, options.actor, paths, summary);
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
    let parsed: ReturnType<typeof parseArticle>;
    let extraction: ReturnType<typeof extractFor>;
    const storeOptions = { file, extract: options.extract, entityCache: cache };
    try {
      parsed = parseArticle(bytes, file, { maxBytes });
      if (!parsed.ok) {
        summary.rejected.push({ file, reason: parsed.reason });
        continue;
      }
      extraction = extractFor(parsed.article, storeOptions);
    } catch (e) {
      // a parser or rule that throws on one hostile file costs that file only
      summary.rejected.push({ file, reason: `cannot parse: ${(e as Error).message}` });
      continue;
    }
    const article = parsed.article;
    for (const warning of article.warnings) summary.warnings.push({ file, warning });
    // each source is all-or-nothing in its own savepoint; the writes are grouped (see BatchWriter)
    await writer.add(
      (trx) => storeArticleIn(trx, prepared, article, extraction, storeOptions),
      (outcome) => {
        if (!outcome.ok) summary.rejected.push({ file, reason: `not stored: ${(outcome.error as Error).message}` });
        else if (outcome.value.status === 'added') summary.added.push({ file, sourceId: outcome.value.sourceId, claims: outcome.value.claims, previousVersionId: outcome.value.previousVersionId });
        else summary.unchanged.push({ file, sourceId: outcome.value.sourceId });
      },
    );
  }
}

/** The most rejected files one audit row lists by name (the counts are always complete). */
const AUDIT_MAX_REJECTED = 100;

/** One audit row per ingest run: counts, the ids of the sources it added, the files it rejected and why. */
async function recordIngestRun(db: DB, actor: string, paths: string[], s: IngestSummary): Promise<void> {
  await db.transaction().execute((trx) =>
    recordAuditEvent(trx, {
      actor,
      action: INGEST_RUN_ACTION,
      targetType: 'ingest',
      targetId: null,
      before: null,
      after: {
        paths,
        added: s.added.length,
        unchanged: s.unchanged.length,
        rejected: s.rejected.length,
        claims: s.added.reduce((n, a) => n + a.claims, 0),
        source_ids: s.added.map((a) => a.sourceId),
        rejected_files: s.rejected.slice(0, AUDIT_MAX_REJECTED),
      },
    }),
  );
}
