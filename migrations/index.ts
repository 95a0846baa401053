// Every migration, in order. Add a new file as NNNN_name.ts and list it here (Kysely runs them by name).
import type { Migration } from 'kysely';
import * as m0001 from './0001_init.js';

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
};
