import type { Transaction } from 'kysely';
import { findAnchor } from '../core/anchor.js';
import { textQuoteSelector } from './claim.repository.js';
import type { ClaimTable, Database } from './database.js';

type ClaimKind = ClaimTable['kind'];

export interface ReanchorResult {
  carried: number;
  orphaned: number;
}

/**
 * When a changed version of a source arrives, the editor's work on the previous version follows it:
 * manual claims and claims with annotations are re-anchored in the new text by prefix/exact/suffix.
 * A match onto a freshly extracted claim of the same kind and span takes its annotations and verdict;
 * otherwise the claim is copied to the new version. What cannot be found is marked an orphan, never dropped.
 * Claims an editor corrected or withdrew follow too, as the editor left them (a fresh twin takes their speaker,
 * correction and withdrawal; the claim the extractor made before a correction is not made again).
 */
export async function carryEditorWorkToNewVersion(
  trx: Transaction<Database>,
  previousId: number,
  newId: number,
  newText: string,
  now: string,
): Promise<ReanchorResult> {
  const keep = await trx
    .selectFrom('claim')
    .selectAll()
    .where('source_id', '=', previousId)
    .where('anchor_status', '=', 'anchored')
    .where((eb) =>
      eb.or([
        eb('extractor', '=', 'manual'),
        eb('corrected_by', 'is not', null),
        eb('withdrawn_at', 'is not', null),
        eb.exists(eb.selectFrom('annotation').select('annotation.id').whereRef('annotation.claim_id', '=', 'claim.id')),
      ]),
    )
    .execute();
  const result: ReanchorResult = { carried: 0, orphaned: 0 };
  const oldText = keep.some((c) => c.corrected_from_json)
    ? (await trx.selectFrom('source').select('text').where('id', '=', previousId).executeTakeFirstOrThrow()).text
    : '';
  for (const claim of keep) {
    // the new version's extraction made again what an editor corrected away: drop that fresh claim
    if (claim.corrected_from_json) {
      const o = JSON.parse(claim.corrected_from_json) as { kind: ClaimKind; start: number; end: number };
      const was = findAnchor(newText, { ...textQuoteSelector(oldText, o.start, o.end) }, o.start);
      if (was)
        await trx
          .deleteFrom('claim')
          .where('source_id', '=', newId)
          .where('kind', '=', o.kind)
          .where('start', '=', was.start)
          .where('end', '=', was.end)
          .where('extractor', '<>', 'manual')
          .execute();
    }
    const span = findAnchor(newText, claim, claim.start);
    if (!span) {
      await trx.updateTable('claim').set({ anchor_status: 'orphan', updated_at: now }).where('id', '=', claim.id).execute();
      result.orphaned++;
      continue;
    }
    const twin = await trx
      .selectFrom('claim')
      .select('id')
      .where('source_id', '=', newId)
      .where('kind', '=', claim.kind)
      .where('start', '=', span.start)
      .where('end', '=', span.end)
      .executeTakeFirst();
    let targetId = twin?.id;
    if (targetId === undefined) {
      const { id: _id, ...copy } = claim;
      targetId = (
        await trx
          .insertInto('claim')
          .values({
            ...copy,
            source_id: newId,
            ...textQuoteSelector(newText, span.start, span.end),
            start: span.start,
            end: span.end,
            group_id: null,
            version: 1,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    } else {
      // the editor's speaker, correction and withdrawal win over the fresh extraction
      const editor = claim.corrected_by !== null || claim.withdrawn_at !== null;
      const edited = editor ? pickEditorFields(claim) : {};
      await trx
        .updateTable('claim')
        .set({ verdict: claim.verdict, ...edited, updated_at: now })
        .where('id', '=', targetId)
        .execute();
    }
    // annotations are append-only: the old version keeps its history, the new one gets a copy
    await trx
      .insertInto('annotation')
      .columns(['claim_id', 'author', 'verdict', 'note_markdown', 'created_at'])
      .expression((eb) =>
        eb
          .selectFrom('annotation')
          .select([eb.val(targetId!).as('claim_id'), 'author', 'verdict', 'note_markdown', 'created_at'])
          .where('claim_id', '=', claim.id)
          .orderBy('id'),
      )
      .execute();
    result.carried++;
  }
  return result;
}

/** The columns an editor's correction or withdrawal sets: carried to the new version over the fresh extraction. */
export const EDITOR_FIELDS = [
  'speaker_entity_id',
  'speaker_name',
  'speaker_text',
  'corrected_by',
  'corrected_at',
  'corrected_from_json',
  'withdrawn_at',
  'withdrawn_by',
  'withdrawn_reason',
  'updated_by',
] as const;

function pickEditorFields<T extends Record<(typeof EDITOR_FIELDS)[number], unknown>>(claim: T): Pick<T, (typeof EDITOR_FIELDS)[number]> {
  return Object.fromEntries(EDITOR_FIELDS.map((k) => [k, claim[k]])) as Pick<T, (typeof EDITOR_FIELDS)[number]>;
}
