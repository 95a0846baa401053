import type { Transaction } from 'kysely';
import { AppError } from '../core/errors.js';
import { normaliseAlias } from '../core/names.js';
import { registerUndo, UndoRefused } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import type { AuditEvent, Database } from '../storage/database.js';
import { writeAudit } from './decisions.service.js';
import { EntityEditConflict } from './errors.js';

export const MERGE_ACTION = 'entity.merge';
export const SPLIT_ACTION = 'entity.split';
export const RENAME_ACTION = 'entity.rename';

interface AliasRow {
  id: number;
  entity_id: number;
  alias: string;
  alias_norm: string;
}

interface MergeBefore {
  target: { id: number; name: string; kind: string };
  merged: { id: number; name: string; kind: string };
  movedAliasIds: number[];
  droppedAliases: AliasRow[];
  mentionIds: number[];
  claimIds: number[];
}

interface SplitBefore {
  entity: { id: number; name: string; kind: string };
  alias: AliasRow;
  mentionIds: number[];
  claimIds: number[];
}

/**
 * Merges `mergedId` into `targetId`: aliases, mentions and claims' speaker move to the target; the merged entity
 * keeps its row (merged_into) so the merge can be undone exactly. Audited with what moved.
 */
export async function mergeEntities(db: DB, targetId: number, mergedId: number, actor: string): Promise<{ auditId: number }> {
  if (targetId === mergedId) throw new AppError('invalid_input', 'cannot merge an entity into itself', { details: [{ field: 'source_id', reason: 'must differ from target_id' }] });
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const [target, merged] = await Promise.all(
      [targetId, mergedId].map((id) => trx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', id).executeTakeFirst()),
    );
    if (!target) throw new AppError('not_found', `entity ${targetId} not found`);
    if (!merged) throw new AppError('not_found', `entity ${mergedId} not found`);
    if (target.merged_into !== null) throw new EntityEditConflict(`entity ${targetId} was merged into ${target.merged_into}; merge into that one`);
    if (merged.merged_into !== null) throw new EntityEditConflict(`entity ${mergedId} was already merged into ${merged.merged_into}`);
    const aliases = await trx.selectFrom('entity_alias').selectAll().where('entity_id', '=', mergedId).execute();
    const targetNorms = new Set((await trx.selectFrom('entity_alias').select('alias_norm').where('entity_id', '=', targetId).execute()).map((a) => a.alias_norm));
    const dropped = aliases.filter((a) => targetNorms.has(a.alias_norm));
    const moved = aliases.filter((a) => !targetNorms.has(a.alias_norm));
    if (dropped.length) await trx.deleteFrom('entity_alias').where('id', 'in', dropped.map((a) => a.id)).execute();
    if (moved.length) await trx.updateTable('entity_alias').set({ entity_id: targetId }).where('id', 'in', moved.map((a) => a.id)).execute();
    const mentionIds = (await trx.selectFrom('mention').select('id').where('entity_id', '=', mergedId).execute()).map((m) => m.id);
    const claimIds = (await trx.selectFrom('claim').select('id').where('speaker_entity_id', '=', mergedId).execute()).map((c) => c.id);
    await trx.updateTable('mention').set({ entity_id: targetId }).where('entity_id', '=', mergedId).execute();
    await moveSpeakers(trx, claimIds, targetId, now);
    await trx.updateTable('entity').set({ merged_into: targetId }).where('id', '=', mergedId).execute();
    const before: MergeBefore = {
      target: { id: target.id, name: target.name, kind: target.kind },
      merged: { id: merged.id, name: merged.name, kind: merged.kind },
      movedAliasIds: moved.map((a) => a.id),
      droppedAliases: dropped,
      mentionIds,
      claimIds,
    };
    const auditId = await writeAudit(trx, { actor, action: MERGE_ACTION, targetType: 'entity', targetId, before, after: { merged_into: targetId, entity: mergedId } }, now);
    return { auditId };
  });
}

/**
 * Splits one alias off an entity into a new entity of the same kind, taking the mentions written that way and the
 * claims whose speaker was written that way. Audited and undoable.
 */
export async function splitAlias(db: DB, entityId: number, aliasId: number, actor: string): Promise<{ auditId: number; newEntityId: number }> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const entity = await trx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', entityId).executeTakeFirst();
    if (!entity) throw new AppError('not_found', `entity ${entityId} not found`);
    if (entity.merged_into !== null) throw new EntityEditConflict(`entity ${entityId} was merged into ${entity.merged_into}`);
    const aliases = await trx.selectFrom('entity_alias').selectAll().where('entity_id', '=', entityId).execute();
    const alias = aliases.find((a) => a.id === aliasId);
    if (!alias) throw new AppError('invalid_input', `alias ${aliasId} does not belong to entity ${entityId}`, { details: [{ field: 'alias_id', reason: 'not an alias of this entity' }] });
    if (aliases.length < 2) throw new AppError('invalid_input', 'an entity with a single alias cannot be split', { details: [{ field: 'alias_id', reason: 'the only alias' }] });
    const newEntityId = (await trx.insertInto('entity').values({ kind: entity.kind, name: alias.alias, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    await trx.updateTable('entity_alias').set({ entity_id: newEntityId }).where('id', '=', aliasId).execute();
    const mentions = await trx
      .selectFrom('mention')
      .innerJoin('source', 'source.id', 'mention.source_id')
      .select(['mention.id', 'mention.start', 'mention.end', 'source.text'])
      .where('mention.entity_id', '=', entityId)
      .execute();
    const mentionIds = mentions.filter((m) => normaliseAlias(m.text.slice(m.start, m.end)) === alias.alias_norm).map((m) => m.id);
    const claims = await trx.selectFrom('claim').select(['id', 'speaker_text', 'speaker_name']).where('speaker_entity_id', '=', entityId).execute();
    const claimIds = claims.filter((c) => [c.speaker_text, c.speaker_name].some((n) => n && normaliseAlias(n) === alias.alias_norm)).map((c) => c.id);
    if (mentionIds.length) await trx.updateTable('mention').set({ entity_id: newEntityId }).where('id', 'in', mentionIds).execute();
    await moveSpeakers(trx, claimIds, newEntityId, now);
    const before: SplitBefore = { entity: { id: entity.id, name: entity.name, kind: entity.kind }, alias, mentionIds, claimIds };
    const auditId = await writeAudit(trx, { actor, action: SPLIT_ACTION, targetType: 'entity', targetId: entityId, before, after: { new_entity_id: newEntityId } }, now);
    return { auditId, newEntityId };
  });
}

interface RenameBefore {
  entity: { id: number; name: string; kind: string };
  /** the alias the new name needed (removed again by an undo); null when it was one already */
  addedAliasId: number | null;
  /** claims whose speaker_name was the old name, now the new one */
  claimIds: number[];
}

/**
 * Renames an entity: the new canonical name (also an alias), the old name kept as an alias, and the speaker name of
 * its claims that read the old name. Audited and undoable (by its author or an admin).
 */
export async function renameEntity(db: DB, entityId: number, newName: string, actor: string): Promise<{ auditId: number }> {
  const name = newName.trim().replace(/\s+/g, ' ');
  if (!normaliseAlias(name)) throw new AppError('invalid_input', 'the new name is empty', { details: [{ field: 'name', reason: 'empty' }] });
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const entity = await trx.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', entityId).executeTakeFirst();
    if (!entity) throw new AppError('not_found', `entity ${entityId} not found`);
    if (entity.merged_into !== null) throw new EntityEditConflict(`entity ${entityId} was merged into ${entity.merged_into}; rename that one`);
    if (entity.name === name) throw new AppError('invalid_input', `the entity is already called “${name}”`, { details: [{ field: 'name', reason: 'unchanged' }] });
    const aliases = await trx.selectFrom('entity_alias').selectAll().where('entity_id', '=', entityId).execute();
    const oldNorm = normaliseAlias(entity.name);
    if (oldNorm && !aliases.some((a) => a.alias_norm === oldNorm)) {
      await trx.insertInto('entity_alias').values({ entity_id: entityId, alias: entity.name, alias_norm: oldNorm }).onConflict((oc) => oc.doNothing()).execute();
    }
    const norm = normaliseAlias(name);
    let addedAliasId: number | null = null;
    if (!aliases.some((a) => a.alias_norm === norm)) {
      addedAliasId = (await trx.insertInto('entity_alias').values({ entity_id: entityId, alias: name, alias_norm: norm }).returning('id').executeTakeFirstOrThrow()).id;
    }
    await trx.updateTable('entity').set({ name }).where('id', '=', entityId).execute();
    const claimIds = (await trx.selectFrom('claim').select('id').where('speaker_entity_id', '=', entityId).where('speaker_name', '=', entity.name).execute()).map((c) => c.id);
    await setSpeakerName(trx, claimIds, name, now);
    const before: RenameBefore = { entity: { id: entity.id, name: entity.name, kind: entity.kind }, addedAliasId, claimIds };
    const auditId = await writeAudit(trx, { actor, action: RENAME_ACTION, targetType: 'entity', targetId: entityId, before, after: { id: entityId, name } }, now);
    return { auditId };
  });
}

async function setSpeakerName(trx: Transaction<Database>, claimIds: number[], name: string, now: string, onlyFrom?: string): Promise<void> {
  for (let i = 0; i < claimIds.length; i += 500) {
    let q = trx
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
async function moveSpeakers(trx: Transaction<Database>, claimIds: number[], entityId: number, now: string, onlyFrom?: number): Promise<void> {
  for (let i = 0; i < claimIds.length; i += 500) {
    let q = trx
      .updateTable('claim')
      .set((eb) => ({ speaker_entity_id: entityId, version: eb('version', '+', 1), updated_at: now }))
      .where('id', 'in', claimIds.slice(i, i + 500));
    if (onlyFrom !== undefined) q = q.where('speaker_entity_id', '=', onlyFrom);
    await q.execute();
  }
}

/**
 * Reverts the merge or split recorded by `ev` inside `trx` (no audit of its own). Throws EntityEditConflict when
 * a later edit stands in the way.
 */
async function revertEntityEdit(trx: Transaction<Database>, ev: AuditEvent, now: string): Promise<{ entityId: number; after: unknown }> {
  if (ev.undone_by !== null) throw new EntityEditConflict(`already undone (by audit event ${ev.undone_by})`);
  if (ev.action === RENAME_ACTION) {
    const b = JSON.parse(ev.before_json!) as RenameBefore;
    const renamedTo = (JSON.parse(ev.after_json!) as { name: string }).name;
    const now_ = await trx.selectFrom('entity').select(['name', 'merged_into']).where('id', '=', b.entity.id).executeTakeFirst();
    if (!now_) throw new EntityEditConflict(`entity ${b.entity.id} no longer exists`);
    if (now_.merged_into !== null) throw new EntityEditConflict(`entity ${b.entity.id} has since been merged into ${now_.merged_into}: undo that first`);
    if (now_.name !== renamedTo) throw new EntityEditConflict(`entity ${b.entity.id} has been renamed again since (now “${now_.name}”)`);
    await trx.updateTable('entity').set({ name: b.entity.name }).where('id', '=', b.entity.id).execute();
    if (b.addedAliasId !== null) await trx.deleteFrom('entity_alias').where('id', '=', b.addedAliasId).where('entity_id', '=', b.entity.id).execute();
    await setSpeakerName(trx, b.claimIds, b.entity.name, now, renamedTo);
    return { entityId: b.entity.id, after: { id: b.entity.id, name: b.entity.name } };
  }
  if (ev.action === MERGE_ACTION) {
    const b = JSON.parse(ev.before_json!) as MergeBefore;
    const target = await trx.selectFrom('entity').select(['merged_into']).where('id', '=', b.target.id).executeTakeFirst();
    if (target?.merged_into) throw new EntityEditConflict(`entity ${b.target.id} has since been merged into ${target.merged_into}: undo that first`);
    if (b.movedAliasIds.length) await trx.updateTable('entity_alias').set({ entity_id: b.merged.id }).where('id', 'in', b.movedAliasIds).where('entity_id', '=', b.target.id).execute();
    if (b.droppedAliases.length) await trx.insertInto('entity_alias').values(b.droppedAliases.map((a) => ({ ...a, entity_id: b.merged.id }))).onConflict((oc) => oc.doNothing()).execute();
    if (b.mentionIds.length) await trx.updateTable('mention').set({ entity_id: b.merged.id }).where('id', 'in', b.mentionIds).where('entity_id', '=', b.target.id).execute();
    await moveSpeakers(trx, b.claimIds, b.merged.id, now, b.target.id);
    await trx.updateTable('entity').set({ merged_into: null }).where('id', '=', b.merged.id).execute();
    return { entityId: b.merged.id, after: { restored_entity: b.merged.id } };
  }
  const b = JSON.parse(ev.before_json!) as SplitBefore;
  const newId = (JSON.parse(ev.after_json!) as { new_entity_id: number }).new_entity_id;
  const created = await trx.selectFrom('entity').select(['merged_into']).where('id', '=', newId).executeTakeFirst();
  if (created?.merged_into) throw new EntityEditConflict(`entity ${newId} has since been merged into ${created.merged_into}: undo that first`);
  // everything the new entity holds goes back, including what later ingests attached to it
  const norms = new Set((await trx.selectFrom('entity_alias').select('alias_norm').where('entity_id', '=', b.entity.id).execute()).map((a) => a.alias_norm));
  const its = await trx.selectFrom('entity_alias').selectAll().where('entity_id', '=', newId).execute();
  const clash = its.filter((a) => norms.has(a.alias_norm)).map((a) => a.id);
  if (clash.length) await trx.deleteFrom('entity_alias').where('id', 'in', clash).execute();
  await trx.updateTable('entity_alias').set({ entity_id: b.entity.id }).where('entity_id', '=', newId).execute();
  await trx.updateTable('mention').set({ entity_id: b.entity.id }).where('entity_id', '=', newId).execute();
  const spoken = (await trx.selectFrom('claim').select('id').where('speaker_entity_id', '=', newId).execute()).map((c) => c.id);
  await moveSpeakers(trx, spoken, b.entity.id, now);
  await trx.updateTable('entity').set({ merged_into: b.entity.id }).where('merged_into', '=', newId).execute();
  // suggestions about the split-off entity go with it
  await trx.deleteFrom('entity_link').where((eb) => eb.or([eb('entity_a', '=', newId), eb('entity_b', '=', newId)])).execute();
  await trx.deleteFrom('entity').where('id', '=', newId).execute();
  return { entityId: b.entity.id, after: { removed_entity: newId } };
}

/** Who asks for an undo: only the edit's author or an admin may undo a merge or split. */
export interface UndoActor {
  name: string;
  role: string;
}

/**
 * Reverses a merge or split recorded by `auditId` (the entity page's undo), itself audited; the original event is
 * marked undone_by. Only its author or an admin may; anyone else gets a 'forbidden' AppError.
 */
export async function undoEntityEdit(db: DB, auditId: number, by: UndoActor): Promise<{ auditId: number; entityId: number }> {
  const actor = by.name;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const ev = await trx.selectFrom('audit_event').selectAll().where('id', '=', auditId).executeTakeFirst();
    if (!ev || ![MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION].includes(ev.action)) throw new AppError('not_found', `no entity merge, split or rename with audit id ${auditId}`);
    if (ev.actor !== actor && by.role !== 'admin') {
      throw new AppError('forbidden', `only ${ev.actor} (who made this ${ev.action.replace('entity.', '')}) or an admin can undo it`);
    }
    const { entityId, after } = await revertEntityEdit(trx, ev, now);
    const undoId = await writeAudit(trx, { actor, action: `${ev.action}.undo`, targetType: 'audit_event', targetId: auditId, before: { event: auditId }, after }, now);
    await trx.updateTable('audit_event').set({ undone_by: undoId }).where('id', '=', auditId).execute();
    return { auditId: undoId, entityId };
  });
}

// The audit log's "undo my last change" (POST /audit/undo) reverts merges and splits the same way.
for (const action of [MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION]) {
  registerUndo(action, async (trx, event, { now }) => {
    try {
      return (await revertEntityEdit(trx, event, now)).after;
    } catch (e) {
      if (e instanceof EntityEditConflict) throw new UndoRefused(e.message);
      throw e;
    }
  });
}
