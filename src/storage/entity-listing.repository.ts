import { sql } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import type { DB } from './connect.js';
import { MERGE_ACTION, RENAME_ACTION, SPLIT_ACTION } from './entity-edit.repository.js';

// The entity pages: the list of entities and everything stored about one.

/** Live (not merged away) entities with claim and mention counts; `q` matches any alias. */
export async function listEntities(db: DB, f: { q?: string; kind?: string; limit: number; offset: number }) {
  let q = db.selectFrom('entity').where('entity.merged_into', 'is', null);
  if (f.kind) q = q.where('entity.kind', '=', f.kind as 'person');
  if (f.q) {
    const like = `%${normaliseAlias(f.q).replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('entity_alias')
          .select('entity_alias.id')
          .whereRef('entity_alias.entity_id', '=', 'entity.id')
          .where(sql<boolean>`entity_alias.alias_norm LIKE ${like} ESCAPE '\\'`),
      ),
    );
  }
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q
    .select([
      'entity.id',
      'entity.kind',
      'entity.name',
      (eb) =>
        eb
          .selectFrom('claim')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('claim.speaker_entity_id', '=', 'entity.id')
          .as('claim_count'),
      (eb) =>
        eb
          .selectFrom('mention')
          .select((e2) => e2.fn.countAll<number>().as('n'))
          .whereRef('mention.entity_id', '=', 'entity.id')
          .as('mention_count'),
      (eb) =>
        eb
          .selectFrom('mention')
          .select((e2) => e2.fn.count<number>('mention.source_id').distinct().as('n'))
          .whereRef('mention.entity_id', '=', 'entity.id')
          .as('source_count'),
    ])
    .orderBy('claim_count', 'desc')
    .orderBy('mention_count', 'desc')
    .orderBy('entity.name')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  return {
    total,
    entities: rows.map((r) => ({ ...r, claim_count: Number(r.claim_count), mention_count: Number(r.mention_count), source_count: Number(r.source_count) })),
  };
}

/** An entity with its aliases, the claims it speaks, its mentions (with the source text), and its edits. */
export async function entityRecord(db: DB, id: number) {
  const entity = await db.selectFrom('entity').selectAll().where('id', '=', id).executeTakeFirst();
  if (!entity) return undefined;
  const aliases = await db.selectFrom('entity_alias').select(['id', 'alias', 'alias_norm']).where('entity_id', '=', id).orderBy('alias').execute();
  const claims = await db
    .selectFrom('claim')
    .innerJoin('source', 'source.id', 'claim.source_id')
    .select([
      'claim.id',
      'claim.kind',
      'claim.exact',
      'claim.speaker_text',
      'claim.cue',
      'claim.verdict',
      'source.id as source_id',
      'source.title',
      'source.outlet',
      'source.published_at',
      'source.url',
    ])
    .where('claim.speaker_entity_id', '=', id)
    // undated last on both engines (PostgreSQL puts NULLs first when descending)
    .orderBy('source.published_at', (ob) => ob.desc().nullsLast())
    .orderBy('claim.source_id')
    .orderBy('claim.start')
    .limit(500)
    .execute();
  const mentionRows = await db
    .selectFrom('mention')
    .innerJoin('source', 'source.id', 'mention.source_id')
    .select(['mention.id', 'mention.start', 'mention.end', 'source.id as source_id', 'source.title', 'source.outlet', 'source.published_at', 'source.text'])
    .where('mention.entity_id', '=', id)
    .orderBy('source.id')
    .orderBy('mention.start')
    .limit(500)
    .execute();
  const edits = await db
    .selectFrom('audit_event')
    .select(['id', 'actor', 'action', 'before_json', 'after_json', 'undone_by', 'created_at'])
    .where('target_type', '=', 'entity')
    .where('target_id', '=', id)
    .where('action', 'in', [MERGE_ACTION, SPLIT_ACTION, RENAME_ACTION])
    .orderBy('id', 'desc')
    .execute();
  const mergedFrom = await db.selectFrom('entity').select(['id', 'name']).where('merged_into', '=', id).execute();
  return { entity, aliases, claims, mentionRows, mergedFrom, edits };
}
