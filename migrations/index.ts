// Every migration, in order. Add a new file as NNNN_name.ts and list it here (Kysely runs them by name).
// Each runs on SQLite and on PostgreSQL: write it with Kysely's schema builder, and say what must differ through
// ./dialect.ts (isPostgres, idColumn for an id, doubleType for a real, caseInsensitiveKey for a NOCASE index key).
import type { Migration } from 'kysely';
import * as m0001 from './0001_init.js';
import * as m0002 from './0002_crossref.js';
import * as m0006 from './0006_annotation_undo.js';
import * as m0010 from './0010_search.js';
import * as m0011 from './0011_search_speed.js';
import * as m0012 from './0012_fewer_write_indexes.js';
import * as m0013 from './0013_figure_range.js';
import * as m0014 from './0014_crossref_done.js';
import * as m0015 from './0015_withdrawn_annotations_login_failures.js';
import * as m0016 from './0016_reference.js';
import * as m0017 from './0017_claim_corrections.js';
import * as m0019 from './0019_user_disabled.js';
import * as m0020 from './0020_deferred_search_index.js';
import * as m0021 from './0021_bulk_dropped_indexes.js';
import * as m0022 from './0022_one_card_per_pair.js';
import * as m0023 from './0023_link_decision_note.js';

export const migrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_crossref': m0002,
  '0006_annotation_undo': m0006,
  '0010_search': m0010,
  '0011_search_speed': m0011,
  '0012_fewer_write_indexes': m0012,
  '0013_figure_range': m0013,
  '0014_crossref_done': m0014,
  '0015_withdrawn_annotations_login_failures': m0015,
  '0016_reference': m0016,
  '0017_claim_corrections': m0017,
  '0019_user_disabled': m0019,
  '0020_deferred_search_index': m0020,
  '0021_bulk_dropped_indexes': m0021,
  '0022_one_card_per_pair': m0022,
  '0023_link_decision_note': m0023,
};
