import { normaliseAlias } from '../core/names.js';
import { UndoRefused } from './audit.repository.js';
import type { AuditEvent } from './database.js';
import { upsertEntity, type EntityKind } from './entity.repository.js';
import type { Tx } from './transaction.js';

// The writes of an editor's entity edits (merge, split, rename) and their exact reversal. Each returns the
// state its undo needs, which the caller stores as the audit event's before_json.

export const MERGE_ACTION = 'entity.merge';
export const SPLIT_ACTION = 'entity.split';
export const RENAME_ACTION = 'entity.rename';

export interface EntityRef {
  id: number;
  name: string;
  kind: EntityKind;
}

export interface AliasRow {
  id: number;
  entity_id: number;
  alias: string;
  alias_norm: string;
}

export interface MergeBefore {
  target: EntityRef;
  merged: EntityRef;
  movedAliasIds: number[];
  droppedAliases: AliasRow[];
  mentionIds: number[];
  claimIds: number[];
}

export interface SplitBefore {
  entity: EntityRef;
  alias: AliasRow;
  mentionIds: number[];
  claimIds: number[];
}

export interface RenameBefore {
  entity: EntityRef;
  /** the alias the new name needed (removed again by an undo); null when it was one already */
  addedAliasId: number | null;
  /** claims whose speaker_name was the old name, now the new one */
  claimIds: number[];
}

/** The entity as an edit sees it: its name, kind and whether it was merged away. */
export function entityForEdit(tx: Tx, id: number): Promise<(EntityRef & { merged_into: number | null }) | undefined> {
  return tx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', id).executeTakeFirst();
}

export function aliasesOf(tx: Tx, entityId: number): Promise<AliasRow[]> {
  return tx.selectFrom('entity_alias').selectAll().where('entity_id', '=', entityId).execute();
}

/**
 * Moves aliases, mentions and claims' speaker of `merged` to `target`; the merged entity keeps its row
 * (merged_into) so the merge can be undone exactly. An alias the target already has is dropped.
 */
export async function mergeInto(tx: Tx, target: EntityRef, merged: EntityRef, now: string): Promise<MergeBefore> {
  const aliases = await aliasesOf(tx, merged.id);
  const targetNorms = new Set((await tx.selectFrom('entity_alias').select('alias_norm').where('entity_id', '=', target.id).execute()).map((a) => a.alias_norm));
  const dropped = aliases.filter((a) => targetNorms.has(a.alias_norm));
  const moved = aliases.filter((a) => !targetNorms.has(a.alias_norm));
  if (dropped.length)
    await tx
      .deleteFrom('entity_alias')
      .where(
        'id',
        'in',
        dropped.map((a) => a.id),
      )
      .execute();
  if (moved.length)
    await tx
      .updateTable('entity_alias')
      .set({ entity_id: target.id })
      .where(
        'id',
        'in',
        moved.map((a) => a.id),
      )
      .execute();
  const mentionIds = (await tx.selectFrom('mention').select('id').where('entity_id', '=', merged.id).execute()).map((m) => m.id);
  const claimIds = (await tx.selectFrom('claim').select('id').where('speaker_entity_id', '=', merged.id).execute()).map((c) => c.id);
  await tx.updateTable('mention').set({ entity_id: target.id }).where('entity_id', '=', merged.id).execute();
  await moveSpeakers(tx, claimIds, target.id, now);
  await tx.updateTable('entity').set({ merged_into: target.id }).where('id', '=', merged.id).execute();
  return {
    target: { id: target.id, name: target.name, kind: target.kind },
    merged: { id: merged.id, name: merged.name, kind: merged.kind },
    movedAliasIds: moved.map((a) => a.id),
    droppedAliases: dropped,
    mentionIds,
    claimIds,
  };
}

/**
 * Splits one alias off an entity into a new entity of the same kind, taking the mentions written that way and
 * the claims whose speaker was written that way.
 */
export async function splitOff(tx: Tx, entity: EntityRef, alias: AliasRow, now: string): Promise<{ before: SplitBefore; newEntityId: number }> {
  const { id: newEntityId } = await upsertEntity(tx, { kind: entity.kind, name: alias.alias, aliases: [] }, now, { fresh: true });
  await tx.updateTable('entity_alias').set({ entity_id: newEntityId }).where('id', '=', alias.id).execute();
  const mentions = await tx
    .selectFrom('mention')
    .innerJoin('source', 'source.id', 'mention.source_id')
    .select(['mention.id', 'mention.start', 'mention.end', 'source.text'])
    .where('mention.entity_id', '=', entity.id)
    .execute();
  const mentionIds = mentions.filter((m) => normaliseAlias(m.text.slice(m.start, m.end)) === alias.alias_norm).map((m) => m.id);
  const claims = await tx.selectFrom('claim').select(['id', 'speaker_text', 'speaker_name']).where('speaker_entity_id', '=', entity.id).execute();
  const claimIds = claims.filter((c) => [c.speaker_text, c.speaker_name].some((n) => n && normaliseAlias(n) === alias.alias_norm)).map((c) => c.id);
  if (mentionIds.length) await tx.updateTable('mention').set({ entity_id: newEntityId }).where('id', 'in', mentionIds).execute();
  await moveSpeakers(tx, claimIds, newEntityId, now);
  return { before: { entity: { id: entity.id, name: entity.name, kind: entity.kind }, alias, mentionIds, claimIds }, newEntityId };
}

/**
 * Renames an entity: the new canonical name (also an alias), the old name kept as an alias, and the speaker name
 * of its claims that read the old name. `aliases` are the entity's aliases as read in this transaction.
 */
export async function renameTo(tx: Tx, entity: EntityRef, aliases: AliasRow[], name: string, now: string): Promise<RenameBefore> {
  const oldNorm = normaliseAlias(entity.name);
  if (oldNorm && !aliases.some((a) => a.alias_norm === oldNorm)) {
    await tx
      .insertInto('entity_alias')
      .values({ entity_id: entity.id, alias: entity.name, alias_norm: oldNorm })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const norm = normaliseAlias(name);
  let addedAliasId: number | null = null;
  if (!aliases.some((a) => a.alias_norm === norm)) {
    addedAliasId = (
      await tx.insertInto('entity_alias').values({ entity_id: entity.id, alias: name, alias_norm: norm }).returning('id').executeTakeFirstOrThrow()
    ).id;
  }
  await tx.updateTable('entity').set({ name }).where('id', '=', entity.id).execute();
  const claimIds = (await tx.selectFrom('claim').select('id').where('speaker_entity_id', '=', entity.id).where('speaker_name', '=', entity.name).execute()).map(
    (c) => c.id,
  );
  await setSpeakerName(tx, claimIds, name, now);
  return { entity: { id: entity.id, name: entity.name, kind: entity.kind }, addedAliasId, claimIds };
}

async function setSpeakerName(tx: Tx, claimIds: number[], name: string, now: string, onlyFrom?: string): Promise<void> {
  for (let i = 0; i < claimIds.length; i += 500) {
    let q = tx
      .updateTable('claim')
      .set((eb) => ({ speaker_name: name, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', claimIds.slice(i, i + 500));
    if (onlyFrom !== undefined) q = q.where('speaker_name', '=', onlyFrom);
    await q.execute();
  }
}

/**
 * Claims whose speaker changes get a new version (and updated_at): an editor holding the old version of such a
 * claim must reload before saving over it (optimistic concurrency).
 */
async function moveSpeakers(tx: Tx, claimIds: number[], entityId: number, now: string, onlyFrom?: number): Promise<void> {
  for (let i = 0; i < claimIds.length; i += 500) {
    let q = tx
      .updateTable('claim')
      .set((eb) => ({ speaker_entity_id: entityId, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', claimIds.slice(i, i + 500));
    if (onlyFrom !== undefined) q = q.where('speaker_entity_id', '=', onlyFrom);
    await q.execute();
  }
}

/**
 * Reverts the merge, split or rename recorded by `ev` inside `tx` (no audit of its own); returns the entity it
 * restored and the state to record. Throws UndoRefused when a later edit stands in the way.
 */
export async function revertEntityEdit(tx: Tx, ev: AuditEvent, now: string): Promise<{ entityId: number; after: unknown }> {
  if (ev.undone_by !== null) throw new UndoRefused(`already undone (by audit event ${ev.undone_by})`);
  if (ev.action === RENAME_ACTION) {
    const b = JSON.parse(ev.before_json!) as RenameBefore;
    const renamedTo = (JSON.parse(ev.after_json!) as { name: string }).name;
    const now_ = await tx.selectFrom('entity').select(['name', 'merged_into']).where('id', '=', b.entity.id).executeTakeFirst();
    if (!now_) throw new UndoRefused(`entity ${b.entity.id} no longer exists`);
    if (now_.merged_into !== null) throw new UndoRefused(`entity ${b.entity.id} has since been merged into ${now_.merged_into}: undo that first`);
    if (now_.name !== renamedTo) throw new UndoRefused(`entity ${b.entity.id} has been renamed again since (now “${now_.name}”)`);
    await tx.updateTable('entity').set({ name: b.entity.name }).where('id', '=', b.entity.id).execute();
    if (b.addedAliasId !== null) await tx.deleteFrom('entity_alias').where('id', '=', b.addedAliasId).where('entity_id', '=', b.entity.id).execute();
    await setSpeakerName(tx, b.claimIds, b.entity.name, now, renamedTo);
    return { entityId: b.entity.id, after: { id: b.entity.id, name: b.entity.name } };
  }
  if (ev.action === MERGE_ACTION) {
    const b = JSON.parse(ev.before_json!) as MergeBefore;
    const target = await tx.selectFrom('entity').select(['merged_into']).where('id', '=', b.target.id).executeTakeFirst();
    if (target?.merged_into) throw new UndoRefused(`entity ${b.target.id} has since been merged into ${target.merged_into}: undo that first`);
    if (b.movedAliasIds.length)
      await tx.updateTable('entity_alias').set({ entity_id: b.merged.id }).where('id', 'in', b.movedAliasIds).where('entity_id', '=', b.target.id).execute();
    if (b.droppedAliases.length)
      await tx
        .insertInto('entity_alias')
        .values(b.droppedAliases.map((a) => ({ ...a, entity_id: b.merged.id })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    if (b.mentionIds.length)
      await tx.updateTable('mention').set({ entity_id: b.merged.id }).where('id', 'in', b.mentionIds).where('entity_id', '=', b.target.id).execute();
    await moveSpeakers(tx, b.claimIds, b.merged.id, now, b.target.id);
    await tx.updateTable('entity').set({ merged_into: null }).where('id', '=', b.merged.id).execute();
    return { entityId: b.merged.id, after: { restored_entity: b.merged.id } };
  }
  const b = JSON.parse(ev.before_json!) as SplitBefore;
  const newId = (JSON.parse(ev.after_json!) as { new_entity_id: number }).new_entity_id;
  const created = await tx.selectFrom('entity').select(['merged_into']).where('id', '=', newId).executeTakeFirst();
  if (created?.merged_into) throw new UndoRefused(`entity ${newId} has since been merged into ${created.merged_into}: undo that first`);
  // everything the new entity holds goes back, including what later ingests attached to it
  const norms = new Set((await tx.selectFrom('entity_alias').select('alias_norm').where('entity_id', '=', b.entity.id).execute()).map((a) => a.alias_norm));
  const its = await aliasesOf(tx, newId);
  const clash = its.filter((a) => norms.has(a.alias_norm)).map((a) => a.id);
  if (clash.length) await tx.deleteFrom('entity_alias').where('id', 'in', clash).execute();
  await tx.updateTable('entity_alias').set({ entity_id: b.entity.id }).where('entity_id', '=', newId).execute();
  await tx.updateTable('mention').set({ entity_id: b.entity.id }).where('entity_id', '=', newId).execute();
  const spoken = (await tx.selectFrom('claim').select('id').where('speaker_entity_id', '=', newId).execute()).map((c) => c.id);
  await moveSpeakers(tx, spoken, b.entity.id, now);
  await tx.updateTable('entity').set({ merged_into: b.entity.id }).where('merged_into', '=', newId).execute();
  // suggestions about the split-off entity go with it
  await tx
    .deleteFrom('entity_link')
    .where((eb) => eb.or([eb('entity_a', '=', newId), eb('entity_b', '=', newId)]))
    .execute();
  await tx.deleteFrom('entity').where('id', '=', newId).execute();
  return { entityId: b.entity.id, after: { removed_entity: newId } };
}
