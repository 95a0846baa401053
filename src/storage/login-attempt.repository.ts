import type { DB } from './connect.js';
import { type Executor, inTransaction } from './transaction.js';

interface LoginFailureCounts {
  account: number;
  address: number;
}

/** Failed logins allowed per window, and the window's start (ISO time). */
export interface LoginAttemptLimits {
  perAccount: number;
  perAddress: number;
  since: string;
}

/** A login attempt let through (its row, counted as a failure until the password proves right) or refused by a limit. */
export type LoginAttempt = { ok: true; id: number } | { ok: false; limit: 'account' | 'address' };

/**
 * Failed logins since `since` (ISO time): for this account since it last logged in, and from this address for
 * any account (a success does not wipe those: guessing across accounts keeps counting).
 */
async function countLoginFailures(db: Executor, account: string, address: string, since: string): Promise<LoginFailureCounts> {
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

/**
 * Counts the window's failures and, under both limits, records this attempt as a failure, in one transaction, before
 * the password is checked: parallel attempts (from any number of web processes) each see the ones before them, so no
 * more than the limit are ever tried. A right password then withdraws the row (recordLoginSuccess).
 */
export function reserveLoginAttempt(db: DB, account: string, address: string, now: string, limits: LoginAttemptLimits): Promise<LoginAttempt> {
  return inTransaction(db, async (trx): Promise<LoginAttempt> => {
    const failures = await countLoginFailures(trx, account, address, limits.since);
    if (failures.account >= limits.perAccount) return { ok: false, limit: 'account' };
    if (failures.address >= limits.perAddress) return { ok: false, limit: 'address' };
    const { id } = await trx.insertInto('login_failure').values({ account, address, created_at: now }).returning('id').executeTakeFirstOrThrow();
    return { ok: true, id };
  });
}

/**
 * The attempt's password was right: its reserved row goes, and the account's count starts again (its earlier
 * failures still count for their addresses).
 */
export function recordLoginSuccess(db: DB, attemptId: number, account: string, now: string): Promise<void> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('login_failure').where('id', '=', attemptId).execute();
    await trx.updateTable('login_failure').set({ cleared_at: now }).where('account', '=', account).where('cleared_at', 'is', null).execute();
  });
}

/** Old rows are of no use to the limiter. */
export async function pruneLoginFailures(db: DB, before: string): Promise<void> {
  await db.deleteFrom('login_failure').where('created_at', '<', before).execute();
}
