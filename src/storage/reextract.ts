import { type DB, preparedStatementsOf } from './connect.js';
import { extractClaims } from '../extract/index.js';
import { storeExtraction } from './store-article.js';
import type { EntityCache } from './entity.repository.js';
import { sourceStructure } from './source.repository.js';
import { segmentSentences } from '../ingest/segment.js';
import { markClaimsIn } from './reference.repository.js';

export interface ReextractResult {
  sources: number;
  removed: number;
  added: number;
  kept: number;
}

/**
 * Runs the current extractor over stored sources again, one transaction per source. Claims made by
 * editors, and extracted claims that carry annotations, links or list entries, are kept; other
 * extracted claims are replaced. A new claim at the same place and of the same kind as a kept one is not added twice.
 * Claims an editor corrected or withdrew are kept as they are, and the claim the extractor made before a
 * correction is not made again.
 */
export async function reextractSources(db: DB, sourceIds?: number[]): Promise<ReextractResult> {
  const result: ReextractResult = { sources: 0, removed: 0, added: 0, kept: 0 };
  let query = db.selectFrom('source').select(['id']).orderBy('id');
  if (sourceIds?.length) query = query.where('id', 'in', sourceIds);
  const cache: EntityCache = new Map();
  const prepared = preparedStatementsOf(db);
  for (const { id } of await query.execute()) {
    const source = await db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const { paragraphs } = sourceStructure(source);
    const extraction = extractClaims(source.text, paragraphs, segmentSentences(source.text, paragraphs));
    await db.transaction().execute(async (trx) => {
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
              eb.exists(eb.selectFrom('claim_link').select('claim_link.id').where('claim_link.status', '!=', 'suggested').where((l) => l.or([l('claim_link.claim_a', '=', l.ref('claim.id')), l('claim_link.claim_b', '=', l.ref('claim.id'))]))),
              eb.exists(eb.selectFrom('citation_list_item').select('citation_list_item.claim_id').whereRef('citation_list_item.claim_id', '=', 'claim.id')),
            ])
            .as('keep'),
        ])
        .where('source_id', '=', id)
        .execute();
      const kept = existing.filter((c) => Number(c.keep) === 1);
      const replaced = existing.filter((c) => Number(c.keep) !== 1).map((c) => c.id);
      for (let i = 0; i < replaced.length; i += 500) await trx.deleteFrom('claim').where('id', 'in', replaced.slice(i, i + 500)).execute();
      await trx.deleteFrom('mention').where('source_id', '=', id).execute();
      const keptKeys = new Set(kept.map((c) => `${c.kind}:${c.start}:${c.end}`));
      // what the extractor said before an editor corrected it is not added back beside the correction
      for (const c of kept) if (c.corrected_from_json) keptKeys.add(correctedFromKey(c.corrected_from_json));
      const fresh = extraction.claims.filter((c) => !keptKeys.has(`${c.kind}:${c.start}:${c.end}`));
      // groupIndex points into the full list; drop it where the list was filtered
      const claims = fresh.map((c) => ({ ...c, groupIndex: fresh.length === extraction.claims.length ? c.groupIndex : null }));
      const added = await storeExtraction(trx, prepared, id, source.text, { ...extraction, claims }, now, cache);
      result.removed += replaced.length;
      result.added += added;
      result.kept += kept.length;
      // the fresh figures are marked against official data with the claims they replace, in one transaction
      await markClaimsIn(trx, [id], now);
    });
    result.sources++;
  }
  return result;
}



/** kind:start:end of a claim as extracted, from corrected_from_json. */
export function correctedFromKey(json: string): string {
  const o = JSON.parse(json) as { kind: string; start: number; end: number };
  return `${o.kind}:${o.start}:${o.end}`;
}
