// Frozen in time: never import application code here.
import { type Kysely, sql } from 'kysely';
import { idColumn } from './dialect.js';

/**
 * Annotations are never deleted: an undo marks them withdrawn (when, and by whom).
 * Failed logins are kept for the login limiter, which counts failures per account and per address.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('annotation').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('annotation').addColumn('withdrawn_by', 'text').execute();
  await db.schema
    .createTable('login_failure')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('account', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // set when the account then logged in: no longer counts for the account, still for the address
    .addColumn('cleared_at', 'text')
    .execute();
  await sql`CREATE INDEX login_failure_account_idx ON login_failure(account, created_at)`.execute(db);
  await sql`CREATE INDEX login_failure_address_idx ON login_failure(address, created_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('login_failure').ifExists().execute();
  await db.schema.alterTable('annotation').dropColumn('withdrawn_by').execute();
  await db.schema.alterTable('annotation').dropColumn('withdrawn_at').execute();
}
