import { sql, type RawBuilder } from 'kysely';

/** `WHERE a AND b …`, or nothing when there are no conditions. */
export const whereSql = (where: RawBuilder<unknown>[]): RawBuilder<unknown> => (where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``);
