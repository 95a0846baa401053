import { inBulkWriterTransaction } from '../storage/transaction.js';
import type { DB } from '../storage/connect.js';
import { hotPathFor } from '../storage/connect.js';
import type { EntityCache } from '../storage/entity.repository.js';
import { replaceExtraction, sourceIdsToReextract, storedText } from '../storage/reextract.js';
import { type ExtractionPool, type PoolOutcome, sharedExtractionPool } from './extraction-pool.js';
import { extractorId } from './extractor-id.js';

export interface ReextractResult {
  sources: number;
  removed: number;
  added: number;
  kept: number;
  /** sources whose extraction failed or ran over the time budget: their claims are left as they were */
  rejected: { sourceId: number; reason: string }[];
}

/**
 * Runs the current extractor over stored sources again: the text is extracted in the worker pool (within its time
 * budget), then each source's claims are replaced in a transaction of its own (editor work is kept, see
 * replaceExtraction). Nothing is cross-referenced again: the claims kept carry their links.
 */
export async function reextractSources(db: DB, sourceIds?: number[], options: { pool?: ExtractionPool } = {}): Promise<ReextractResult> {
  const result: ReextractResult = { sources: 0, removed: 0, added: 0, kept: 0, rejected: [] };
  const ids = await sourceIdsToReextract(db, sourceIds);
  const pool = options.pool ?? sharedExtractionPool();
  const cache: EntityCache = new Map();
  const extractor = extractorId();
  const extracted: Promise<{ text: string; outcome: PoolOutcome }>[] = [];
  const lookahead = pool.threads * 4;
  const launch = (upTo: number) => {
    for (let i = extracted.length; i < Math.min(upTo, ids.length); i++) {
      const id = ids[i];
      extracted.push(
        storedText(db, id).then(async (stored) => ({ text: stored.text, outcome: await pool.run({ name: `source ${id}`, stored, maxBytes: Infinity }) })),
      );
    }
  };
  for (let i = 0; i < ids.length; i++) {
    launch(i + 1 + lookahead);
    const { text, outcome } = await extracted[i];
    delete extracted[i];
    const sourceId = ids[i];
    result.sources++;
    if (!outcome.ok) {
      result.rejected.push({ sourceId, reason: outcome.reason });
      continue;
    }
    try {
      const r = await inBulkWriterTransaction(db, (trx) => replaceExtraction(trx, hotPathFor(db, trx), sourceId, text, outcome.extraction, extractor, cache));
      result.removed += r.removed;
      result.added += r.added;
      result.kept += r.kept;
    } catch (e) {
      cache.clear(); // the rolled-back transaction may have created entities the cache points at
      throw e;
    }
  }
  return result;
}
