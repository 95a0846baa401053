import type { HotPath } from './prepared-statements.js';

// The claim_fts row of a claim: the same columns and values as the triggers write (migrations 0001 and 0020).
const INDEX_DEFERRED = `INSERT INTO claim_fts(rowid, exact, speaker, outlet, title)
  SELECT c.id, c.exact, coalesce(c.speaker_name, '') || ' ' || coalesce(c.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '')
  FROM claim c JOIN source s ON s.id = c.source_id
  WHERE c.id > ?`;

/**
 * Until indexDeferredClaims, claims inserted in this transaction are not indexed for search one by one (migration
 * 0020 says why). Call it first thing in a write transaction; the rows of a unit rolled back to its savepoint are
 * simply never indexed. Returns the last claim id indexed the ordinary way.
 */
export async function deferSearchIndex(hot: HotPath): Promise<number> {
  // PostgreSQL's triggers index each claim as it is written (a GIN index has no per-savepoint segments to avoid)
  if (hot.engine === 'postgres') return 0;
  const after = (await hot.get<{ id: number | null }>('SELECT max(id) AS id FROM claim'))?.id ?? 0;
  await hot.run('INSERT INTO claim_fts_deferred (after_id) VALUES (?)', after);
  return after;
}

/** Indexes every claim inserted since deferSearchIndex (as it is now) in one statement, and indexes one by one again. */
export async function indexDeferredClaims(hot: HotPath, after: number): Promise<void> {
  if (hot.engine === 'postgres') return;
  await hot.run(INDEX_DEFERRED, after);
  await hot.run('DELETE FROM claim_fts_deferred');
}
