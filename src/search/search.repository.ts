import { sql, type RawBuilder } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import type { DB } from '../storage/connect.js';
import { MARK_CLOSE, MARK_OPEN, parseSearchQuery, splitHighlighted, type MarkedSegment } from './fts-query.js';

export interface SearchFilters {
  q?: string;
  speaker?: string;
  outlet?: string;
  kind?: string;
  verdict?: string;
  /** newest (default: the most recently stored claims first) or relevance (bm25; slower for very common words) */
  sort?: 'newest' | 'relevance';
  /** YYYY, YYYY-MM or YYYY-MM-DD, compared with the source's published_at */
  from?: string;
  to?: string;
}

export interface SearchHit {
  id: number;
  kind: string;
  exact: string;
  start: number;
  end: number;
  speaker_name: string | null;
  speaker_entity_id: number | null;
  verdict: string;
  source_id: number;
  outlet: string | null;
  title: string | null;
  published_at: string | null;
  url: string | null;
  /** the quoted words cut into plain and matched parts (escape each when rendering) */
  segments: MarkedSegment[];
  /** ids of claims linked to this one as contradicting it (suggested or confirmed) */
  conflicts: number[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** number of matching claims, counted up to COUNT_CAP */
  total: number;
  /** true when there are more than COUNT_CAP matches (total is then a lower bound) */
  totalCapped: boolean;
  terms: string[];
  /** entities the speaker filter resolved to (by any alias) */
  speakerEntities: { id: number; name: string }[];
}

/** Counting every match of a very common word costs more than it tells; beyond this, say "more than". */
export const COUNT_CAP = 1000;

/** Entity ids a typed name stands for: exact alias first, else aliases that contain it as whole words. */
export async function resolveSpeaker(db: DB, name: string): Promise<{ id: number; name: string }[]> {
  const norm = normaliseAlias(name);
  if (!norm) return [];
  const exact = await db
    .selectFrom('entity_alias')
    .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
    .select(['entity.id', 'entity.name'])
    .where('entity_alias.alias_norm', '=', norm)
    .distinct()
    .execute();
  if (exact.length) return exact;
  return db
    .selectFrom('entity_alias')
    .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
    .select(['entity.id', 'entity.name'])
    .where((eb) => eb.or([eb('entity_alias.alias_norm', 'like', `${escapeLike(norm)} %`), eb('entity_alias.alias_norm', 'like', `% ${escapeLike(norm)}`)]))
    .distinct()
    .limit(50)
    .execute();
}

const escapeLike = (s: string) => s.replace(/[%_]/g, '');

interface Plan {
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  fts: string | null;
  terms: string[];
  speakerEntities: { id: number; name: string }[];
}

/** FROM and WHERE for a search, shared by the page query, the count and the export. */
export async function planSearch(db: DB, f: SearchFilters): Promise<Plan> {
  const { fts, terms } = parseSearchQuery(f.q);
  const where: RawBuilder<unknown>[] = [];
  let speakerEntities: { id: number; name: string }[] = [];
  const from = fts
    ? sql`claim_fts JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id`
    : sql`claim c JOIN source s ON s.id = c.source_id`;
  if (fts) where.push(sql`claim_fts MATCH ${fts}`);
  if (f.speaker?.trim()) {
    speakerEntities = await resolveSpeaker(db, f.speaker);
    if (speakerEntities.length === 1) where.push(sql`c.speaker_entity_id = ${speakerEntities[0].id}`);
    else if (speakerEntities.length) where.push(sql`c.speaker_entity_id IN (${sql.join(speakerEntities.map((e) => e.id))})`);
    else where.push(sql`c.speaker_name = ${f.speaker.trim()} COLLATE NOCASE`);
  }
  // unary + keeps SQLite off the outlet index when there are no words: walking claims in page order and
  // checking each one's outlet stops after a page, where the index would gather and sort a whole outlet
  if (f.outlet?.trim()) where.push(fts || f.speaker?.trim() ? sql`s.outlet = ${f.outlet.trim()} COLLATE NOCASE` : sql`+s.outlet = ${f.outlet.trim()} COLLATE NOCASE`);
  if (f.kind) where.push(sql`c.kind = ${f.kind}`);
  if (f.verdict) where.push(sql`c.verdict = ${f.verdict}`);
  if (f.from) where.push(sql`substr(s.published_at, 1, ${f.from.length}) >= ${f.from}`);
  if (f.to) where.push(sql`substr(s.published_at, 1, ${f.to.length}) <= ${f.to}`);
  return { from, where, fts, terms, speakerEntities };
}

export const whereSql = (where: RawBuilder<unknown>[]) => (where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``);

export async function searchClaims(db: DB, f: SearchFilters, paging: { limit: number; offset: number }): Promise<SearchResult> {
  const plan = await planSearch(db, f);
  const w = whereSql(plan.where);
  // Newest first walks the FTS index (or the claim table) backwards and stops after one page; ranking by bm25
  // has to score every match first, which is slow for a word in a quarter of a million claims.
  const order = plan.fts ? (f.sort === 'relevance' ? sql`ORDER BY claim_fts.rank, claim_fts.rowid DESC` : sql`ORDER BY claim_fts.rowid DESC`) : sql`ORDER BY c.source_id DESC, c.start DESC`; // walks claim_source_idx backwards: no sort, stops after a page
  const hl = plan.fts ? sql`highlight(claim_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE})` : sql`c.exact`;
  const rows = (
    await sql<Omit<SearchHit, 'segments' | 'conflicts'> & { hl: string }>`
      SELECT c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, c.speaker_entity_id, c.verdict, c.source_id,
             s.outlet, s.title, s.published_at, s.url, ${hl} AS hl
      FROM ${plan.from} ${w} ${order} LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)
  ).rows;
  const counted = (await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${plan.from} ${w} LIMIT ${COUNT_CAP + 1})`.execute(db)).rows[0].n;
  const conflicts = await findConflicts(db, rows.map((r) => r.id));
  const hits = rows.map(({ hl, ...r }) => ({ ...r, segments: splitHighlighted(hl), conflicts: conflicts.get(r.id) ?? [] }));
  return { hits, total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, terms: plan.terms, speakerEntities: plan.speakerEntities };
}

/** Contradiction links (not rejected) touching any of these claims: claim id → the other claims' ids. */
export async function findConflicts(db: DB, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('claim_link')
    .select(['claim_a', 'claim_b'])
    .where('relation', '=', 'contradicts')
    .where('status', '!=', 'rejected')
    .where((eb) => eb.or([eb('claim_a', 'in', ids), eb('claim_b', 'in', ids)]))
    .execute();
  const wanted = new Set(ids);
  const add = (k: number, v: number) => out.set(k, [...(out.get(k) ?? []), v]);
  for (const r of rows) {
    if (wanted.has(r.claim_a)) add(r.claim_a, r.claim_b);
    if (wanted.has(r.claim_b)) add(r.claim_b, r.claim_a);
  }
  return out;
}

export interface HitGroup {
  key: string;
  label: string;
  href: string | null;
  hits: SearchHit[];
}

/** Groups one page of hits by speaker or by source, keeping the order in which groups first appear. */
export function groupHits(hits: SearchHit[], by: 'speaker' | 'source'): HitGroup[] {
  const groups = new Map<string, HitGroup>();
  for (const h of hits) {
    const key = by === 'speaker' ? (h.speaker_entity_id ? `e${h.speaker_entity_id}` : `n${h.speaker_name ?? ''}`) : `s${h.source_id}`;
    let g = groups.get(key);
    if (!g) {
      g =
        by === 'speaker'
          ? { key, label: h.speaker_name ?? 'Unattributed', href: h.speaker_entity_id ? `/people/${h.speaker_entity_id}` : null, hits: [] }
          : { key, label: `${h.title ?? `Source ${h.source_id}`}${h.outlet ? ` — ${h.outlet}` : ''}`, href: `/sources/${h.source_id}`, hits: [] };
      groups.set(key, g);
    }
    g.hits.push(h);
  }
  return [...groups.values()];
}

export interface SpeakerSuggestion {
  id: number;
  name: string;
  kind: string;
  claims: number;
}

/** Speakers (entities with at least one claim) having an alias that starts with what was typed. */
export async function suggestSpeakers(db: DB, typed: string, limit = 10): Promise<SpeakerSuggestion[]> {
  const norm = normaliseAlias(typed);
  if (norm.length < 1) return [];
  const rows = await sql<SpeakerSuggestion>`
    SELECT e.id, e.name, e.kind, (SELECT count(*) FROM claim c WHERE c.speaker_entity_id = e.id) AS claims
    FROM entity e
    WHERE e.id IN (SELECT entity_id FROM entity_alias WHERE alias_norm >= ${norm} AND alias_norm < ${`${norm}\uffff`}
                   UNION SELECT entity_id FROM entity_alias WHERE alias_norm LIKE ${`% ${escapeLike(norm)}%`} LIMIT 500)
      AND EXISTS (SELECT 1 FROM claim c WHERE c.speaker_entity_id = e.id)
    ORDER BY claims DESC, e.name LIMIT ${limit}`.execute(db);
  return rows.rows;
}

export interface SpeakerRow {
  id: number;
  name: string;
  kind: string;
  claims: number;
  sources: number;
}

export async function listSpeakers(db: DB, paging: { limit: number; offset: number }): Promise<{ speakers: SpeakerRow[]; total: number }> {
  const speakers = (
    await sql<SpeakerRow>`
      SELECT e.id, e.name, e.kind, count(*) AS claims, count(DISTINCT c.source_id) AS sources
      FROM claim c JOIN entity e ON e.id = c.speaker_entity_id
      GROUP BY e.id ORDER BY claims DESC, e.name LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)
  ).rows;
  const total = (await sql<{ n: number }>`SELECT count(DISTINCT speaker_entity_id) AS n FROM claim WHERE speaker_entity_id IS NOT NULL`.execute(db)).rows[0].n;
  return { speakers, total };
}

export interface PersonClaim extends Omit<SearchHit, 'segments'> {}

/** A person (any entity) with every claim attributed to them, newest source first. */
export async function getPerson(db: DB, entityId: number) {
  const entity = await db.selectFrom('entity').selectAll().where('id', '=', entityId).executeTakeFirst();
  if (!entity) return undefined;
  const aliases = await db.selectFrom('entity_alias').select('alias').where('entity_id', '=', entityId).orderBy('alias').execute();
  const rows = (
    await sql<Omit<PersonClaim, 'conflicts'>>`
      SELECT c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, c.speaker_entity_id, c.verdict, c.source_id,
             s.outlet, s.title, s.published_at, s.url
      FROM claim c JOIN source s ON s.id = c.source_id
      WHERE c.speaker_entity_id = ${entityId}
      ORDER BY s.published_at IS NULL, s.published_at DESC, s.id DESC, c.start`.execute(db)
  ).rows;
  const conflicts = await findConflicts(db, rows.map((r) => r.id));
  const claims: PersonClaim[] = rows.map((r) => ({ ...r, conflicts: conflicts.get(r.id) ?? [] }));
  return { entity, aliases: aliases.map((a) => a.alias).filter((a) => a !== entity.name), claims };
}
