import { undoAnnotation, ANNOTATE_ACTION } from './annotation.repository.js';
import {
  auditState,
  CROSSREF_RUN_ACTION,
  INGEST_RUN_ACTION,
  markUndone,
  recordAuditEvent,
  REEXTRACT_RUN_ACTION,
  UNDO_ACTION,
  UndoRefused,
  USER_ADD_ACTION,
  type UndoHandler,
} from './audit.repository.js';
import { CORRECT_CLAIM_ACTION, undoClaimCorrection } from './claim-correction.repository.js';
import { CREATE_CLAIM_ACTION, undoManualClaim } from './claim-edit.repository.js';
import type { DB } from './connect.js';
import type { AuditEvent } from './database.js';
import { MERGE_ACTION, RENAME_ACTION, revertEntityEdit, SPLIT_ACTION } from './entity-edit.repository.js';
import { LINK_DECISION_ACTIONS, undoLinkDecision } from './links.repository.js';
import { inTransaction, type Executor } from './transaction.js';
import {
  undoUserDisable,
  undoUserEnable,
  undoUserRole,
  USER_PASSWORD_RESET_ACTION,
  USER_ROLE_ACTION,
  USER_DISABLE_ACTION,
  USER_ENABLE_ACTION,
} from './user.repository.js';

export type UndoRegistry = ReadonlyMap<string, UndoHandler>;

const undoEntityEdit: UndoHandler = async (trx, event, { now }) => (await revertEntityEdit(trx, event, now)).after;

/** Every audited action "undo my last change" can revert, with the handler that does it. */
export const UNDO_HANDLERS: UndoRegistry = new Map<string, UndoHandler>([
  [ANNOTATE_ACTION, undoAnnotation],
  [CREATE_CLAIM_ACTION, undoManualClaim],
  [CORRECT_CLAIM_ACTION, undoClaimCorrection],
  [MERGE_ACTION, undoEntityEdit],
  [SPLIT_ACTION, undoEntityEdit],
  [RENAME_ACTION, undoEntityEdit],
  ...LINK_DECISION_ACTIONS.map((action): [string, UndoHandler] => [action, undoLinkDecision]),
  [USER_ROLE_ACTION, undoUserRole],
  [USER_DISABLE_ACTION, undoUserDisable],
  [USER_ENABLE_ACTION, undoUserEnable],
]);

/** Every other audited action, with why it is not undone. (The registry test fails on an action in neither list.) */
export const NOT_UNDOABLE: Readonly<Record<string, string>> = {
  [UNDO_ACTION]: 'an undo is not undone itself',
  ...Object.fromEntries([MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION].map((a) => [`${a}.undo`, 'the entity page’s undo of an edit is not undone itself'])),
  [INGEST_RUN_ACTION]: 'a command-line run: its sources are removed by hand',
  [REEXTRACT_RUN_ACTION]: 'a command-line run',
  [CROSSREF_RUN_ACTION]: 'a command-line run',
  [USER_ADD_ACTION]: 'an account is disabled, not deleted',
  [USER_PASSWORD_RESET_ACTION]: 'the old password is not kept',
  'source.add': 'a source is not deleted from the web',
  'reference.import': 'a reference dataset is replaced by importing it again',
  'auth.login': 'a record of access',
  'auth.login_failed': 'a record of access',
  'auth.logout': 'a record of access',
};

/** The actor's most recent event that is not undone and has an undo handler (what "undo" would revert). */
export function findLastUndoable(db: Executor, actor: string, handlers: UndoRegistry = UNDO_HANDLERS): Promise<AuditEvent | undefined> {
  const actions = [...handlers.keys()];
  if (!actions.length) return Promise.resolve(undefined);
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('actor', '=', actor)
    .where('undone_by', 'is', null)
    .where('action', 'in', actions)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export type UndoResult =
  | { status: 'undone'; event: AuditEvent; undoEventId: number }
  | { status: 'nothing' }
  | { status: 'refused'; event: AuditEvent; reason: string };

/**
 * Reverts the actor's most recent not-yet-undone change, in one transaction: runs the registry's handler for its
 * action, writes an "undo" audit event, and marks the original as undone by it.
 */
export async function undoLastChange(db: DB, actor: string, handlers: UndoRegistry = UNDO_HANDLERS): Promise<UndoResult> {
  let refused: { event: AuditEvent; reason: string } | null = null;
  try {
    return await inTransaction(db, async (trx) => {
      refused = null; // a retried attempt starts afresh
      const event = await findLastUndoable(trx, actor, handlers);
      if (!event) return { status: 'nothing' } as const;
      const now = new Date().toISOString();
      let restored: unknown;
      try {
        restored = await handlers.get(event.action)!(trx, event, { actor, now });
      } catch (e) {
        if (e instanceof UndoRefused) refused = { event, reason: e.message };
        throw e; // rolls the transaction back either way
      }
      const undoEventId = await recordAuditEvent(trx, {
        actor,
        action: UNDO_ACTION,
        targetType: 'audit_event',
        targetId: event.id,
        before: { action: event.action, target_type: event.target_type, target_id: event.target_id, state: auditState(event.after_json) },
        after: { action: event.action, target_type: event.target_type, target_id: event.target_id, state: restored ?? auditState(event.before_json) },
        now,
      });
      await markUndone(trx, event.id, undoEventId);
      return { status: 'undone', event, undoEventId } as const;
    });
  } catch (e) {
    if (refused) return { status: 'refused', ...(refused as { event: AuditEvent; reason: string }) };
    throw e;
  }
}
