import { sql, type RawBuilder } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import { withinOneEdit } from '../core/edit-distance.js';
import type { DB } from '../storage/connect.js';
import { findOfficialMarks, type OfficialMark } from '../storage/reference.repository.js';
import { MARK_CLOSE, MARK_OPEN, parseSearchQuery, splitHighlighted, type MarkedSegment } from './fts-query.js';
import type { ClaimListing } from '../core/views.js';

export interface SearchFilters {
  q?: string;
  speaker?: string;
  outlet?: string;
  kind?: string;
  verdict?: string;
  /** newest (default: by publication date, undated last; see newestFirst) or relevance (bm25; slower for very common words) */
  sort?: 'newest' | 'relevance';
  /** YYYY, YYYY-MM or YYYY-MM-DD, compared with the source's published_at */
  from?: string;
  to?: string;
  /** leave out claims whose attribution is less certain than this (0–1; 0.8 keeps name-and-cue attributions) */
  min_confidence?: number;
  /** also claims an editor withdrew (left out by default) */
  include_withdrawn?: boolean | 1;
  /** only figures set beside an official one: that it matches, that it differs, or either */
  official?: OfficialFilter;
}

export type OfficialFilter = 'matches' | 'differs' | 'any';

/** An official mark as listings and the API show it. */
export interface OfficialSummary {
  status: 'matches' | 'differs';
  official: number;
  reported: number;
  source: string;
  /** "matches official: 528 (House of Commons Library)" / "differs from official: reported 538, official 528" */
  label: string;
}

export const summariseMark = (m: OfficialMark): OfficialSummary => ({ status: m.status, official: m.official, reported: m.reported, source: m.source, label: m.label });

/** The official marks of these claims as shown in listings: claim id → summary (unmarked claims absent). */
export async function findOfficialSummaries(db: DB, ids: number[]): Promise<Map<number, OfficialSummary>> {
  const marks = ids.length ? await findOfficialMarks(db, ids) : new Map<number, OfficialMark>();
  return new Map([...marks].map(([id, m]) => [id, summariseMark(m)]));
}

export interface SearchHit extends ClaimListing {
  id: number;
  /** how certain the extractor was of the claim and its speaker (0–1; editors' claims 1) */
  confidence: number;
  start: number;
  end: number;
  url: string | null;
  /** the quoted words cut into plain and matched parts (escape each when rendering) */
  segments: MarkedSegment[];
  /** ids of claims linked to this one as contradicting it (suggested or confirmed) */
  conflicts: number[];
  /** the official figure this one was set beside, or null */
  official: OfficialSummary | null;
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

type Speaker = { id: number; name: string };
const MAX_SPEAKER_ENTITIES = 50;

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
    .where((eb) => eb.or([eb('alias_norm', 'like', `${escapeLike(norm)} %`), eb('alias_norm', 'like', `% ${escapeLike(norm)}`), eb('alias_norm', 'like', `% ${escapeLike(norm)} %`)]))
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
  const rows = await sql<{ entity_id: number; alias_norm: string }>`
    SELECT entity_id, alias_norm FROM entity_alias
    WHERE instr(' ' || alias_norm, ${` ${t.slice(0, 2)}`}) OR instr(alias_norm || ' ', ${`${t.slice(-2)} `})
       OR (instr(' ' || alias_norm, ${` ${t[0]}`}) AND instr(alias_norm || ' ', ${`${t[t.length - 1]} `}))`.execute(db).then((r) => r.rows);
  const out = new Set<number>();
  for (const r of rows) if (matchesNearly(typed, r.alias_norm.split(' '))) out.add(r.entity_id);
  return [...out].slice(0, MAX_SPEAKER_ENTITIES);
}

/** Every typed word pairs with a different alias word, exactly or within one edit for words of ≥ 4 letters. */
export function matchesNearly(typed: string[], aliasWords: string[]): boolean {
  const used = new Set<number>();
  for (const t of typed) {
    let i = aliasWords.findIndex((w, k) => !used.has(k) && w === t);
    if (i < 0 && t.length >= 4) i = aliasWords.findIndex((w, k) => !used.has(k) && withinOneEdit(t, w));
    if (i < 0) return false;
    used.add(i);
  }
  return true;
}

const escapeLike = (s: string) => s.replace(/[%_]/g, '');

interface Plan {
  /** FROM (claim c, source s, and claim_fts when searching words) and WHERE, for the export */
  from: RawBuilder<unknown>;
  where: RawBuilder<unknown>[];
  fts: string | null;
  terms: string[];
  speakerEntities: Speaker[];
  /** conditions on claim c alone (kind, verdict, the speaker) */
  claimWhere: RawBuilder<unknown>[];
  /** conditions on source s alone (outlet, dates) */
  sourceWhere: RawBuilder<unknown>[];
  /** the speaker condition is on an indexed entity id (not the typed-name fallback) */
  bySpeakerEntity: boolean;
}

// A partial date compared as a prefix of published_at, written as a range so an index can serve it:
// substr(p, 1, len(from)) >= from  ⇔  p >= from;  substr(p, 1, len(to)) <= to  ⇔  p < to || U+FFFF.
const DATE_CEILING = '\uffff';

/** What to filter on for a search, shared by the page query, the count and the export. */
export async function planSearch(db: DB, f: SearchFilters): Promise<Plan> {
  const { fts, terms } = parseSearchQuery(f.q);
  const claimWhere: RawBuilder<unknown>[] = [];
  const sourceWhere: RawBuilder<unknown>[] = [];
  let speakerEntities: Speaker[] = [];
  let bySpeakerEntity = false;
  if (f.speaker?.trim()) {
    speakerEntities = await resolveSpeaker(db, f.speaker);
    bySpeakerEntity = speakerEntities.length > 0;
    if (speakerEntities.length === 1) claimWhere.push(sql`c.speaker_entity_id = ${speakerEntities[0].id}`);
    else if (speakerEntities.length) claimWhere.push(sql`c.speaker_entity_id IN (${sql.join(speakerEntities.map((e) => e.id))})`);
    else claimWhere.push(sql`c.speaker_name = ${f.speaker.trim()} COLLATE NOCASE`);
  }
  if (!f.include_withdrawn) claimWhere.push(sql`c.withdrawn_at IS NULL`);
  if (f.kind) claimWhere.push(sql`c.kind = ${f.kind}`);
  if (f.verdict) claimWhere.push(sql`c.verdict = ${f.verdict}`);
  if (f.min_confidence !== undefined && f.min_confidence > 0) claimWhere.push(sql`c.confidence >= ${f.min_confidence}`);
  if (f.official === 'any') claimWhere.push(sql`c.id IN (SELECT claim_id FROM claim_reference)`);
  else if (f.official) claimWhere.push(sql`c.id IN (SELECT claim_id FROM claim_reference WHERE status = ${f.official})`);
  if (f.outlet?.trim()) sourceWhere.push(sql`s.outlet = ${f.outlet.trim()} COLLATE NOCASE`);
  if (f.from) sourceWhere.push(sql`s.published_at >= ${f.from}`);
  if (f.to) sourceWhere.push(sql`s.published_at < ${f.to + DATE_CEILING}`);
  const from = fts
    ? sql`claim_fts JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id`
    : sql`claim c JOIN source s ON s.id = c.source_id`;
  const where = [...(fts ? [sql`claim_fts MATCH ${fts}`] : []), ...claimWhere, ...sourceWhere];
  return { from, where, fts, terms, speakerEntities, claimWhere, sourceWhere, bySpeakerEntity };
}

export const whereSql = (where: RawBuilder<unknown>[]) => (where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``);

/**
 * The query that picks matching claim ids in page order, chosen so SQLite walks an index in that order and
 * stops after a page (or after COUNT_CAP + 1 for the count) instead of gathering and sorting every match:
 * - words, newest first: the FTS index backwards; a speaker instead drives from their claims (few) and checks
 *   each against the set of word matches, since a speaker's share of a common word's matches may be tiny;
 * - no words: a speaker's claims by claim_speaker_order_idx; else an outlet's sources newest first and their
 *   claims; else the claims of the sources that pass the date (and outlet) filters, picked by source index, in
 *   source order; else all claims by claim_source_idx.
 * Source filters become `source_id IN (matching sources)`, so no query joins source for every candidate.
 */
function keyQuery(plan: Plan, f: SearchFilters): { select: RawBuilder<unknown>; order: RawBuilder<unknown> } {
  const sources = plan.sourceWhere.length ? sql`(SELECT s.id FROM source s ${whereSql(plan.sourceWhere)})` : null;
  // unary + makes a condition a check on each row rather than a way in
  const sourceCheck = sources ? [sql`+c.source_id IN ${sources}`] : [];
  if (plan.fts && (f.sort === 'relevance' || !plan.bySpeakerEntity)) {
    const conds = [sql`claim_fts MATCH ${plan.fts}`, ...plan.claimWhere, ...sourceCheck];
    const join = conds.length > 1 ? sql`JOIN claim c ON c.id = claim_fts.rowid` : sql``;
    return {
      select: sql`SELECT claim_fts.rowid AS id FROM claim_fts ${join} ${whereSql(conds)}`,
      order: f.sort === 'relevance' ? sql`ORDER BY claim_fts.rank, claim_fts.rowid DESC` : sql`ORDER BY claim_fts.rowid DESC`,
    };
  }
  if (plan.fts) {
    const conds = [...plan.claimWhere, sql`+c.id IN (SELECT rowid FROM claim_fts WHERE claim_fts MATCH ${plan.fts})`, ...sourceCheck];
    return { select: sql`SELECT c.id FROM claim c INDEXED BY claim_speaker_idx ${whereSql(conds)}`, order: sql`ORDER BY c.id DESC` };
  }
  if (sources && !plan.bySpeakerEntity && !f.from && !f.to) {
    // outlet only: walk that outlet's sources newest first (source_outlet_idx ends in the rowid) and their claims
    const conds = [...plan.sourceWhere, ...plan.claimWhere];
    return { select: sql`SELECT c.id FROM source s CROSS JOIN claim c ON c.source_id = s.id ${whereSql(conds)}`, order: sql`ORDER BY s.id DESC, c.start DESC` };
  }
  const conds = plan.bySpeakerEntity || !sources ? [...plan.claimWhere, ...sourceCheck] : [sql`c.source_id IN ${sources}`, ...plan.claimWhere];
  return { select: sql`SELECT c.id FROM claim c ${whereSql(conds)}`, order: sql`ORDER BY c.source_id DESC, c.start DESC` };
}

export async function searchClaims(db: DB, f: SearchFilters, paging: { limit: number; offset: number }): Promise<SearchResult> {
  const plan = await planSearch(db, f);
  const key = keyQuery(plan, f);
  let ids: number[];
  let counted: number;
  if (paging.offset + paging.limit <= COUNT_CAP + 1) {
    // one ordered walk serves both the count and the page: the first COUNT_CAP + 1 ids, in page order
    let first = (await sql<{ id: number }>`${key.select} ${key.order} LIMIT ${COUNT_CAP + 1}`.execute(db)).rows.map((r) => r.id);
    if (f.sort !== 'relevance') first = await newestFirst(db, first);
    counted = first.length;
    ids = first.slice(paging.offset, paging.offset + paging.limit);
  } else {
    ids = (await sql<{ id: number }>`${key.select} ${key.order} LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)).rows.map((r) => r.id);
    counted = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM (${key.select} LIMIT ${COUNT_CAP + 1})`.execute(db)).rows[0].n);
  }
  const rows = ids.length ? await fetchHits(db, ids, plan.fts) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const [conflicts, official] = await Promise.all([findConflicts(db, ids), findOfficialSummaries(db, ids)]);
  const hits = ids
    .map((id) => byId.get(id))
    .filter((r) => r !== undefined)
    .map(({ hl, ...r }) => ({ ...r, segments: splitHighlighted(hl), conflicts: conflicts.get(r.id) ?? [], official: official.get(r.id) ?? null }));
  return { hits, total: Math.min(counted, COUNT_CAP), totalCapped: counted > COUNT_CAP, terms: plan.terms, speakerEntities: plan.speakerEntities };
}

/**
 * Newest first: by the source's publication date, undated sources last, and most recently stored first within
 * a date. The ordered walk gathers the first COUNT_CAP + 1 matches (most recently stored), so with more
 * matches than that, only those are put in date order.
 */
async function newestFirst(db: DB, ids: number[]): Promise<number[]> {
  if (ids.length < 2) return ids;
  const dates = new Map(
    (await sql<{ id: number; published_at: string | null }>`SELECT c.id, s.published_at FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id IN (${sql.join(ids)})`.execute(db)).rows.map((r) => [r.id, r.published_at]),
  );
  const rank = new Map(ids.map((id, i) => [id, i]));
  return [...ids].sort((a, b) => {
    const [da, db_] = [dates.get(a) ?? null, dates.get(b) ?? null];
    if (da !== db_) {
      if (da === null) return 1;
      if (db_ === null) return -1;
      return da < db_ ? 1 : -1;
    }
    return rank.get(a)! - rank.get(b)!;
  });
}

/**
 * The page's rows with their source; with words, highlighted by FTS5. The MATCH is bounded by the page's rowid
 * range (FTS5 seeks to it) and the ids are then picked with a plain check: asking FTS5 for each rowid in turn
 * would expand a prefix query like econom* once per claim.
 */
async function fetchHits(db: DB, ids: number[], fts: string | null) {
  const cols = sql`c.id, c.kind, c.exact, c.start, c."end", c.speaker_name, c.speaker_entity_id, c.confidence, c.verdict, c.source_id, s.outlet, s.title, s.published_at, s.url`;
  type Row = Omit<SearchHit, 'segments' | 'conflicts' | 'official'> & { hl: string };
  if (!fts) return (await sql<Row>`SELECT ${cols}, c.exact AS hl FROM claim c JOIN source s ON s.id = c.source_id WHERE c.id IN (${sql.join(ids)})`.execute(db)).rows;
  return (
    await sql<Row>`
      SELECT ${cols}, highlight(claim_fts, 0, ${MARK_OPEN}, ${MARK_CLOSE}) AS hl
      FROM claim_fts CROSS JOIN claim c ON c.id = claim_fts.rowid JOIN source s ON s.id = c.source_id
      WHERE claim_fts MATCH ${fts} AND claim_fts.rowid BETWEEN ${Math.min(...ids)} AND ${Math.max(...ids)} AND +claim_fts.rowid IN (${sql.join(ids)})`.execute(db)
  ).rows;
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

/** Speakers with claims, most claims first; `name` keeps those with an alias containing it (case-insensitive). */
export async function listSpeakers(db: DB, paging: { limit: number; offset: number }, name?: string): Promise<{ speakers: SpeakerRow[]; total: number }> {
  const norm = name ? normaliseAlias(name) : '';
  const raw = name?.trim() ?? '';
  // the normalised alias (accents, punctuation folded) or the displayed name, so "o'brien" and "O’Brien" both find
  const filter = raw
    ? sql`AND (e.id IN (SELECT entity_id FROM entity_alias WHERE instr(alias_norm, ${norm || raw.toLowerCase()}) > 0) OR instr(lower(e.name), ${raw.toLowerCase()}) > 0)`
    : sql``;
  const speakers = (
    await sql<SpeakerRow>`
      SELECT e.id, e.name, e.kind, count(*) AS claims, count(DISTINCT c.source_id) AS sources
      FROM claim c JOIN entity e ON e.id = c.speaker_entity_id
      WHERE 1 ${filter}
      GROUP BY e.id ORDER BY claims DESC, e.name LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db)
  ).rows;
  const total = raw
    ? (await sql<{ n: number }>`SELECT count(DISTINCT c.speaker_entity_id) AS n FROM claim c JOIN entity e ON e.id = c.speaker_entity_id WHERE 1 ${filter}`.execute(db)).rows[0].n
    : (await sql<{ n: number }>`SELECT count(DISTINCT speaker_entity_id) AS n FROM claim WHERE speaker_entity_id IS NOT NULL`.execute(db)).rows[0].n;
  return { speakers, total };
}

export interface PersonClaim extends Omit<SearchHit, 'segments'> {}

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
      ORDER BY s.published_at IS NULL, s.published_at DESC, s.id DESC, c.start`.execute(db)
  ).rows;
  const ids = rows.map((r) => r.id);
  const [conflicts, official] = await Promise.all([findConflicts(db, ids), findOfficialSummaries(db, ids)]);
  const claims: PersonClaim[] = rows.map((r) => ({ ...r, conflicts: conflicts.get(r.id) ?? [], official: official.get(r.id) ?? null }));
  return { entity, aliases: aliases.map((a) => a.alias).filter((a) => a !== entity.name), claims };
}
