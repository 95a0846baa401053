import type { DB } from '../storage/connect.js';
import type { Database } from '../storage/database.js';
import type { Transaction } from 'kysely';

export type LinkStatus = 'suggested' | 'confirmed' | 'rejected';

export async function writeAudit(
  trx: Transaction<Database>,
  e: { actor: string; action: string; targetType: string; targetId: number | null; before: unknown; after: unknown },
  now: string,
): Promise<number> {
  const r = await trx
    .insertInto('audit_event')
    .values({ actor: e.actor, action: e.action, target_type: e.targetType, target_id: e.targetId, before_json: JSON.stringify(e.before), after_json: JSON.stringify(e.after), undone_by: null, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Sets the status of claim links (confirm, reject, or back to suggested), each change audited, all in one transaction. */
export async function decideClaimLinks(db: DB, ids: number[], status: LinkStatus, actor: string): Promise<{ changed: number; missing: number[] }> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = ids.length ? await trx.selectFrom('claim_link').selectAll().where('id', 'in', ids).execute() : [];
    const found = new Set(rows.map((r) => r.id));
    let changed = 0;
    for (const before of rows) {
      if (before.status === status) continue;
      const decided = status === 'suggested' ? { decided_by: null, decided_at: null } : { decided_by: actor, decided_at: now };
      await trx.updateTable('claim_link').set({ status, ...decided }).where('id', '=', before.id).execute();
      await writeAudit(trx, { actor, action: `claim_link.${status === 'suggested' ? 'reopen' : status === 'confirmed' ? 'confirm' : 'reject'}`, targetType: 'claim_link', targetId: before.id, before, after: { ...before, status, ...decided } }, now);
      changed++;
    }
    return { changed, missing: ids.filter((id) => !found.has(id)) };
  });
}

/** Same for entity-level suggestions (same_as, place_conflict). Confirming a same_as does not merge by itself: merging is its own audited action. */
export async function decideEntityLinks(db: DB, ids: number[], status: LinkStatus, actor: string): Promise<{ changed: number; missing: number[] }> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const rows = ids.length ? await trx.selectFrom('entity_link').selectAll().where('id', 'in', ids).execute() : [];
    const found = new Set(rows.map((r) => r.id));
    let changed = 0;
    for (const before of rows) {
      if (before.status === status) continue;
      const decided = status === 'suggested' ? { decided_by: null, decided_at: null } : { decided_by: actor, decided_at: now };
      await trx.updateTable('entity_link').set({ status, ...decided }).where('id', '=', before.id).execute();
      await writeAudit(trx, { actor, action: `entity_link.${status === 'suggested' ? 'reopen' : status === 'confirmed' ? 'confirm' : 'reject'}`, targetType: 'entity_link', targetId: before.id, before, after: { ...before, status, ...decided } }, now);
      changed++;
    }
    return { changed, missing: ids.filter((id) => !found.has(id)) };
  });
}
