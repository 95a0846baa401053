import type { DB } from './connect.js';
import type { EntityKind } from './entity.repository.js';
import { chunks, type Tx } from './transaction.js';

// What cross-referencing reads (claims, entities and texts to compare) and writes (the suggestions it finds).

/** An anchored figure claim with a value: what the figure matcher compares. */
export interface StoredFigure {
  id: number;
  sourceId: number;
  exact: string;
  start: number;
  end: number;
  value: number;
  valueMax: number | null;
  unit: string | null;
  qualifier: string | null;
  subject: string | null;
}

/** An anchored quote with its speaker and the kind of entity the speaker was filed as (null: none). */
export interface StoredQuote {
  id: number;
  sourceId: number;
  exact: string;
  speakerEntityId: number | null;
  speakerName: string | null;
  speakerKind: EntityKind | null;
}

export interface StoredMention {
  entity_id: number;
  source_id: number;
  start: number;
  end: number;
}

export interface NewClaimLink {
  claimA: number;
  claimB: number;
  relation: 'corroborates' | 'contradicts' | 'variant_of';
  score: number;
  reason: string;
}

export interface NewEntityLink {
  relation: 'same_as' | 'place_conflict';
  entity_a: number;
  entity_b: number | null;
  label_a: string;
  label_b: string;
  evidence_json: string;
  score: number;
  reason: string;
  pair_key: string;
}

export async function countSources(db: DB): Promise<number> {
  return Number(
    (
      await db
        .selectFrom('source')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

export async function allSourceIds(db: DB): Promise<number[]> {
  return (await db.selectFrom('source').select('id').execute()).map((r) => r.id);
}

/** Sources stored but not yet cross-referenced (a run killed between the two, or ingested with crossref off). */
export async function pendingCrossrefIds(db: DB): Promise<number[]> {
  return (await db.selectFrom('source').select('id').where('crossref_done', '=', 0).orderBy('id').execute()).map((r) => r.id);
}

/** The texts of these sources by id. */
export async function sourceTexts(db: DB, ids: Iterable<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  const wanted = [...new Set(ids)];
  if (wanted.length > 1000) {
    // most of the table: one scan beats many IN lists
    const set = new Set(wanted);
    for (const r of await db.selectFrom('source').select(['id', 'text']).execute()) if (set.has(r.id)) out.set(r.id, r.text);
    return out;
  }
  for (const part of chunks(wanted)) {
    for (const r of await db.selectFrom('source').select(['id', 'text']).where('id', 'in', part).execute()) out.set(r.id, r.text);
  }
  return out;
}

/** Outlet and title of these sources by id. */
export async function sourceHeadings(db: DB, ids: Iterable<number>): Promise<Map<number, { outlet: string | null; title: string | null }>> {
  const out = new Map<number, { outlet: string | null; title: string | null }>();
  for (const part of chunks([...ids])) {
    for (const r of await db.selectFrom('source').select(['id', 'outlet', 'title']).where('id', 'in', part).execute()) out.set(r.id, r);
  }
  return out;
}

/** Every anchored figure claim with a value. */
export async function anchoredFigures(db: DB): Promise<StoredFigure[]> {
  const rows = await db
    .selectFrom('claim')
    .select(['id', 'source_id', 'exact', 'start', 'end', 'value', 'value_max', 'unit', 'qualifier', 'subject'])
    .where('kind', '=', 'figure')
    .where('value', 'is not', null)
    .where('anchor_status', '=', 'anchored')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    exact: r.exact,
    start: r.start,
    end: r.end,
    value: r.value!,
    valueMax: r.value_max,
    unit: r.unit,
    qualifier: r.qualifier,
    subject: r.subject,
  }));
}

/** Every anchored quote with its speaker. */
export async function anchoredQuotes(db: DB): Promise<StoredQuote[]> {
  const rows = await db
    .selectFrom('claim')
    .leftJoin('entity', 'entity.id', 'claim.speaker_entity_id')
    .select(['claim.id', 'claim.source_id', 'claim.exact', 'claim.speaker_entity_id', 'claim.speaker_name', 'entity.kind as speaker_kind'])
    .where('claim.kind', '=', 'quote')
    .where('claim.anchor_status', '=', 'anchored')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    exact: r.exact,
    speakerEntityId: r.speaker_entity_id,
    speakerName: r.speaker_name,
    speakerKind: r.speaker_kind,
  }));
}

/** Entities mentioned in any source. */
export async function mentionedEntityIds(db: DB): Promise<number[]> {
  return (await db.selectFrom('mention').select('entity_id').distinct().execute()).map((r) => r.entity_id);
}

/** Entities mentioned in, or speaking in, these sources. */
export async function entityIdsInSources(db: DB, sourceIds: number[]): Promise<Set<number>> {
  const out = new Set<number>();
  for (const part of chunks(sourceIds)) {
    for (const r of await db.selectFrom('mention').select('entity_id').distinct().where('source_id', 'in', part).execute()) out.add(r.entity_id);
    const c = db.selectFrom('claim').select('speaker_entity_id').distinct().where('speaker_entity_id', 'is not', null).where('source_id', 'in', part);
    for (const r of await c.execute()) out.add(r.speaker_entity_id!);
  }
  return out;
}

/** Entities that speak in some claim. */
export async function speakerEntityIds(db: DB): Promise<Set<number>> {
  return new Set(
    (await db.selectFrom('claim').select('speaker_entity_id').distinct().where('speaker_entity_id', 'is not', null).execute()).map((r) => r.speaker_entity_id!),
  );
}

/** Persons and organisations not merged away. */
export function livePersonsAndOrganisations(db: DB): Promise<{ id: number; kind: EntityKind; name: string }[]> {
  return db.selectFrom('entity').select(['id', 'kind', 'name']).where('merged_into', 'is', null).where('kind', 'in', ['person', 'organisation']).execute();
}

/** Every alias of every entity. */
export function allAliases(db: DB): Promise<{ entity_id: number; alias: string; alias_norm: string }[]> {
  return db.selectFrom('entity_alias').select(['entity_id', 'alias', 'alias_norm']).execute();
}

/** Mentions of persons whose name has two words or more (one scan: cheaper than by id for many persons). */
export function multiWordPersonMentions(db: DB): Promise<StoredMention[]> {
  return db
    .selectFrom('mention')
    .innerJoin('entity', 'entity.id', 'mention.entity_id')
    .select(['mention.entity_id', 'mention.source_id', 'mention.start', 'mention.end'])
    .where('entity.kind', '=', 'person')
    .where('entity.name', 'like', '% %')
    .execute();
}

/** Mentions of these entities. */
export async function mentionsOfEntities(db: DB, entityIds: number[]): Promise<StoredMention[]> {
  const rows: StoredMention[] = [];
  for (const part of chunks(entityIds))
    rows.push(...(await db.selectFrom('mention').select(['entity_id', 'source_id', 'start', 'end']).where('entity_id', 'in', part).execute()));
  return rows;
}

/**
 * Stores new suggestions and marks the sources cross-referenced. A claim pair already linked in any way
 * (suggested, confirmed or rejected) is skipped, as is an entity suggestion whose pair_key exists.
 */
export async function storeCrossrefLinks(
  tx: Tx,
  links: { claimLinks: NewClaimLink[]; entityLinks: NewEntityLink[]; markDone: number[] },
  now: string,
): Promise<{ claimLinksAdded: number; entityLinksAdded: number }> {
  const linked = new Set<string>();
  const claimIds = [...new Set(links.claimLinks.map((s) => s.claimA))];
  for (const part of chunks(claimIds)) {
    for (const r of await tx.selectFrom('claim_link').select(['claim_a', 'claim_b']).where('claim_a', 'in', part).execute())
      linked.add(`${r.claim_a}:${r.claim_b}`);
  }
  const fresh = links.claimLinks.filter((s) => {
    const k = `${s.claimA}:${s.claimB}`;
    if (linked.has(k)) return false;
    linked.add(k);
    return true;
  });
  let claimLinksAdded = 0;
  for (const part of chunks(fresh, 100)) {
    const r = await tx
      .insertInto('claim_link')
      .values(part.map((s) => ({ claim_a: s.claimA, claim_b: s.claimB, relation: s.relation, score: s.score, reason: s.reason, created_at: now })))
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    claimLinksAdded += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  let entityLinksAdded = 0;
  for (const part of chunks(links.entityLinks, 100)) {
    const r = await tx
      .insertInto('entity_link')
      .values(part.map((d) => ({ ...d, created_at: now })))
      .onConflict((oc) => oc.column('pair_key').doNothing())
      .executeTakeFirst();
    entityLinksAdded += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  for (const part of chunks(links.markDone))
    await tx.updateTable('source').set({ crossref_done: 1 }).where('id', 'in', part).where('crossref_done', '=', 0).execute();
  return { claimLinksAdded, entityLinksAdded };
}
