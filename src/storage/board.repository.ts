import { sql } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import type { DB } from './connect.js';
import type { Database } from './database.js';
import { findEntitiesByAlias } from './entity.repository.js';
import { greatestNonNull } from './sql-dialect.js';

type LinkRelation = Database['claim_link']['relation'];
/** `queue`: open and confirmed (a rejected suggestion leaves the queue); `all`: every status. */
export type BoardStatus = 'queue' | 'suggested' | 'confirmed' | 'rejected' | 'all';

export interface BoardFilter {
  relation?: LinkRelation;
  status: BoardStatus;
  entity?: number;
}

/** The queue's order of relations: what a desk must settle first comes first. */
const RELATION_ORDER: readonly LinkRelation[] = ['contradicts', 'variant_of', 'corroborates'];

export interface BoardLinkRow {
  id: number;
  relation: LinkRelation;
  status: 'suggested' | 'confirmed' | 'rejected';
  score: number;
  reason: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  claim_a: number;
  claim_b: number;
  created_at: string;
}

export interface BoardClaimRow {
  id: number;
  source_id: number;
  kind: string;
  exact: string;
  start: number;
  end: number;
  speaker_name: string | null;
  speaker_entity_id: number | null;
  value: number | null;
  unit: string | null;
  qualifier: string | null;
  withdrawn_at: string | null;
}

export interface BoardSourceRow {
  id: number;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
  text: string;
}

export interface RelationCount {
  relation: LinkRelation;
  open: number;
  total: number;
}

/** A mention this many characters from a claim counts as the claim being "about" that entity for the entity filter. */
const NEAR = 300;

function filtered(db: DB, f: Omit<BoardFilter, 'status'> & { status?: BoardStatus }) {
  let q = db.selectFrom('claim_link').innerJoin('claim as ca', 'ca.id', 'claim_link.claim_a').innerJoin('claim as cb', 'cb.id', 'claim_link.claim_b');
  if (f.relation) q = q.where('claim_link.relation', '=', f.relation);
  if (f.status === 'queue') q = q.where('claim_link.status', '!=', 'rejected');
  else if (f.status && f.status !== 'all') q = q.where('claim_link.status', '=', f.status);
  if (f.entity !== undefined) {
    const e = f.entity;
    q = q.where((eb) =>
      eb.or(
        (['ca', 'cb'] as const).flatMap((c) => [
          eb(`${c}.speaker_entity_id`, '=', e),
          eb.exists(
            eb
              .selectFrom('mention')
              .select('mention.id')
              .where('mention.entity_id', '=', e)
              .whereRef('mention.source_id', '=', `${c}.source_id`)
              .where(sql<boolean>`mention.start < ${sql.ref(`${c}.end`)} + ${NEAR} AND mention."end" > ${sql.ref(`${c}.start`)} - ${NEAR}`),
          ),
        ]),
      ),
    );
  }
  return q;
}

export async function countBoardLinks(db: DB, f: BoardFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Per relation (in queue order), how many suggestions are open and how many there are in all, under the entity filter. */
export async function countBoardRelations(db: DB, f: { entity?: number }): Promise<RelationCount[]> {
  const rows = await filtered(db, { entity: f.entity })
    .select((eb) => [
      'claim_link.relation',
      sql<number>`sum(CASE WHEN claim_link.status = 'suggested' THEN 1 ELSE 0 END)`.as('open'),
      eb.fn.countAll<number>().as('total'),
    ])
    .groupBy('claim_link.relation')
    .execute();
  const by = new Map(rows.map((r) => [r.relation, r]));
  return RELATION_ORDER.map((relation) => ({ relation, open: Number(by.get(relation)?.open ?? 0), total: Number(by.get(relation)?.total ?? 0) }));
}

/**
 * The work queue: contradictions, then quote variants, then corroborations; within each, open before confirmed
 * before rejected, then newest first (the later of the two sources' dates, undated last; then newest suggestion).
 */
export async function listBoardLinks(db: DB, f: BoardFilter & { limit: number; offset: number }): Promise<BoardLinkRow[]> {
  const newest = greatestNonNull(db, sql.ref('sa.published_at'), sql.ref('sb.published_at'));
  return filtered(db, f)
    .innerJoin('source as sa', 'sa.id', 'ca.source_id')
    .innerJoin('source as sb', 'sb.id', 'cb.source_id')
    .select([
      'claim_link.id',
      'claim_link.relation',
      'claim_link.status',
      'claim_link.score',
      'claim_link.reason',
      'claim_link.decided_by',
      'claim_link.decided_at',
      'claim_link.decision_note',
      'claim_link.claim_a',
      'claim_link.claim_b',
      'claim_link.created_at',
    ])
    .orderBy(sql`CASE claim_link.relation WHEN 'contradicts' THEN 0 WHEN 'variant_of' THEN 1 ELSE 2 END`)
    .orderBy(sql`CASE claim_link.status WHEN 'suggested' THEN 0 WHEN 'confirmed' THEN 1 ELSE 2 END`)
    .orderBy(sql`${newest} IS NULL`)
    .orderBy(newest, 'desc')
    .orderBy('claim_link.created_at', 'desc')
    .orderBy('claim_link.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

/** One claim link as the board shows it, or undefined. */
export function findBoardLink(db: DB, id: number): Promise<BoardLinkRow | undefined> {
  return db
    .selectFrom('claim_link')
    .select(['id', 'relation', 'status', 'score', 'reason', 'decided_by', 'decided_at', 'decision_note', 'claim_a', 'claim_b', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The claims of some links and their sources (with text, for the sentence around each claim). */
export async function findBoardSides(db: DB, claimIds: number[]): Promise<{ claims: Map<number, BoardClaimRow>; sources: Map<number, BoardSourceRow> }> {
  const ids = [...new Set(claimIds)];
  if (!ids.length) return { claims: new Map(), sources: new Map() };
  const claims = await db
    .selectFrom('claim')
    .select(['id', 'source_id', 'kind', 'exact', 'start', 'end', 'speaker_name', 'speaker_entity_id', 'value', 'unit', 'qualifier', 'withdrawn_at'])
    .where('id', 'in', ids)
    .execute();
  const sourceIds = [...new Set(claims.map((c) => c.source_id))];
  const sources = sourceIds.length
    ? await db.selectFrom('source').select(['id', 'title', 'outlet', 'published_at', 'url', 'text']).where('id', 'in', sourceIds).execute()
    : [];
  return { claims: new Map(claims.map((c) => [c.id, c])), sources: new Map(sources.map((s) => [s.id, s])) };
}

/** The raw rows the links API answers a decision with. */
export function findClaimLinkRow(db: DB, id: number) {
  return db.selectFrom('claim_link').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findEntityLinkRow(db: DB, id: number) {
  return db.selectFrom('entity_link').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface BoardEntity {
  id: number;
  name: string;
  kind: string;
}

/** An entity by id, followed through merges to the one that now stands for it. */
export async function findBoardEntity(db: DB, id: number): Promise<BoardEntity | undefined> {
  let current = id;
  for (let hops = 0; hops < 20; hops++) {
    const e = await db.selectFrom('entity').select(['id', 'name', 'kind', 'merged_into']).where('id', '=', current).executeTakeFirst();
    if (!e) return undefined;
    if (e.merged_into === null) return { id: e.id, name: e.name, kind: e.kind };
    current = e.merged_into;
  }
  return undefined;
}

/** The live entities a typed name stands for: its exact name or any alias (normalised), merges followed. */
export async function findBoardEntitiesByName(db: DB, name: string): Promise<BoardEntity[]> {
  const byAlias = await findEntitiesByAlias(db, name);
  const live = await Promise.all(byAlias.map((e) => findBoardEntity(db, e.id)));
  const unique = new Map(live.filter((e) => e !== undefined).map((e) => [e.id, e]));
  return [...unique.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export interface EntitySuggestion extends BoardEntity {
  /** claims spoken plus mentions: how present the entity is in the sources */
  weight: number;
}

/**
 * Names for the board's entity box: live entities with a name or alias containing `q` (all when empty), those
 * starting with it first, then the most present.
 */
export async function suggestBoardEntities(db: DB, q: string, limit = 10): Promise<EntitySuggestion[]> {
  const norm = normaliseAlias(q);
  const escaped = norm.replace(/[%_\\]/g, (m) => `\\${m}`);
  let query = db.selectFrom('entity').where('entity.merged_into', 'is', null);
  if (norm) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entity_alias')
          .select('entity_alias.id')
          .whereRef('entity_alias.entity_id', '=', 'entity.id')
          .where(sql<boolean>`entity_alias.alias_norm LIKE ${`%${escaped}%`} ESCAPE '\\'`),
      ),
    );
  }
  const rows = await query
    .select([
      'entity.id',
      'entity.name',
      'entity.kind',
      (eb) =>
        eb
          .selectFrom('entity_alias')
          .select(sql<number>`CASE WHEN count(*) > 0 THEN 1 ELSE 0 END`.as('p'))
          .whereRef('entity_alias.entity_id', '=', 'entity.id')
          .where(sql<boolean>`entity_alias.alias_norm LIKE ${`${escaped}%`} ESCAPE '\\'`)
          .as('prefix'),
      (eb) =>
        sql<number>`(${eb
          .selectFrom('claim')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('claim.speaker_entity_id', '=', 'entity.id')}) + (${eb
          .selectFrom('mention')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('mention.entity_id', '=', 'entity.id')})`.as('weight'),
    ])
    .orderBy('prefix', 'desc')
    .orderBy('weight', 'desc')
    .orderBy('entity.name')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, weight: Number(r.weight) }));
}
