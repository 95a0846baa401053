import { sql } from 'kysely';
import type { DB } from '../storage/connect.js';
import { sentenceAround } from './text-context.js';
import { diffWords, type DiffPart } from './word-diff.js';
import type { LinkDecision } from '../core/views.js';

export interface LinkFilter {
  relation?: 'corroborates' | 'contradicts' | 'variant_of';
  status?: 'suggested' | 'confirmed' | 'rejected';
  entity?: number;
  limit: number;
  offset: number;
}

export interface LinkSide {
  claim: { id: number; kind: string; exact: string; start: number; end: number; speaker_name: string | null; speaker_entity_id: number | null; value: number | null; unit: string | null; qualifier: string | null };
  source: { id: number; title: string | null; outlet: string | null; published_at: string | null; url: string | null };
  /** the sentence around the claim, cut in three so a view can highlight the claim */
  sentence: { before: string; claim: string; after: string };
}

export interface LinkView extends LinkDecision {
  a: LinkSide;
  b: LinkSide;
  diff: DiffPart[] | null;
}

/** Words of a mention this far from a claim count as "about" that entity for the board's filter. */
const NEAR = 300;

function filtered(db: DB, f: Omit<LinkFilter, 'limit' | 'offset'>) {
  let q = db.selectFrom('claim_link').innerJoin('claim as ca', 'ca.id', 'claim_link.claim_a').innerJoin('claim as cb', 'cb.id', 'claim_link.claim_b');
  if (f.relation) q = q.where('claim_link.relation', '=', f.relation);
  if (f.status) q = q.where('claim_link.status', '=', f.status);
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

export async function countLinks(db: DB, f: Omit<LinkFilter, 'limit' | 'offset'>): Promise<number> {
  const r = await filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Links with both claims, their sources and the sentence around each claim (newest suggestions, best score first). */
export async function listLinks(db: DB, f: LinkFilter): Promise<LinkView[]> {
  const rows = await filtered(db, f)
    .select(['claim_link.id', 'claim_link.relation', 'claim_link.status', 'claim_link.score', 'claim_link.reason', 'claim_link.decided_by', 'claim_link.decided_at', 'claim_link.claim_a', 'claim_link.claim_b'])
    .orderBy('claim_link.score', 'desc')
    .orderBy('claim_link.id')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const claimIds = [...new Set(rows.flatMap((r) => [r.claim_a, r.claim_b]))];
  if (!claimIds.length) return [];
  const claims = await db
    .selectFrom('claim')
    .select(['id', 'source_id', 'kind', 'exact', 'start', 'end', 'speaker_name', 'speaker_entity_id', 'value', 'unit', 'qualifier'])
    .where('id', 'in', claimIds)
    .execute();
  const sources = await db
    .selectFrom('source')
    .select(['id', 'title', 'outlet', 'published_at', 'url', 'text'])
    .where('id', 'in', [...new Set(claims.map((c) => c.source_id))])
    .execute();
  const claimById = new Map(claims.map((c) => [c.id, c]));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const side = (id: number): LinkSide => {
    const c = claimById.get(id)!;
    const s = sourceById.get(c.source_id)!;
    const span = sentenceAround(s.text, c.start, c.end);
    const from = Math.min(span.start, c.start);
    const to = Math.max(span.end, c.end);
    const { source_id: _sid, ...claim } = c;
    return {
      claim,
      source: { id: s.id, title: s.title, outlet: s.outlet, published_at: s.published_at, url: s.url },
      sentence: { before: s.text.slice(from, c.start), claim: c.exact, after: s.text.slice(c.end, to) },
    };
  };
  return rows.map((r) => {
    const a = side(r.claim_a);
    const b = side(r.claim_b);
    return {
      id: r.id,
      relation: r.relation,
      status: r.status,
      score: r.score,
      reason: r.reason,
      decided_by: r.decided_by,
      decided_at: r.decided_at,
      a,
      b,
      diff: r.relation === 'variant_of' || (r.relation === 'contradicts' && a.claim.kind === 'quote') ? diffWords(a.claim.exact, b.claim.exact) : null,
    };
  });
}

export async function listEntityLinks(db: DB, f: { status?: string; entity?: number; relation?: string; limit: number }) {
  let q = db
    .selectFrom('entity_link')
    .leftJoin('entity as ea', 'ea.id', 'entity_link.entity_a')
    .leftJoin('entity as eb', 'eb.id', 'entity_link.entity_b')
    .select([
      'entity_link.id',
      'entity_link.relation',
      'entity_link.status',
      'entity_link.score',
      'entity_link.reason',
      'entity_link.label_a',
      'entity_link.label_b',
      'entity_link.entity_a',
      'entity_link.entity_b',
      'entity_link.evidence_json',
      'entity_link.decided_by',
      'entity_link.decided_at',
      'entity_link.decision_note',
      'ea.name as name_a',
      'eb.name as name_b',
      'ea.merged_into as merged_a',
      'eb.merged_into as merged_b',
    ]);
  if (f.status) q = q.where('entity_link.status', '=', f.status as 'suggested');
  if (f.relation) q = q.where('entity_link.relation', '=', f.relation as 'same_as');
  if (f.entity !== undefined) q = q.where((eb) => eb.or([eb('entity_link.entity_a', '=', f.entity!), eb('entity_link.entity_b', '=', f.entity!)]));
  return q.orderBy('entity_link.score', 'desc').orderBy('entity_link.id').limit(f.limit).execute();
}
