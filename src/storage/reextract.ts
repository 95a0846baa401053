import type { Transaction } from 'kysely';
import type { Span } from '../core/span.js';
import type { DB } from './connect.js';
import type { ExtractionResult } from '../extract/types.js';
import type { Database } from './database.js';
import type { EntityCache } from './entity.repository.js';
import type { HotPath } from './prepared-statements.js';
import { markClaimsIn } from './reference.repository.js';
import { storeExtraction } from './store-article.js';

export interface ReplaceResult {
  removed: number;
  added: number;
  kept: number;
}

/**
 * Replaces the extracted claims of one stored source with a fresh extraction (made by the pipeline), in the
 * caller's transaction. Claims made by editors, and extracted claims that carry annotations, links or list
 * entries, are kept; other extracted claims are replaced. A new claim at the same place and of the same kind as a
 * kept one is not added twice. Claims an editor corrected or withdrew are kept as they are, and the claim the
 * extractor made before a correction is not made again. The fresh figures are marked against official data in the
 * same transaction as the claims they replace.
 */
export async function replaceExtraction(
  trx: Transaction<Database>,
  hot: HotPath,
  sourceId: number,
  text: string,
  extraction: ExtractionResult,
  extractor: string,
  cache: EntityCache,
): Promise<ReplaceResult> {
  const id = sourceId;
  const now = new Date().toISOString();
  const existing = await trx
    .selectFrom('claim')
    .select((eb) => [
      'id',
      'kind',
      'start',
      'end',
      'extractor',
      'corrected_from_json',
      eb
        .or([
          eb('extractor', '=', 'manual'),
          // an editor corrected or withdrew it: kept as the editor left it
          eb('corrected_by', 'is not', null),
          eb('withdrawn_at', 'is not', null),
          eb.exists(eb.selectFrom('annotation').select('annotation.id').whereRef('annotation.claim_id', '=', 'claim.id')),
          eb.exists(
            eb
              .selectFrom('claim_link')
              .select('claim_link.id')
              .where('claim_link.status', '!=', 'suggested')
              .where((l) => l.or([l('claim_link.claim_a', '=', l.ref('claim.id')), l('claim_link.claim_b', '=', l.ref('claim.id'))])),
          ),
          eb.exists(eb.selectFrom('citation_list_item').select('citation_list_item.claim_id').whereRef('citation_list_item.claim_id', '=', 'claim.id')),
        ])
        .as('keep'),
    ])
    .where('source_id', '=', id)
    .execute();
  const kept = existing.filter((c) => Number(c.keep) === 1);
  const replaced = existing.filter((c) => Number(c.keep) !== 1).map((c) => c.id);
  for (let i = 0; i < replaced.length; i += 500)
    await trx
      .deleteFrom('claim')
      .where('id', 'in', replaced.slice(i, i + 500))
      .execute();
  await trx.deleteFrom('mention').where('source_id', '=', id).execute();
  const keptKeys = new Set(kept.map((c) => `${c.kind}:${c.start}:${c.end}`));
  // what the extractor said before an editor corrected it is not added back beside the correction
  for (const c of kept) if (c.corrected_from_json) keptKeys.add(correctedFromKey(c.corrected_from_json));
  const fresh = extraction.claims.filter((c) => !keptKeys.has(`${c.kind}:${c.start}:${c.end}`));
  // groupIndex points into the full list; drop it where the list was filtered
  const claims = fresh.map((c) => ({ ...c, groupIndex: fresh.length === extraction.claims.length ? c.groupIndex : null }));
  const added = await storeExtraction(trx, hot, id, text, { ...extraction, claims }, extractor, now, cache);
  await markClaimsIn(trx, [id], now);
  return { removed: replaced.length, added, kept: kept.length };
}

/** kind:start:end of a claim as extracted, from corrected_from_json. */
function correctedFromKey(json: string): string {
  const o = JSON.parse(json) as { kind: string; start: number; end: number };
  return `${o.kind}:${o.start}:${o.end}`;
}

/** The ids of the stored sources to extract again (all, or those given that exist), in id order. */
export async function sourceIdsToReextract(db: DB, sourceIds?: number[]): Promise<number[]> {
  let query = db.selectFrom('source').select(['id']).orderBy('id');
  if (sourceIds?.length) query = query.where('id', 'in', sourceIds);
  return (await query.execute()).map((r) => r.id);
}

/** A stored source's text and paragraphs, what the extractor reads. */
export async function storedText(db: DB, sourceId: number): Promise<{ text: string; paragraphs: Span[] }> {
  const source = await db.selectFrom('source').select(['text', 'paragraphs_json']).where('id', '=', sourceId).executeTakeFirstOrThrow();
  return { text: source.text, paragraphs: JSON.parse(source.paragraphs_json) as Span[] };
}
