import { inTransaction } from '../storage/transaction.js';
import { collectFiles } from '../ingest/collect-files.js';
import { DEFAULT_MAX_BYTES } from '../ingest/decode.js';
import { INGEST_RUN_ACTION, recordAuditEvent } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import { type ExtractionPool, sharedExtractionPool } from './extraction-pool.js';
import { type CrossrefOutcome, crossrefAfterStore, markAddedFigures, type PipelineTimes, processDocuments } from './ingest-pipeline.js';

export interface IngestSummary {
  added: { file: string; sourceId: number; claims: number; previousVersionId: number | null }[];
  unchanged: { file: string; sourceId: number }[];
  rejected: { file: string; reason: string }[];
  warnings: { file: string; warning: string }[];
  /** the last step: 'pending' (with why) when cross-referencing failed; the sources are stored and the next run finishes it */
  crossref?: CrossrefOutcome;
}

export interface IngestOptions {
  maxBytes?: number;
  extract?: boolean;
  onProgress?: (done: number, total: number, file: string) => void;
  /** compare the added sources (and any a killed run left) with the stored ones afterwards (default true) */
  crossref?: boolean;
  /** write one audit row for the run as this actor (the CLI passes "cli:<OS user>") */
  actor?: string;
  /** the worker pool that parses and extracts (default: the process's shared pool, sized to the cores) */
  pool?: ExtractionPool;
  /** filled with where the time went (the benchmark's breakdown) */
  times?: PipelineTimes;
}

/** Ingests files and folders through the pipeline; one file's failure never stops or damages the others. */
export async function ingestPaths(db: DB, paths: string[], options: IngestOptions = {}): Promise<IngestSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const pool = options.pool ?? sharedExtractionPool();
  // the workers load their modules while the files are listed
  pool.warm();
  const collected = collectFiles(paths);
  const files = collected.files;
  const summary: IngestSummary = { added: [], unchanged: [], rejected: [...collected.missing], warnings: [...collected.warnings] };
  await processDocuments(
    db,
    pool,
    files.map((file) => ({ name: file, path: file, file })),
    {
      maxBytes,
      extract: options.extract,
      times: options.times,
      onDone: (i, o) => {
        const file = files[i];
        options.onProgress?.(i + 1, files.length, file);
        if (o.status !== 'rejected') for (const warning of o.warnings) summary.warnings.push({ file, warning });
        if (o.status === 'rejected') summary.rejected.push({ file, reason: o.reason });
        else if (o.status === 'added') summary.added.push({ file, sourceId: o.sourceId, claims: o.claims, previousVersionId: o.previousVersionId });
        else summary.unchanged.push({ file, sourceId: o.sourceId });
      },
    },
  );
  options.onProgress?.(files.length, files.length, '');
  // every source not yet cross-referenced, not only this run's: a killed run's sources are finished here
  if (options.crossref !== false) summary.crossref = await crossrefAfterStore(db, 'pending', options.times);
  await markAddedFigures(
    db,
    summary.added.map((a) => a.sourceId),
  );
  if (options.actor) await recordIngestRun(db, options.actor, paths, summary);
  return summary;
}

/** The most rejected files one audit row lists by name (the counts are always complete). */
const AUDIT_MAX_REJECTED = 100;

/** One audit row per ingest run: counts, the ids of the sources it added, the files it rejected and why. */
async function recordIngestRun(db: DB, actor: string, paths: string[], s: IngestSummary): Promise<void> {
  await inTransaction(db, (trx) =>
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
        ...(s.crossref?.status === 'pending' ? { crossref: 'pending' } : {}),
      },
    }),
  );
}
