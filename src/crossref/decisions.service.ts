import type { Transaction } from 'kysely';
import { auditState, recordAuditEvent, registerUndo, UndoRefused } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import type { Database } from '../storage/database.js';

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';

const VERB: Record<LinkStatus, string> = { suggested: 'reopen', confirmed: 'confirm', rejected: 'reject' };
/** Audit actions of link decisions: claim_link.confirm, entity_link.reject, … */
export const LINK_DECISION_ACTIONS = (['claim_link', 'entity_link'] as const).flatMap((t) => Object.values(VERB).map((v) => `${t}.${v}`));

export async function writeAudit(
  trx: Transaction<Database>,
  e: { actor: string; action: string; targetType: string; targetId: number | null; before: unknown; after: unknown },
  now: string,
): Promise<number> {
  return recordAuditEvent(trx, { ...e, now });
}

/** Sets the status of claim links (confirm, reject, or back to suggested) with the editor's optional reason, each change audited, all in one transaction. */
export function decideClaimLinks(db: DB, ids: number[], status: LinkStatus, actor: string, note: string | null = null): Promise<{ changed: number; missing: number[] }> {
  return decideLinks(db, 'claim_link', ids, status, actor, note);
}

/** Same for entity-level suggestions (same_as, place_conflict). Confirming a same_as does not merge by itself: merging is its own audited action. */
export function decideEntityLinks(db: DB, ids: number[], status: LinkStatus, actor: string, note: string | null = null): Promise<{ changed: number; missing: number[] }> {
  return decideLinks(db, 'entity_link', ids, status, actor, note);
}

async function decideLinks(db: DB, table: 'claim_link' | 'entity_link', ids: number[], status: LinkStatus, actor: string, note: string | null): Promise<{ changed: number; missing: number[] }> {
  // both tables share the decision columns (id, status, decided_by, decided_at); Kysely needs one concrete name to type them
  const t = table as 'claim_link';
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = ids.length ? await trx.selectFrom(t).selectAll().where('id', 'in', ids).execute() : [];
    const found = new Set(rows.map((r) => r.id));
    let changed = 0;
    for (const before of rows) {
      // the same decision again changes nothing, unless it brings a different reason
      if (before.status === status && (note === null || note === before.decision_note)) continue;
      const decided = status === 'suggested' ? { decided_by: null, decided_at: null, decision_note: note } : { decided_by: actor, decided_at: now, decision_note: note };
      await trx.updateTable(t).set({ status, ...decided }).where('id', '=', before.id).execute();
      await writeAudit(trx, { actor, action: `${table}.${VERB[status]}`, targetType: table, targetId: before.id, before, after: { ...before, status, ...decided } }, now);
      changed++;
    }
    return { changed, missing: ids.filter((id) => !found.has(id)) };
  });
}

interface DecisionState {
  status: LinkStatus;
  decided_by: string | null;
  decided_at: string | null;
  /** absent in events written before migration 0023 */
  decision_note?: string | null;
}

// Undo of a decision ("undo my last change" on the audit page): the link goes back to its status before, unless
// someone has decided it differently since.
for (const action of LINK_DECISION_ACTIONS) {
  const table = action.startsWith('claim_link.') ? 'claim_link' : 'entity_link';
  registerUndo(action, async (trx, event, { actor }) => {
    const before = auditState<DecisionState>(event.before_json)!;
    const after = auditState<DecisionState>(event.after_json)!;
    const row = await trx.selectFrom(table).select(['id', 'status', 'decided_by']).where('id', '=', event.target_id!).executeTakeFirst();
    if (!row) throw new UndoRefused(`${table.replace('_', ' ')} ${event.target_id} no longer exists`);
    if (row.status !== after.status || (row.decided_by !== null && row.decided_by !== actor)) {
      throw new UndoRefused(`${table.replace('_', ' ')} ${row.id} has been decided since (now "${row.status}"${row.decided_by ? ` by ${row.decided_by}` : ''}); nothing was changed`);
    }
    const restored = { status: before.status, decided_by: before.decided_by, decided_at: before.decided_at, decision_note: before.decision_note ?? null };
    await trx.updateTable(table).set(restored).where('id', '=', row.id).execute();
    return { ...after, ...restored };
  });
}
