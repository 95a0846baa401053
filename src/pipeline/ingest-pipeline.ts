import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Tx } from '../storage/transaction.js';
import { crossrefSources } from '../crossref/crossref.service.js';
import { pendingCrossrefIds } from '../storage/crossref-candidates.repository.js';
import type { Article, SourceMeta } from '../ingest/article.js';
import { BATCH_MAX_ITEMS, BatchWriter } from '../storage/batch-writer.js';
import type { DB } from '../storage/connect.js';
import type { EntityCache } from '../storage/entity.repository.js';
import { markClaims } from '../storage/reference.repository.js';
import { storeArticleIn } from '../storage/store-article.js';
import type { ExtractionPool, PoolOutcome } from './extraction-pool.js';
import { BULK_INDEX_MIN_DOCUMENTS, dropIndexesForBulk, dropsIndexesForBulk, restoreBulkIndexes } from '../storage/bulk-indexes.js';
import { extractorId } from './extractor-id.js';

/** One document into the pipeline: a file (read in a worker) or text in memory. */
export interface PipelineDocument {
  /** the name the parser goes by: its extension picks the format */
  name: string;
  path?: string;
  text?: string;
  /** metadata given alongside the document (a web form, a fetched URL); wins over what it says itself */
  meta?: Partial<SourceMeta>;
  /** the file recorded with the source (versions follow it); null when the name says nothing about identity (uploads) */
  file: string | null;
  /** when it was read (a fetch); default: when it is stored */
  retrievedAt?: string;
  /** runs in the source's own transaction once it is stored (an audit row): both land or neither */
  onStored?: (trx: Tx, sourceId: number, article: Article) => Promise<void>;
}

export type DocumentOutcome =
  | { status: 'added'; sourceId: number; claims: number; previousVersionId: number | null; warnings: string[]; title: string | null }
  | { status: 'unchanged'; sourceId: number; warnings: string[] }
  | { status: 'rejected'; reason: string; timedOut?: boolean };

/** Where the time went: worker CPU time for reading+parsing and extracting (summed over threads), main-thread time for the rest; seconds. */
export interface PipelineTimes {
  readParse: number;
  extract: number;
  store: number;
  crossref: number;
}

export const newTimes = (): PipelineTimes => ({ readParse: 0, extract: 0, store: 0, crossref: 0 });

export interface ProcessOptions {
  maxBytes: number;
  /** run the extractor (default true) */
  extract?: boolean;
  /** called as each document is finished (stored or rejected), in input order */
  onDone?: (index: number, outcome: DocumentOutcome) => void;
  times?: PipelineTimes;
  /** documents parsed ahead of the one being stored (default: 16 per worker, and a whole group more for bulk) */
  lookahead?: number;
  /** group the writes of many documents into one transaction (bulk ingest); off, each document commits alone (the web) */
  batch?: boolean;
}

/**
 * The pipeline's first steps for many documents: read, parse and extract each in the worker pool (in parallel, each
 * within the pool's time budget), then store them in input order (so ids and versions do not depend on which
 * worker finished first). Each source is all-or-nothing; a document that fails anywhere is rejected alone, with why.
 * Cross-referencing is the caller's last step (crossrefAfterStore), once for all the sources.
 */
export async function processDocuments(db: DB, pool: ExtractionPool, docs: PipelineDocument[], options: ProcessOptions): Promise<DocumentOutcome[]> {
  const outcomes: DocumentOutcome[] = new Array(docs.length);
  const times = options.times ?? newTimes();
  const bulk = options.batch !== false;
  // a whole group is queued before it is written: the documents past it keep the workers busy meanwhile
  const lookahead = options.lookahead ?? pool.threads * 16 + (bulk ? BATCH_MAX_ITEMS : 0);
  const parsed: Promise<PoolOutcome>[] = [];
  const launch = (upTo: number) => {
    for (let i = parsed.length; i < Math.min(upTo, docs.length); i++) {
      const d = docs[i];
      parsed.push(pool.run({ name: d.name, path: d.path, text: d.text, meta: d.meta, maxBytes: options.maxBytes, extract: options.extract }));
    }
  };
  const cache: EntityCache = new Map();
  const extractor = extractorId();
  // bulk: many sources per transaction; otherwise each commits before the next is queued
  let storeMs = 0;
  let yieldedMs = 0;
  const writer = new BatchWriter(db, { onRollback: () => cache.clear(), ...(bulk ? {} : { maxItems: 1 }) });
  // a large bulk ingest writes without the indexes its writes never read, and builds them once at its end
  const withoutIndexes = bulk && docs.length >= BULK_INDEX_MIN_DOCUMENTS && dropsIndexesForBulk(db);
  const tIndexes = performance.now();
  if (withoutIndexes) await dropIndexesForBulk(db);
  else await restoreBulkIndexes(db); // a killed bulk run's
  storeMs += performance.now() - tIndexes;
  try {
    for (let i = 0; i < docs.length; i++) {
      launch(i + 1 + lookahead);
      const outcome = await parsed[i];
      delete parsed[i]; // let the finished article go once stored
      const done = (o: DocumentOutcome) => {
        outcomes[i] = o;
        options.onDone?.(i, o);
      };
      if (!outcome.ok) {
        done({ status: 'rejected', reason: outcome.reason, ...('timedOut' in outcome ? { timedOut: true } : {}) });
        continue;
      }
      if (!outcome.article) throw new Error('a stored-source extraction came back to the ingest pipeline');
      times.readParse += outcome.times.readParseMs / 1000;
      times.extract += outcome.times.extractMs / 1000;
      const { article, extraction } = outcome;
      const doc = docs[i];
      const t0 = performance.now();
      await writer.add(
        async (trx, hot) => {
          // the workers get their next documents between one source's writes and the next
          const y0 = performance.now();
          await yieldToLoop();
          yieldedMs += performance.now() - y0;
          return storeArticleIn(trx, hot, article, extraction, {
            extractor,
            file: doc.file,
            retrievedAt: doc.retrievedAt,
            entityCache: cache,
            onStored: doc.onStored,
          });
        },
        (stored) => {
          if (!stored.ok) done({ status: 'rejected', reason: `not stored: ${(stored.error as Error).message}` });
          else if (stored.value.status === 'unchanged') done({ status: 'unchanged', sourceId: stored.value.sourceId, warnings: article.warnings });
          else
            done({
              status: 'added',
              sourceId: stored.value.sourceId,
              claims: stored.value.claims,
              previousVersionId: stored.value.previousVersionId,
              warnings: article.warnings,
              title: article.meta.title,
            });
        },
      );
      storeMs += performance.now() - t0;
    }
    const t0 = performance.now();
    await writer.flush();
    storeMs += performance.now() - t0;
  } finally {
    writer.discard();
    if (withoutIndexes) {
      const t0 = performance.now();
      try {
        await restoreBulkIndexes(db);
      } catch (e) {
        // they stay listed: the next ingest or upload builds them
        console.error('building the indexes again after a bulk ingest failed (the next ingest will):', e);
      }
      storeMs += performance.now() - t0;
    }
    // main-thread time in the writes and commits, without the pauses that let the workers go on
    times.store += (storeMs - yieldedMs) / 1000;
  }
  return outcomes;
}

/** What became of the pipeline's last step. */
export type CrossrefOutcome = { status: 'done'; sources: number } | { status: 'pending'; reason: string };

/**
 * The pipeline's last step, the same for every caller: cross-reference the given sources (or every one still
 * pending), then set their figures beside official ones. A failure here never undoes the stored sources: they
 * stay marked not cross-referenced (source.crossref_done = 0), the next `ingest`, `start` or upload finishes
 * them (pendingOnly runs pick up every pending source), and the caller reports the outcome ('pending' with why).
 */
export async function crossrefAfterStore(db: DB, sourceIds: number[] | 'pending', times?: PipelineTimes): Promise<CrossrefOutcome> {
  const t0 = performance.now();
  try {
    const ids = sourceIds === 'pending' ? await pendingCrossrefIds(db) : sourceIds;
    if (!ids.length) return { status: 'done', sources: 0 };
    const r = await crossrefSources(db, ids);
    return { status: 'done', sources: r.sources };
  } catch (e) {
    console.error('cross-referencing failed (the sources are stored and will be cross-referenced by the next run):', e);
    return { status: 'pending', reason: firstLine(e) };
  } finally {
    if (times) times.crossref += (performance.now() - t0) / 1000;
  }
}

/** Sets the figures of newly stored sources beside imported official ones (nothing to do without reference data). */
export async function markAddedFigures(db: DB, sourceIds: number[]): Promise<void> {
  if (!sourceIds.length) return;
  try {
    await markClaims(db, sourceIds);
  } catch (e) {
    // like cross-referencing, a failure leaves the sources stored; `reference mark` sets them later
    console.error(`marking the figures of sources ${sourceIds.join(', ')} against official data failed:`, e);
  }
}

const firstLine = (e: unknown) =>
  String((e as Error)?.message ?? e)
    .split('\n')[0]
    .slice(0, 300);
