import { auditState, UndoRefused, type UndoHandler } from './audit.repository.js';
import type { DB } from './connect.js';
import type { ClaimLink } from './database.js';
import type { Executor, Tx } from './transaction.js';

// Claim links (corroborates, contradicts, variant_of) and entity links (same_as, place_conflict): the board's
// listings and the editors' decisions on them.

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';
export type LinkTable = 'claim_link' | 'entity_link';

export function listEntityLinks(db: DB, f: { status?: string; entity?: number; relation?: string; limit: number }) {
  let q = db
    .selectFrom('entity_link')
    .leftJoin('entity as ea', 'ea.id', 'entity_link.entity_a')
    .leftJoin('entity as eb', 'eb.id', 'entity_link.entity_b')
    .select([
      'entity_link.id',
      'entity_link.relation',
      'entity_link.status',
      'entity_link.score',
      'entity_link.reason',
      'entity_link.label_a',
      'entity_link.label_b',
      'entity_link.entity_a',
      'entity_link.entity_b',
      'entity_link.evidence_json',
      'entity_link.decided_by',
      'entity_link.decided_at',
      'entity_link.decision_note',
      'ea.name as name_a',
      'eb.name as name_b',
      'ea.merged_into as merged_a',
      'eb.merged_into as merged_b',
    ]);
  if (f.status) q = q.where('entity_link.status', '=', f.status as 'suggested');
  if (f.relation) q = q.where('entity_link.relation', '=', f.relation as 'same_as');
  if (f.entity !== undefined) q = q.where((eb) => eb.or([eb('entity_link.entity_a', '=', f.entity!), eb('entity_link.entity_b', '=', f.entity!)]));
  return q.orderBy('entity_link.score', 'desc').orderBy('entity_link.id').limit(f.limit).execute();
}

// ---- Decisions ----------------------------------------------------------------------------------

/** What a decision sets: who decided and when (both null when a link goes back to suggested). */
export interface LinkDecisionState {
  status: LinkStatus;
  decided_by: string | null;
  decided_at: string | null;
  /** the editor's reason; absent in events written before migration 0023 */
  decision_note?: string | null;
}

/**
 * Every column of these links, for the audit's before state. Both tables share the decision columns (id, status,
 * decided_by, decided_at), which is all callers read: Kysely needs one concrete table name to type them.
 */
export function linksByIds(tx: Executor, table: LinkTable, ids: number[]): Promise<ClaimLink[]> {
  return ids.length
    ? tx
        .selectFrom(table as 'claim_link')
        .selectAll()
        .where('id', 'in', ids)
        .execute()
    : Promise.resolve([]);
}

export async function setLinkDecision(tx: Tx, table: LinkTable, id: number, state: LinkDecisionState): Promise<void> {
  await tx
    .updateTable(table as 'claim_link')
    .set(state)
    .where('id', '=', id)
    .execute();
}

/** Audit actions of link decisions: claim_link.confirm, entity_link.reject, … */
export const LINK_DECISION_VERB: Record<LinkStatus, string> = { suggested: 'reopen', confirmed: 'confirm', rejected: 'reject' };
export const LINK_DECISION_ACTIONS = (['claim_link', 'entity_link'] as const).flatMap((t) => Object.values(LINK_DECISION_VERB).map((v) => `${t}.${v}`));

/**
 * Undo of a decision ("undo my last change" on the audit page): the link goes back to its status before, unless
 * someone has decided it differently since.
 */
export const undoLinkDecision: UndoHandler = async (trx, event, { actor }) => {
  const table: LinkTable = event.action.startsWith('claim_link.') ? 'claim_link' : 'entity_link';
  const before = auditState<LinkDecisionState>(event.before_json)!;
  const after = auditState<LinkDecisionState>(event.after_json)!;
  const row = await trx.selectFrom(table).select(['id', 'status', 'decided_by']).where('id', '=', event.target_id!).executeTakeFirst();
  if (!row) throw new UndoRefused(`${table.replace('_', ' ')} ${event.target_id} no longer exists`);
  if (row.status !== after.status || (row.decided_by !== null && row.decided_by !== actor)) {
    throw new UndoRefused(
      `${table.replace('_', ' ')} ${row.id} has been decided since (now "${row.status}"${row.decided_by ? ` by ${row.decided_by}` : ''}); nothing was changed`,
    );
  }
  const restored = { status: before.status, decided_by: before.decided_by, decided_at: before.decided_at, decision_note: before.decision_note ?? null };
  await trx.updateTable(table).set(restored).where('id', '=', row.id).execute();
  return { ...after, ...restored };
};
