import type { Kysely, Transaction } from 'kysely';
import { normaliseAlias } from '../core/names.js';
import type { Database, Entity } from './database.js';

type Executor = Kysely<Database> | Transaction<Database>;
export type EntityKind = Entity['kind'];

/** Remembers name → entity id within one run, so a batch ingest does not look the same name up again. */
export type EntityCache = Map<string, number>;

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
