import { type Kysely, PostgresAdapter } from 'kysely';

/** The two database engines claimtrail runs on: an embedded SQLite file (the default) or a PostgreSQL server. */
export type Engine = 'sqlite' | 'postgres';

/** A `postgres://` or `postgresql://` URL names a PostgreSQL database; anything else is a SQLite file path. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** Which engine a database or transaction runs on (read from Kysely's adapter, so it works on both). */
export function engineOf(executor: Kysely<any>): Engine {
  return executor.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/** A database URL with its password hidden, for messages and logs. */
export function describeTarget(target: string): string {
  if (!isPostgresUrl(target)) return target;
  try {
    const url = new URL(target);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return 'postgres://(unreadable URL)';
  }
}
