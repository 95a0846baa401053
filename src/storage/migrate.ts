import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { AppError } from '../core/errors.js';

/** Runs every pending migration with Kysely's Migrator; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppError('internal', `database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
  }
}
