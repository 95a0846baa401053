import type { Kysely, Transaction } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import type { PreparedStatements } from './prepared-statements.js';
import type { Database, Entity } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;
export type EntityKind = Entity['kind'];

/**
 * Remembers "kind:normalised name" → entity id within one run, so a batch ingest does not look the same name up
 * again. It must answer what the database would: the oldest entity of that kind with that alias. So when an
 * alias is added to an older entity than the one cached, the entry moves to it (else a run that restarts with an
 * empty cache, after a crash, would file later mentions under another entity than an uninterrupted run).
 */
export type EntityCache = Map<string, number>;

/** Keeps `cache` equal to the database's answer after alias `norm` was added to entity `entityId`. */
function noteAlias(cache: EntityCache | undefined, kind: EntityKind, norm: string, entityId: number): void {
  const key = `${kind}:${norm}`;
  const cached = cache?.get(key);
  if (cached !== undefined && entityId < cached) cache!.set(key, entityId);
}

/** Finds the entity a name already stands for (by any alias), or creates it; adds the aliases given. */
export async function upsertEntity(
  db: Executor,
  entity: { kind: EntityKind; name: string; aliases: string[] },
  now: string,
  cache?: EntityCache,
): Promise<number> {
  const key = `${entity.kind}:${normaliseAlias(entity.name)}`;
  const cached = cache?.get(key);
  if (cached !== undefined) return cached;
  const norm = normaliseAlias(entity.name);
  const found = await db
    .selectFrom('entity_alias')
    .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
    .select('entity.id')
    .where('entity_alias.alias_norm', '=', norm)
    .where('entity.kind', '=', entity.kind)
    .orderBy('entity.id')
    .executeTakeFirst();
  let id = found?.id;
  if (id === undefined) {
    id = (await db.insertInto('entity').values({ kind: entity.kind, name: entity.name, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const aliases = [...new Set([entity.name, ...entity.aliases])]
    .map((alias) => ({ entity_id: id!, alias, alias_norm: normaliseAlias(alias) }))
    .filter((a) => a.alias_norm.length > 1);
  const unique = [...new Map(aliases.map((a) => [a.alias_norm, a])).values()];
  if (unique.length) await db.insertInto('entity_alias').values(unique).onConflict((oc) => oc.doNothing()).execute();
  cache?.set(key, id);
  for (const a of unique) noteAlias(cache, entity.kind, a.alias_norm, id);
  return id;
}

/** Entities whose aliases match a name (any alias, normalised). */
export function findEntitiesByAlias(db: Executor, name: string) {
  return db
    .selectFrom('entity_alias')
    .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
    .select(['entity.id', 'entity.kind', 'entity.name'])
    .where('entity_alias.alias_norm', '=', normaliseAlias(name))
    .distinct()
    .execute();
}

export interface EntityInput {
  kind: EntityKind;
  name: string;
  aliases: string[];
}

/**
 * Resolves many names at once (one lookup for all of them, then prepared inserts of new entities and aliases):
 * the ingest hot path. Returns name → entity id, in the same terms as upsertEntity.
 */
export function upsertEntities(prepared: PreparedStatements, inputs: EntityInput[], now: string, cache?: EntityCache): Map<string, number> {
  const ids = new Map<string, number>();
  const keyOf = (e: EntityInput) => `${e.kind}:${normaliseAlias(e.name)}`;
  const pending = inputs.filter((e) => {
    const hit = cache?.get(keyOf(e));
    if (hit !== undefined) ids.set(e.name, hit);
    return hit === undefined && normaliseAlias(e.name).length > 0;
  });
  if (pending.length) {
    const norms = [...new Set(pending.map((e) => normaliseAlias(e.name)))];
    const found = prepared.all<{ id: number; kind: string; alias_norm: string }>(
      `SELECT e.id, e.kind, a.alias_norm FROM entity_alias a JOIN entity e ON e.id = a.entity_id WHERE a.alias_norm IN (${norms.map(() => '?').join(', ')}) ORDER BY e.id`,
      ...norms,
    );
    const known = new Map<string, number>();
    for (const f of found) if (!known.has(`${f.kind}:${f.alias_norm}`)) known.set(`${f.kind}:${f.alias_norm}`, f.id);
    const fresh = [...new Map(pending.filter((e) => !known.has(keyOf(e))).map((e) => [keyOf(e), e])).values()];
    for (const e of fresh) known.set(keyOf(e), prepared.insert('entity', { kind: e.kind, name: e.name, created_at: now }));
    for (const e of pending) {
      const id = known.get(keyOf(e))!;
      ids.set(e.name, id);
      cache?.set(keyOf(e), id);
    }
  }
  const aliasRows = new Map<string, { row: { entity_id: number; alias: string; alias_norm: string }; kind: EntityKind }>();
  for (const e of inputs) {
    const id = ids.get(e.name);
    if (id === undefined) continue;
    for (const alias of [e.name, ...e.aliases]) {
      const norm = normaliseAlias(alias);
      if (norm.length > 1) aliasRows.set(`${id}:${norm}`, { row: { entity_id: id, alias, alias_norm: norm }, kind: e.kind });
    }
  }
  for (const { row, kind } of aliasRows.values()) {
    prepared.insertOrIgnore('entity_alias', row);
    noteAlias(cache, kind, row.alias_norm, row.entity_id);
  }
  return ids;
}
