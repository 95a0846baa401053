import { sql } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import { matchesNearly } from '../search/near-match.js';
import type { PersonClaim, SpeakerRow, SpeakerSuggestion } from '../search/search-types.js';
import { findConflicts, findOfficialSummaries } from './claim-flags.repository.js';
import type { DB } from './connect.js';
import { byCodePoint, containsText } from './sql-dialect.js';

export type Speaker = { id: number; name: string };
const MAX_SPEAKER_ENTITIES = 50;

const escapeLike = (s: string) => s.replace(/[%_]/g, '');

/**
 * Entity ids a typed name stands for. Exact alias first, else aliases that contain it as whole words; then
 * whatever those entities are the same as (merged into, merged from, or a not-rejected same_as link such as
 * Kier/Keir). If none of that reaches anyone with claims, aliases within one typo of the typed words count too.
 */
export async function resolveSpeaker(db: DB, name: string): Promise<Speaker[]> {
  const norm = normaliseAlias(name);
  if (!norm) return [];
  let ids = await entitiesByAlias(db, norm);
  if (!ids.length) ids = await entitiesContainingAlias(db, norm);
  let resolved = await followSameAs(db, ids);
  if (!(await anyHasClaims(db, resolved))) {
    const near = await entitiesByNearAlias(db, norm);
    if (near.length) resolved = await followSameAs(db, [...new Set([...resolved, ...near])]);
  }
  if (!resolved.length) return [];
  return db.selectFrom('entity').select(['id', 'name']).where('id', 'in', resolved.slice(0, MAX_SPEAKER_ENTITIES)).orderBy('id').execute();
}

async function entitiesByAlias(db: DB, norm: string): Promise<number[]> {
  const rows = await db.selectFrom('entity_alias').select('entity_id').distinct().where('alias_norm', '=', norm).execute();
  return rows.map((r) => r.entity_id);
}

async function entitiesContainingAlias(db: DB, norm: string): Promise<number[]> {
  const rows = await db
    .selectFrom('entity_alias')
    .select('entity_id')
    .distinct()
    .where((eb) =>
      eb.or([
        eb('alias_norm', 'like', `${escapeLike(norm)} %`),
        eb('alias_norm', 'like', `% ${escapeLike(norm)}`),
        eb('alias_norm', 'like', `% ${escapeLike(norm)} %`),
      ]),
    )
    .limit(MAX_SPEAKER_ENTITIES)
    .execute();
  return rows.map((r) => r.entity_id);
}

/** The closure of `ids` under merges (both ways) and same_as links that nobody rejected. */
async function followSameAs(db: DB, ids: number[]): Promise<number[]> {
  const seen = new Set(ids);
  let frontier = [...seen];
  for (let round = 0; round < 4 && frontier.length && seen.size < MAX_SPEAKER_ENTITIES; round++) {
    const rows = (
      await sql<{ id: number | null }>`
        SELECT merged_into AS id FROM entity WHERE id IN (${sql.join(frontier)}) AND merged_into IS NOT NULL
        UNION SELECT id FROM entity WHERE merged_into IN (${sql.join(frontier)})
        UNION SELECT entity_b FROM entity_link WHERE relation = 'same_as' AND status <> 'rejected' AND entity_a IN (${sql.join(frontier)}) AND entity_b IS NOT NULL
        UNION SELECT entity_a FROM entity_link WHERE relation = 'same_as' AND status <> 'rejected' AND entity_b IN (${sql.join(frontier)})`.execute(db)
    ).rows;
    frontier = rows.map((r) => r.id).filter((id): id is number => id !== null && !seen.has(id));
    for (const id of frontier) seen.add(id);
  }
  return [...seen];
}

async function anyHasClaims(db: DB, ids: number[]): Promise<boolean> {
  if (!ids.length) return false;
  return Boolean(await db.selectFrom('claim').select('id').where('speaker_entity_id', 'in', ids).limit(1).executeTakeFirst());
}

/**
 * Entities with an alias whose words match every typed word, each exactly or (words of four letters or more)
 * within one edit: a substitution, a swap of neighbours, or one letter more or less ("Kier" → "Keir").
 * Only asked when nothing else matched, so reading every alias is acceptable.
 */
async function entitiesByNearAlias(db: DB, norm: string): Promise<number[]> {
  const typed = norm.split(' ').filter(Boolean);
  if (!typed.some((t) => t.length >= 4)) return [];
  // a word one edit away from t (4+ letters) keeps t's first two letters, or its last two, or (a swap in the
  // middle of a four-letter word) its first and last letter: a cheap superset to test properly in JavaScript
  const t = typed.reduce((a, b) => (b.length > a.length ? b : a));
  const [spaceBefore, spaceAfter] = [sql`' ' || alias_norm`, sql`alias_norm || ' '`];
  const rows = await sql<{ entity_id: number; alias_norm: string }>`
    SELECT entity_id, alias_norm FROM entity_alias
    WHERE ${containsText(db, spaceBefore, ` ${t.slice(0, 2)}`)} OR ${containsText(db, spaceAfter, `${t.slice(-2)} `)}
       OR (${containsText(db, spaceBefore, ` ${t[0]}`)} AND ${containsText(db, spaceAfter, `${t[t.length - 1]} `)})`
    .execute(db)
    .then((r) => r.rows);
  const out = new Set<number>();
  for (const r of rows) if (matchesNearly(typed, r.alias_norm.split(' '))) out.add(r.entity_id);
  return [...out].slice(0, MAX_SPEAKER_ENTITIES);
}

/** Speakers (entities with at least one claim) having an alias that starts with what was typed. */
export async function suggestSpeakers(db: DB, typed: string, limit = 10): Promise<SpeakerSuggestion[]> {
  const norm = normaliseAlias(typed);
  if (norm.length < 1) return [];
  // by code point, so the ceiling sorts after every alias starting with norm whatever the database's collation
  const aliasNorm = byCodePoint(db, sql`alias_norm`);
  const rows = await sql<SpeakerSuggestion>`
    SELECT e.id, e.name, e.kind, (SELECT count(*) FROM claim c WHERE c.speaker_entity_id = e.id) AS claims
    FROM entity e
    WHERE e.id IN (SELECT entity_id FROM entity_alias WHERE ${aliasNorm} >= ${norm} AND ${aliasNorm} < ${`${norm}\uffff`}
                   UNION SELECT entity_id FROM entity_alias WHERE alias_norm LIKE ${`% ${escapeLike(norm)}%`} LIMIT 500)
      AND EXISTS (SELECT 1 FROM claim c WHERE c.speaker_entity_id = e.id)
    ORDER BY claims DESC, ${byCodePoint(db, sql`e.name`)} LIMIT ${limit}`.execute(db);
  return rows.rows;
}

/** Speakers with claims, most claims first; `name` keeps those with an alias containing it (case-insensitive). */
export async function listSpeakers(db: DB, paging: { limit: number; offset: number }, name?: string): Promise<{ speakers: SpeakerRow[]; total: number }> {
  const norm = name ? normaliseAlias(name) : '';
  const raw = name?.trim() ?? '';
  // the normalised alias (accents, punctuation folded) or the displayed name, so "o'brien" and "O’Brien" both find
  const filter = raw
    ? sql`AND (e.id IN (SELECT entity_id FROM entity_alias WHERE ${containsText(db, sql`alias_norm`, norm || raw.toLowerCase())}) OR ${containsText(db, sql`lower(e.name)`, raw.toLowerCase())})`
    : sql``;
  const speakers = (
    await sql<SpeakerRow>`
      SELECT e.id, e.name, e.kind, count(*) AS claims, count(DISTINCT c.source_id) AS sources
      FROM claim c JOIN entity e ON e.id = c.speaker_entity_id
      WHERE TRUE ${filter}
      GROUP BY e.id ORDER BY claims DESC, ${byCodePoint(db, sql`e.name`)} LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)
  ).rows;
  const total = raw
    ? (
        await sql<{
          n: number;
        }>`SELECT count(DISTINCT c.speaker_entity_id) AS n FROM claim c JOIN entity e ON e.id = c.speaker_entity_id WHERE TRUE ${filter}`.execute(db)
      ).rows[0].n
    : (await sql<{ n: number }>`SELECT count(DISTINCT speaker_entity_id) AS n FROM claim WHERE speaker_entity_id IS NOT NULL`.execute(db)).rows[0].n;
  return { speakers, total };
}

/** A person (any entity) with every claim attributed to them, newest source first. */
export async function getPerson(db: DB, entityId: number) {
  const entity = await db.selectFrom('entity').selectAll().where('id', '=', entityId).executeTakeFirst();
  if (!entity) return undefined;
  const aliases = await db.selectFrom('entity_alias').select('alias').where('entity_id', '=', entityId).orderBy('alias').execute();
  const rows = (
    await sql<Omit<PersonClaim, 'conflicts' | 'official'>>`
      SELECT c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, c.speaker_entity_id, c.confidence, c.verdict, c.source_id,
             s.outlet, s.title, s.published_at, s.url
      FROM claim c JOIN source s ON s.id = c.source_id
      WHERE c.speaker_entity_id = ${entityId}
      ORDER BY s.published_at IS NULL, ${byCodePoint(db, sql`s.published_at`)} DESC, s.id DESC, c.start`.execute(db)
  ).rows;
  const ids = rows.map((r) => r.id);
  const [conflicts, official] = await Promise.all([findConflicts(db, ids), findOfficialSummaries(db, ids)]);
  const claims: PersonClaim[] = rows.map((r) => ({ ...r, conflicts: conflicts.get(r.id) ?? [], official: official.get(r.id) ?? null }));
  return { entity, aliases: aliases.map((a) => a.alias).filter((a) => a !== entity.name), claims };
}
