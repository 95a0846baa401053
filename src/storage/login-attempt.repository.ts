import type { DB } from './connect.js';

export interface LoginFailureCounts {
  account: number;
  address: number;
}

/**
 * Failed logins since `since` (ISO time): for this account since it last logged in, and from this address for
 * any account (a success does not wipe those: guessing across accounts keeps counting).
 */
export async function countLoginFailures(db: DB, account: string, address: string, since: string): Promise<LoginFailureCounts> {
  const n = (rows: { n: number }) => Number(rows.n);
  const base = () =>
    db
      .selectFrom('login_failure')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', since);
  return {
    account: n(await base().where('account', '=', account).where('cleared_at', 'is', null).executeTakeFirstOrThrow()),
    address: n(await base().where('address', '=', address).executeTakeFirstOrThrow()),
  };
}

export async function recordLoginFailure(db: DB, account: string, address: string, now: string): Promise<void> {
  await db.insertInto('login_failure').values({ account, address, created_at: now }).execute();
}

/** A successful login starts the account's count again; the failures still count for their addresses. */
export async function clearLoginFailures(db: DB, account: string, now: string): Promise<void> {
  await db.updateTable('login_failure').set({ cleared_at: now }).where('account', '=', account).where('cleared_at', 'is', null).execute();
}

/** Old rows are of no use to the limiter. */
export async function pruneLoginFailures(db: DB, before: string): Promise<void> {
  await db.deleteFrom('login_failure').where('created_at', '<', before).execute();
}
