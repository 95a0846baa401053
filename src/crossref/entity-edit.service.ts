import { AppError } from '../core/errors.js';
import { normaliseAlias } from '../core/names.js';
import { auditEventById, markUndone, recordAuditEvent, UndoRefused } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import {
  aliasesOf,
  entityForEdit,
  MERGE_ACTION,
  mergeInto,
  RENAME_ACTION,
  renameTo,
  revertEntityEdit,
  SPLIT_ACTION,
  splitOff,
} from '../storage/entity-edit.repository.js';
import { inTransaction } from '../storage/transaction.js';
import { EntityEditConflict } from './errors.js';

/**
 * Merges `mergedId` into `targetId`: aliases, mentions and claims' speaker move to the target; the merged entity
 * keeps its row (merged_into) so the merge can be undone exactly. Audited with what moved.
 */
export async function mergeEntities(db: DB, targetId: number, mergedId: number, actor: string): Promise<{ auditId: number }> {
  if (targetId === mergedId)
    throw new AppError('invalid_input', 'cannot merge an entity into itself', { details: [{ field: 'source_id', reason: 'must differ from target_id' }] });
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const [target, merged] = await Promise.all([targetId, mergedId].map((id) => entityForEdit(trx, id)));
    if (!target) throw new AppError('not_found', `entity ${targetId} not found`);
    if (!merged) throw new AppError('not_found', `entity ${mergedId} not found`);
    if (target.merged_into !== null) throw new EntityEditConflict(`entity ${targetId} was merged into ${target.merged_into}; merge into that one`);
    if (merged.merged_into !== null) throw new EntityEditConflict(`entity ${mergedId} was already merged into ${merged.merged_into}`);
    const before = await mergeInto(trx, target, merged, now);
    const auditId = await recordAuditEvent(trx, {
      actor,
      action: MERGE_ACTION,
      targetType: 'entity',
      targetId,
      before,
      after: { merged_into: targetId, entity: mergedId },
      now,
    });
    return { auditId };
  });
}

/**
 * Splits one alias off an entity into a new entity of the same kind, taking the mentions written that way and the
 * claims whose speaker was written that way. Audited and undoable.
 */
export async function splitAlias(db: DB, entityId: number, aliasId: number, actor: string): Promise<{ auditId: number; newEntityId: number }> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const entity = await entityForEdit(trx, entityId);
    if (!entity) throw new AppError('not_found', `entity ${entityId} not found`);
    if (entity.merged_into !== null) throw new EntityEditConflict(`entity ${entityId} was merged into ${entity.merged_into}`);
    const aliases = await aliasesOf(trx, entityId);
    const alias = aliases.find((a) => a.id === aliasId);
    if (!alias)
      throw new AppError('invalid_input', `alias ${aliasId} does not belong to entity ${entityId}`, {
        details: [{ field: 'alias_id', reason: 'not an alias of this entity' }],
      });
    if (aliases.length < 2)
      throw new AppError('invalid_input', 'an entity with a single alias cannot be split', { details: [{ field: 'alias_id', reason: 'the only alias' }] });
    const { before, newEntityId } = await splitOff(trx, entity, alias, now);
    const auditId = await recordAuditEvent(trx, {
      actor,
      action: SPLIT_ACTION,
      targetType: 'entity',
      targetId: entityId,
      before,
      after: { new_entity_id: newEntityId },
      now,
    });
    return { auditId, newEntityId };
  });
}

/**
 * Renames an entity: the new canonical name (also an alias), the old name kept as an alias, and the speaker name of
 * its claims that read the old name. Audited and undoable (by its author or an admin).
 */
export async function renameEntity(db: DB, entityId: number, newName: string, actor: string): Promise<{ auditId: number }> {
  const name = newName.trim().replace(/\s+/g, ' ');
  if (!normaliseAlias(name)) throw new AppError('invalid_input', 'the new name is empty', { details: [{ field: 'name', reason: 'empty' }] });
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const entity = await entityForEdit(trx, entityId);
    if (!entity) throw new AppError('not_found', `entity ${entityId} not found`);
    if (entity.merged_into !== null) throw new EntityEditConflict(`entity ${entityId} was merged into ${entity.merged_into}; rename that one`);
    if (entity.name === name)
      throw new AppError('invalid_input', `the entity is already called “${name}”`, { details: [{ field: 'name', reason: 'unchanged' }] });
    const before = await renameTo(trx, entity, await aliasesOf(trx, entityId), name, now);
    const auditId = await recordAuditEvent(trx, {
      actor,
      action: RENAME_ACTION,
      targetType: 'entity',
      targetId: entityId,
      before,
      after: { id: entityId, name },
      now,
    });
    return { auditId };
  });
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
  return inTransaction(db, async (trx) => {
    const ev = await auditEventById(trx, auditId);
    if (!ev || ![MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION].includes(ev.action))
      throw new AppError('not_found', `no entity merge, split or rename with audit id ${auditId}`);
    if (ev.actor !== actor && by.role !== 'admin') {
      throw new AppError('forbidden', `only ${ev.actor} (who made this ${ev.action.replace('entity.', '')}) or an admin can undo it`);
    }
    let reverted: { entityId: number; after: unknown };
    try {
      reverted = await revertEntityEdit(trx, ev, now);
    } catch (e) {
      if (e instanceof UndoRefused) throw new EntityEditConflict(e.message);
      throw e;
    }
    const undoId = await recordAuditEvent(trx, {
      actor,
      action: `${ev.action}.undo`,
      targetType: 'audit_event',
      targetId: auditId,
      before: { event: auditId },
      after: reverted.after,
      now,
    });
    await markUndone(trx, auditId, undoId);
    return { auditId: undoId, entityId: reverted.entityId };
  });
}
