import { CORRECT_CLAIM_ACTION } from './claim-correction.repository.js';
import type { DB } from './connect.js';
import type { AuditEvent } from './database.js';

// What the claim page reads besides the claim itself: its group, its history's undo events, its open corrections.

/** The other claims of the claim's group (its members, or the claim that heads it), in text order. */
export function listClaimGroup(db: DB, claim: { id: number; group_id: number | null }): Promise<{ id: number; exact: string }[]> {
  const groupId = claim.group_id;
  if (groupId === null) return Promise.resolve([]);
  return db
    .selectFrom('claim')
    .select(['id', 'exact'])
    .where((eb) => eb.or([eb('group_id', '=', groupId), eb('id', '=', groupId)]))
    .where('id', '<>', claim.id)
    .orderBy('start')
    .execute();
}

/** These audit events (any order; unknown ids left out). */
export async function findAuditEventsByIds(db: DB, ids: number[]): Promise<AuditEvent[]> {
  return ids.length ? db.selectFrom('audit_event').selectAll().where('id', 'in', ids).execute() : [];
}

/** Corrections of a claim not yet undone, newest first (at most 50). */
export function listOpenCorrections(db: DB, claimId: number): Promise<AuditEvent[]> {
  return db
    .selectFrom('audit_event')
    .selectAll()
    .where('target_type', '=', 'claim')
    .where('target_id', '=', claimId)
    .where('action', '=', CORRECT_CLAIM_ACTION)
    .where('undone_by', 'is', null)
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
}
