import { recordAuditEvent } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import { LINK_DECISION_VERB, linksByIds, setLinkDecision, type LinkStatus, type LinkTable } from '../storage/links.repository.js';
import { inTransaction } from '../storage/transaction.js';

export type { LinkStatus };

/** Sets the status of claim links (confirm, reject, or back to suggested) with the editor's optional reason, each change audited, all in one transaction. */
export function decideClaimLinks(
  db: DB,
  ids: number[],
  status: LinkStatus,
  actor: string,
  note: string | null = null,
): Promise<{ changed: number; missing: number[] }> {
  return decideLinks(db, 'claim_link', ids, status, actor, note);
}

/** Same for entity-level suggestions (same_as, place_conflict). Confirming a same_as does not merge by itself: merging is its own audited action. */
export function decideEntityLinks(
  db: DB,
  ids: number[],
  status: LinkStatus,
  actor: string,
  note: string | null = null,
): Promise<{ changed: number; missing: number[] }> {
  return decideLinks(db, 'entity_link', ids, status, actor, note);
}

async function decideLinks(
  db: DB,
  table: LinkTable,
  ids: number[],
  status: LinkStatus,
  actor: string,
  note: string | null,
): Promise<{ changed: number; missing: number[] }> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const rows = await linksByIds(trx, table, ids);
    const found = new Set(rows.map((r) => r.id));
    let changed = 0;
    for (const before of rows) {
      // the same decision again changes nothing, unless it brings a different reason
      if (before.status === status && (note === null || note === before.decision_note)) continue;
      const decided =
        status === 'suggested' ? { decided_by: null, decided_at: null, decision_note: note } : { decided_by: actor, decided_at: now, decision_note: note };
      await setLinkDecision(trx, table, before.id, { status, ...decided });
      await recordAuditEvent(trx, {
        actor,
        action: `${table}.${LINK_DECISION_VERB[status]}`,
        targetType: table,
        targetId: before.id,
        before,
        after: { ...before, status, ...decided },
        now,
      });
      changed++;
    }
    return { changed, missing: ids.filter((id) => !found.has(id)) };
  });
}
