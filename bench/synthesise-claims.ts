// A knowledge base of a million claims for the search benches: the BBC set's sources and claims copied as distinct
// sources (content hash suffixed; outlet and month varied so filters mean something) until there are at least
// `target` claims. The same rows on SQLite and PostgreSQL; each engine loads them its fastest way (server-side
// INSERT … SELECT; on PostgreSQL with the search triggers off and the search index built once at the end).
import { sql } from 'kysely';
import type { DB } from '../src/storage/connect.js';
import { engineOf } from '../src/storage/engine.js';

export const OUTLETS = ['BBC News', 'The Guardian', 'The Times', 'Reuters', 'Sky News'];

const SOURCE_COPY_COLUMNS = sql`url, outlet, title, author, published_at, language, retrieved_at, file, format, raw_sha256, content_sha256, text, paragraphs_json, removed_json, previous_version_id, created_at`;
const CLAIM_COPY_COLUMNS = sql`source_id, kind, exact, start, "end", prefix, suffix, speaker_entity_id, speaker_text, speaker_name, cue, partial, value, unit, qualifier, subject, group_id, extractor, confidence, created_by, anchor_status, verdict, version, created_at, updated_at`;

export const countClaims = async (db: DB) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM claim`.execute(db)).rows[0].n);
const maxId = async (db: DB, table: 'source' | 'claim') =>
  Number((await sql<{ n: number }>`SELECT max(id) AS n FROM ${sql.table(table)}`.execute(db)).rows[0].n);

/** `n` as two digits ('07'). */
function twoDigits(db: DB, n: ReturnType<typeof sql>): ReturnType<typeof sql> {
  return engineOf(db) === 'postgres' ? sql`lpad((${n})::text, 2, '0')` : sql`printf('%02d', ${n})`;
}

export interface SynthesisFigures {
  'base claims': number;
  claims: number;
  'copy s': string;
  'index s': string;
}

/** Copies the sources and claims already in `db` (the BBC set, ingested) until it holds at least `target` claims. */
export async function synthesiseClaims(db: DB, target: number): Promise<SynthesisFigures> {
  const base = await countClaims(db);
  if (!base) throw new Error('the extractor produced no claims from the BBC set: nothing to benchmark');
  const maxSource = await maxId(db, 'source');
  const maxClaim = await maxId(db, 'claim');
  const pg = engineOf(db) === 'postgres';
  await sql`UPDATE source SET outlet = 'BBC News', published_at = '2005-' || ${twoDigits(db, sql`1 + id % 12`)} WHERE outlet IS NULL`.execute(db);

  let t = performance.now();
  let searchIndex: string | null = null;
  if (pg) {
    // one set-based build of the search index at the end instead of a trigger call and a GIN update per row
    searchIndex =
      (await sql<{ def: string }>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'claim_fts_document_idx'`.execute(db)).rows[0]?.def ?? null;
    await sql`ALTER TABLE claim DISABLE TRIGGER claim_fts_insert`.execute(db);
    await sql`DROP INDEX IF EXISTS claim_fts_document_idx`.execute(db);
  }
  const copies = Math.ceil(target / base) - 1;
  // ids given explicitly (copy k of row id is id + k * max): PostgreSQL's identity leaves gaps, so "the next ids" would not line up
  for (let k = 1; k <= copies; k++) {
    await db.transaction().execute(async (trx) => {
      const sourceOffset = k * maxSource;
      await sql`INSERT INTO source (id, ${SOURCE_COPY_COLUMNS})
        SELECT id + ${sourceOffset}, url, ${OUTLETS[k % OUTLETS.length]}, title, author,
               ${`${2005 + (k % 20)}-`} || ${twoDigits(db, sql`1 + (id + ${k}) % 12`)}, language, retrieved_at, file, format, raw_sha256,
               content_sha256 || '-copy' || ${String(k)}, text, paragraphs_json, removed_json, NULL, created_at
        FROM source WHERE id <= ${maxSource}`.execute(trx);
      await sql`INSERT INTO claim (id, ${CLAIM_COPY_COLUMNS})
        SELECT id + ${k * maxClaim}, source_id + ${sourceOffset}, kind, exact, start, "end", prefix, suffix, speaker_entity_id, speaker_text, speaker_name, cue, partial, value, unit, qualifier, subject, NULL, extractor, confidence, created_by, anchor_status, verdict, version, created_at, updated_at
        FROM claim WHERE id <= ${maxClaim}`.execute(trx);
    });
  }
  const copySeconds = (performance.now() - t) / 1000;

  t = performance.now();
  if (pg) {
    await sql`ALTER TABLE claim ENABLE TRIGGER claim_fts_insert`.execute(db);
    await sql`INSERT INTO claim_fts (claim_id, document)
      SELECT c.id, claim_fts_document(c.exact, c.speaker_name, c.speaker_text, s.outlet, s.title)
      FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id > ${maxClaim}`.execute(db);
    const definition = searchIndex;
    if (definition)
      await db.transaction().execute(async (trx) => {
        await sql`SET LOCAL maintenance_work_mem = '256MB'`.execute(trx);
        await sql.raw(definition).execute(trx);
      });
    for (const table of ['source', 'claim'] as const)
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(db);
    // fresh statistics for the planner, and a visibility map so index-only scans need not visit the table
    await sql`VACUUM ANALYZE`.execute(db);
  } else {
    await sql`PRAGMA optimize`.execute(db);
    await sql`INSERT INTO claim_fts(claim_fts) VALUES ('optimize')`.execute(db);
  }
  const indexSeconds = (performance.now() - t) / 1000;
  return { 'base claims': base, claims: await countClaims(db), 'copy s': copySeconds.toFixed(1), 'index s': indexSeconds.toFixed(1) };
}
