import { normaliseAlias } from '../core/names.js';
import { AppError } from '../core/errors.js';
import type { HotPath } from './prepared-statements.js';
import type { Entity } from './database.js';
import type { Executor } from './transaction.js';

export type EntityKind = Entity['kind'];

/**
 * Remembers "kind:normalised name" → entity id within one run, so a batch ingest does not look the same name up
 * again. It must answer what the database would: the oldest entity of that kind with that alias. So when an
 * alias is added to an older entity than the one cached, the entry moves to it (else a run that restarts with an
 * empty cache, after a crash, would file later mentions under another entity than an uninterrupted run).
 */
export type EntityCache = Map<string, number>;

export interface EntityInput {
  kind: EntityKind;
  name: string;
  aliases: string[];
}

export interface UpsertOptions {
  cache?: EntityCache;
  /** only an entity not merged away counts as found (an editor naming a speaker) */
  liveOnly?: boolean;
  /** always a new entity, without alias rows: splitting an alias off, whose row the caller moves over */
  fresh?: boolean;
}

/** What one name resolved to: the entity's id and canonical name, and whether this call created it. */
export interface UpsertedEntity {
  id: number;
  name: string;
  created: boolean;
}

/** Keeps `cache` equal to the database's answer after alias `norm` was added to entity `entityId`. */
function noteAlias(cache: EntityCache | undefined, kind: EntityKind, norm: string, entityId: number): void {
  const key = `${kind}:${norm}`;
  const cached = cache?.get(key);
  if (cached !== undefined && entityId < cached) cache!.set(key, entityId);
}

// The one entity upsert is written once, as steps; the ingest hot path runs them on prepared statements
// (inside its batch, without the query builder), everything else on Kysely.
type FoundRow = { id: number; kind: string; name: string; alias_norm: string };
type EntityRow = { kind: EntityKind; name: string; created_at: string };
type AliasRow = { entity_id: number; alias: string; alias_norm: string };
/** What the steps ask of the database: a lookup (answered with rows), new entities (answered with their ids, in order), aliases. */
type Step = { op: 'find'; norms: string[]; liveOnly: boolean } | { op: 'entities'; rows: EntityRow[] } | { op: 'aliases'; rows: AliasRow[] };
type Reply = FoundRow[] | number[] | undefined;

/**
 * Resolves names to entities: the oldest entity of the same kind with that alias (by any alias, normalised), else a
 * new one; then adds every name and alias given as an alias (normalised keys of two characters or more). A name
 * that normalises to nothing resolves to nothing. Returns name → entity.
 */
function* upsertSteps(inputs: EntityInput[], now: string, opts: UpsertOptions): Generator<Step, Map<string, UpsertedEntity>, Reply> {
  const { cache } = opts;
  const out = new Map<string, UpsertedEntity>();
  const keyOf = (e: EntityInput) => `${e.kind}:${normaliseAlias(e.name)}`;
  const pending = inputs.filter((e) => {
    const hit = opts.fresh ? undefined : cache?.get(keyOf(e));
    if (hit !== undefined) out.set(e.name, { id: hit, name: e.name, created: false });
    return hit === undefined && normaliseAlias(e.name).length > 0;
  });
  if (pending.length) {
    const known = new Map<string, { id: number; name: string; created: boolean }>();
    if (!opts.fresh) {
      const norms = [...new Set(pending.map((e) => normaliseAlias(e.name)))];
      const found = (yield { op: 'find', norms, liveOnly: opts.liveOnly ?? false }) as FoundRow[];
      for (const f of found) if (!known.has(`${f.kind}:${f.alias_norm}`)) known.set(`${f.kind}:${f.alias_norm}`, { id: f.id, name: f.name, created: false });
    }
    const fresh = [...new Map(pending.filter((e) => !known.has(keyOf(e))).map((e) => [keyOf(e), e])).values()];
    if (fresh.length) {
      const ids = (yield { op: 'entities', rows: fresh.map((e) => ({ kind: e.kind, name: e.name, created_at: now })) }) as number[];
      fresh.forEach((e, i) => known.set(keyOf(e), { id: ids[i], name: e.name, created: true }));
    }
    for (const e of pending) {
      const hit = known.get(keyOf(e))!;
      out.set(e.name, hit);
      cache?.set(keyOf(e), hit.id);
    }
  }
  if (opts.fresh) return out;
  const aliasRows = new Map<string, { row: AliasRow; kind: EntityKind }>();
  for (const e of inputs) {
    const id = out.get(e.name)?.id;
    if (id === undefined) continue;
    for (const alias of [e.name, ...e.aliases]) {
      const norm = normaliseAlias(alias);
      if (norm.length > 1) aliasRows.set(`${id}:${norm}`, { row: { entity_id: id, alias, alias_norm: norm }, kind: e.kind });
    }
  }
  if (aliasRows.size) yield { op: 'aliases', rows: [...aliasRows.values()].map((a) => a.row) };
  for (const { row, kind } of aliasRows.values()) noteAlias(cache, kind, row.alias_norm, row.entity_id);
  return out;
}

const findSql = (n: number, liveOnly: boolean) =>
  `SELECT e.id, e.kind, e.name, a.alias_norm FROM entity_alias a JOIN entity e ON e.id = a.entity_id WHERE a.alias_norm IN (${Array(n).fill('?').join(', ')})${liveOnly ? ' AND e.merged_into IS NULL' : ''} ORDER BY e.id`;

/**
 * Resolves many names at once (one lookup for all of them, then prepared inserts of new entities and aliases): the
 * ingest hot path. Returns name → entity id.
 */
export async function upsertEntities(hot: HotPath, inputs: EntityInput[], now: string, cache?: EntityCache): Promise<Map<string, number>> {
  const steps = upsertSteps(inputs, now, { cache });
  let reply: Reply;
  for (let s = steps.next(); ; s = steps.next(reply)) {
    if (s.done) return new Map([...s.value].map(([name, e]) => [name, e.id]));
    const step = s.value;
    if (step.op === 'find') reply = await hot.all<FoundRow>(findSql(step.norms.length, step.liveOnly), ...step.norms);
    else if (step.op === 'entities') reply = await hot.insertReturningIds('entity', step.rows);
    else reply = (await hot.insertManyOrIgnore('entity_alias', step.rows), undefined);
  }
}

/** Finds the entity a name already stands for (by any alias, of its kind), or creates it; adds the aliases given. */
export async function upsertEntity(db: Executor, entity: EntityInput, now: string, opts: UpsertOptions = {}): Promise<UpsertedEntity> {
  const steps = upsertSteps([entity], now, opts);
  let reply: Reply;
  for (let s = steps.next(); ; s = steps.next(reply)) {
    if (s.done) {
      const e = s.value.get(entity.name);
      if (!e) throw new AppError('invalid_input', `an entity needs a name with letters or digits, not “${entity.name}”`);
      return e;
    }
    const step = s.value;
    if (step.op === 'find') {
      let q = db
        .selectFrom('entity_alias')
        .innerJoin('entity', 'entity.id', 'entity_alias.entity_id')
        .select(['entity.id', 'entity.kind', 'entity.name', 'entity_alias.alias_norm'])
        .where('entity_alias.alias_norm', 'in', step.norms);
      if (step.liveOnly) q = q.where('entity.merged_into', 'is', null);
      reply = await q.orderBy('entity.id').execute();
    } else if (step.op === 'entities') {
      const ids: number[] = [];
      for (const row of step.rows) ids.push((await db.insertInto('entity').values(row).returning('id').executeTakeFirstOrThrow()).id);
      reply = ids;
    } else
      reply =
        (await db
          .insertInto('entity_alias')
          .values(step.rows)
          .onConflict((oc) => oc.doNothing())
          .execute(),
        undefined);
  }
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
