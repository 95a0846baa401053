import type { DB } from './connect.js';

export interface LoginFailureCounts {
  account: number;
  address: number;
}

/** Failed logins since `since` (ISO time) for this account name, and from this address for any account. */
export async function countLoginFailures(db: DB, account: string, address: string, since: string): Promise<LoginFailureCounts> {
  const count = async (column: 'account' | 'address', value: string) =>
    Number(
      (
        await db
          .selectFrom('login_failure')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where(column, '=', value)
          .where('created_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { account: await count('account', account), address: await count('address', address) };
}

export async function recordLoginFailure(db: DB, account: string, address: string, now: string): Promise<void> {
  await db.insertInto('login_failure').values({ account, address, created_at: now }).execute();
}

/** A successful login starts the account's count again (the audit log keeps the history). */
export async function clearLoginFailures(db: DB, account: string): Promise<void> {
  await db.deleteFrom('login_failure').where('account', '=', account).execute();
}

/** Old rows are of no use to the limiter. */
export async function pruneLoginFailures(db: DB, before: string): Promise<void> {
  await db.deleteFrom('login_failure').where('created_at', '<', before).execute();
}
