import { sql, type Transaction } from 'kysely';
import { AppError } from '../core/errors.js';
import type { ClaimListing } from '../core/views.js';
import { recordAuditEvent } from './audit.repository.js';
import type { DB } from './connect.js';
import type { Database } from './database.js';
import { caseInsensitiveKey } from './sql-dialect.js';
import { inTransaction } from './transaction.js';

export interface ListSummary {
  id: number;
  name: string;
  description: string | null;
  created_by: string;
  created_at: string;
  items: number;
}

export interface ListItem extends ClaimListing {
  claim_id: number;
  position: number;
  added_by: string;
  added_at: string;
}

export async function listCitationLists(db: DB): Promise<ListSummary[]> {
  return (
    await sql<ListSummary>`
      SELECT l.id, l.name, l.description, l.created_by, l.created_at,
             (SELECT count(*) FROM citation_list_item i WHERE i.list_id = l.id) AS items
      FROM citation_list l ORDER BY ${caseInsensitiveKey(db, sql.ref('l.name'))}`.execute(db)
  ).rows.map((r) => ({ ...r, items: Number(r.items) }));
}

export function findListById(db: DB, id: number) {
  return db.selectFrom('citation_list').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findListByName(db: DB, name: string) {
  return db.selectFrom('citation_list').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listItems(db: DB, listId: number): Promise<ListItem[]> {
  return (
    await sql<ListItem>`
      SELECT i.claim_id, i.position, i.added_by, i.added_at, c.kind, c.exact, c.speaker_name, c.speaker_entity_id, c.verdict,
             c.source_id, s.outlet, s.title, s.published_at
      FROM citation_list_item i JOIN claim c ON c.id = i.claim_id JOIN source s ON s.id = c.source_id
      WHERE i.list_id = ${listId} ORDER BY i.position, i.claim_id`.execute(db)
  ).rows;
}

function audit(trx: Transaction<Database>, actor: string, action: string, targetId: number, before: unknown, after: unknown, now: string) {
  return recordAuditEvent(trx, { actor, action, targetType: 'citation_list', targetId, before, after, now });
}

/** Creates a named list; a name already taken is a conflict. */
export async function createList(db: DB, input: { name: string; description?: string | null }, actor: string): Promise<number> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    if (await trx.selectFrom('citation_list').select('id').where('name', '=', input.name).executeTakeFirst()) {
      throw new AppError('conflict', `a list named "${input.name}" already exists`);
    }
    const row = { name: input.name, description: input.description ?? null, created_by: actor, created_at: now };
    const id = (await trx.insertInto('citation_list').values(row).returning('id').executeTakeFirstOrThrow()).id;
    await audit(trx, actor, 'list.create', id, null, { id, ...row }, now);
    return id;
  });
}

/** Adds a claim at the end of a list; adding one already there changes nothing and says so. */
export async function addListItem(db: DB, listId: number, claimId: number, actor: string): Promise<{ added: boolean }> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const exists = await trx
      .selectFrom('citation_list_item')
      .select('claim_id')
      .where('list_id', '=', listId)
      .where('claim_id', '=', claimId)
      .executeTakeFirst();
    if (exists) return { added: false };
    const { pos } = await trx
      .selectFrom('citation_list_item')
      .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(0)).as('pos'))
      .where('list_id', '=', listId)
      .executeTakeFirstOrThrow();
    const row = { list_id: listId, claim_id: claimId, position: Number(pos) + 1, added_by: actor, added_at: now };
    await trx.insertInto('citation_list_item').values(row).execute();
    await audit(trx, actor, 'list.add_item', listId, null, row, now);
    return { added: true };
  });
}

export async function removeListItem(db: DB, listId: number, claimId: number, actor: string): Promise<{ removed: boolean }> {
  const now = new Date().toISOString();
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('citation_list_item').selectAll().where('list_id', '=', listId).where('claim_id', '=', claimId).executeTakeFirst();
    if (!before) return { removed: false };
    await trx.deleteFrom('citation_list_item').where('list_id', '=', listId).where('claim_id', '=', claimId).execute();
    await audit(trx, actor, 'list.remove_item', listId, before, null, now);
    return { removed: true };
  });
}
