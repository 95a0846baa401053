import type { Kysely, Transaction } from 'kysely';
import type { Database, NewClaimRow } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** Characters of context kept each side of a claim (W3C TextQuoteSelector prefix/suffix). */
const SELECTOR_CONTEXT = 32;

export function textQuoteSelector(text: string, start: number, end: number): { exact: string; prefix: string; suffix: string } {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - SELECTOR_CONTEXT), start),
    suffix: text.slice(end, end + SELECTOR_CONTEXT),
  };
}

export async function insertClaim(db: Executor, row: NewClaimRow): Promise<number> {
  return (await db.insertInto('claim').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function claimExists(db: Executor, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('claim').select('id').where('id', '=', id).executeTakeFirst());
}

export async function listClaimsOfSource(db: Executor, sourceId: number) {
  const rows = await db.selectFrom('claim').selectAll().where('source_id', '=', sourceId).orderBy('start').orderBy('end', 'desc').execute();
  // the source page writes kind into the highlight's class: a withdrawn claim's "quote withdrawn" is struck through
  return rows.map((c) => (c.withdrawn_at ? { ...c, kind: `${c.kind} withdrawn` as typeof c.kind } : c));
}
