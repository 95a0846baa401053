import { readFileSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { migrations } from '../../migrations/index.js';

// The migrations run on SQLite and on PostgreSQL (issue 11). On SQLite they must leave exactly the schema they left
// before they learnt PostgreSQL: fixtures/sqlite-schema.json is sqlite_master as the unmodified migrations made it.
// The PostgreSQL half runs when CLAIMTRAIL_TEST_PG_URL names an admin URL; it makes a database per test and drops it.

const PG_URL = process.env.CLAIMTRAIL_TEST_PG_URL;
const FIXTURE = new URL('./fixtures/sqlite-schema.json', import.meta.url);
// the last migration the fixture covers; later migrations are checked by the comparison of the two engines
const FIXTURE_MIGRATION = '0023_link_decision_note';
const LAST_BEFORE_0022 = '0021_bulk_dropped_indexes';

type Engine = 'sqlite' | 'postgres';
type AnyDb = Kysely<any>;

function migratorOf(db: AnyDb): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** The result set, or the migration's error thrown with its name. */
function check(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`migration ${failed ?? '?'} failed: ${result.error instanceof Error ? result.error.message : String(result.error)}`);
  }
}

async function migrateTo(db: AnyDb, target: string | typeof NO_MIGRATIONS): Promise<void> {
  check(await migratorOf(db).migrateTo(target));
}

async function migrateToLatest(db: AnyDb): Promise<void> {
  check(await migratorOf(db).migrateToLatest());
}

/** An empty, unmigrated SQLite database with foreign keys on (as the app opens one). */
function emptySqlite(): AnyDb {
  const sqlite = new SQLite(':memory:');
  sqlite.pragma('foreign_keys = ON');
  return new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }) });
}

async function sqliteMaster(db: AnyDb): Promise<unknown[]> {
  return (await sql`SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid`.execute(db)).rows;
}

// --- a schema described the same way on both engines -------------------------------------------------------------

interface ColumnShape {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  primaryKey: boolean;
}

interface SchemaShape {
  /** every table, the search table included */
  tables: string[];
  /** columns per table in table order (the search table's differ by design and are left out) */
  columns: Record<string, ColumnShape[]>;
  /** "table(col, …) -> table(col, …) ON DELETE action" */
  foreignKeys: string[];
  /** "table(col, …)" of each UNIQUE constraint */
  uniques: string[];
  /** named indexes: "name ON table (key, …) [unique] [partial]"; a NOCASE key reads lower(col), an expression <expr> */
  indexes: string[];
}

const SQLITE_TYPES: Record<string, string> = { integer: 'integer', text: 'text', real: 'double precision', 'varchar(255)': 'character varying' };

async function sqliteShape(db: AnyDb): Promise<SchemaShape> {
  const list = (await sql<{ name: string; type: string }>`SELECT name, type FROM pragma_table_list WHERE schema = 'main'`.execute(db)).rows;
  const tables = list
    .filter((t) => (t.type === 'table' || t.type === 'virtual') && !t.name.startsWith('sqlite_'))
    .map((t) => t.name)
    .sort();
  const shape: SchemaShape = { tables, columns: {}, foreignKeys: [], uniques: [], indexes: [] };
  for (const table of tables.filter((t) => t !== 'claim_fts')) {
    const cols = (
      await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`SELECT * FROM pragma_table_info(${table})`.execute(db)
    ).rows;
    shape.columns[table] = cols.map((c) => ({
      name: c.name,
      type: SQLITE_TYPES[c.type.toLowerCase()] ?? `? ${c.type}`,
      // SQLite lets a non-integer primary key hold NULL (a quirk); PostgreSQL's never does
      notNull: c.notnull === 1 || c.pk > 0,
      default: c.dflt_value,
      primaryKey: c.pk > 0,
    }));
    const fks = (
      await sql<{
        id: number;
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }>`SELECT * FROM pragma_foreign_key_list(${table}) ORDER BY id, seq`.execute(db)
    ).rows;
    for (const id of [...new Set(fks.map((f) => f.id))]) {
      const parts = fks.filter((f) => f.id === id);
      shape.foreignKeys.push(
        `${table}(${parts.map((p) => p.from).join(', ')}) -> ${parts[0].table}(${parts.map((p) => p.to).join(', ')}) ON DELETE ${parts[0].on_delete}`,
      );
    }
    const indexes = (await sql<{ name: string; unique: number; origin: string; partial: number }>`SELECT * FROM pragma_index_list(${table})`.execute(db)).rows;
    for (const index of indexes) {
      const keys = (
        await sql<{
          cid: number;
          name: string | null;
          coll: string;
          key: number;
        }>`SELECT * FROM pragma_index_xinfo(${index.name}) WHERE key = 1 ORDER BY seqno`.execute(db)
      ).rows.map((k) => (k.cid === -2 ? '<expr>' : k.coll === 'NOCASE' ? `lower(${k.name})` : String(k.name)));
      if (index.origin === 'u') shape.uniques.push(`${table}(${keys.join(', ')})`);
      if (index.origin === 'c')
        shape.indexes.push(`${index.name} ON ${table} (${keys.join(', ')})${index.unique ? ' unique' : ''}${index.partial ? ' partial' : ''}`);
    }
  }
  shape.foreignKeys.sort();
  shape.uniques.sort();
  shape.indexes.sort();
  return shape;
}

const PG_DELETE_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

async function postgresShape(db: AnyDb): Promise<SchemaShape> {
  const tables = (
    await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name COLLATE "C"`.execute(db)
  ).rows.map((t) => t.name);
  const shape: SchemaShape = { tables, columns: {}, foreignKeys: [], uniques: [], indexes: [] };
  const pkColumns = new Set(
    (
      await sql<{ col: string }>`SELECT c.conrelid::regclass::text || '.' || a.attname AS col FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'p' AND c.connamespace = 'public'::regnamespace`.execute(db)
    ).rows.map((r) => r.col),
  );
  for (const table of tables.filter((t) => t !== 'claim_fts')) {
    const cols = (
      await sql<{ name: string; data_type: string; is_nullable: string; column_default: string | null }>`
        SELECT column_name AS name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`.execute(db)
    ).rows;
    shape.columns[table] = cols.map((c) => ({
      name: c.name,
      type: c.data_type,
      notNull: c.is_nullable === 'NO',
      default: c.column_default?.replace(/::(text|character varying)$/, '') ?? null,
      primaryKey: pkColumns.has(`${table}.${c.name}`),
    }));
  }
  const constraints = (
    await sql<{ kind: string; tbl: string; cols: string[]; ref: string | null; refcols: string[] | null; action: string }>`
      SELECT c.contype AS kind, c.conrelid::regclass::text AS tbl,
        array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS cols,
        c.confrelid::regclass::text AS ref,
        array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS refcols,
        c.confdeltype AS action
      FROM pg_constraint c WHERE c.connamespace = 'public'::regnamespace AND c.contype IN ('f', 'u')`.execute(db)
  ).rows;
  for (const c of constraints) {
    if (c.tbl === 'claim_fts') continue;
    if (c.kind === 'u') shape.uniques.push(`${c.tbl}(${c.cols.join(', ')})`);
    else shape.foreignKeys.push(`${c.tbl}(${c.cols.join(', ')}) -> ${c.ref}(${(c.refcols ?? []).join(', ')}) ON DELETE ${PG_DELETE_ACTIONS[c.action]}`);
  }
  // indexes made by CREATE INDEX (not those behind a primary key or unique constraint), with each key as written
  const indexes = (
    await sql<{ name: string; tbl: string; keys: string[]; is_unique: boolean; partial: boolean }>`
      SELECT ic.relname AS name, i.indrelid::regclass::text AS tbl, i.indisunique AS is_unique, i.indpred IS NOT NULL AS partial,
        array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) k ORDER BY k) AS keys
      FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE ic.relnamespace = 'public'::regnamespace AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`.execute(db)
  ).rows;
  for (const index of indexes) {
    const keys = index.keys.map((k) => {
      const plain = /^"?([a-z_]+)"?$/.exec(k);
      if (plain) return plain[1];
      return /^lower\([a-z_]+\)$/.test(k) ? k : '<expr>';
    });
    shape.indexes.push(`${index.name} ON ${index.tbl} (${keys.join(', ')})${index.is_unique ? ' unique' : ''}${index.partial ? ' partial' : ''}`);
  }
  shape.foreignKeys.sort();
  shape.uniques.sort();
  shape.indexes.sort();
  return shape;
}

// --- the same writes and search-index checks on both engines -----------------------------------------------------

const NOW = '2026-01-01T00:00:00.000Z';

async function insertSource(db: AnyDb, n: number, fields: { outlet?: string | null; title?: string | null } = {}): Promise<number> {
  const row = await db
    .insertInto('source')
    .values({
      outlet: 'Daily Bugle',
      title: `Harbour plans ${n}`,
      retrieved_at: NOW,
      format: 'txt',
      raw_sha256: `raw${n}`,
      content_sha256: `content${n}`,
      text: 'text',
      paragraphs_json: '[]',
      removed_json: '[]',
      created_at: NOW,
      ...fields,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

async function insertClaim(
  db: AnyDb,
  sourceId: number,
  fields: { exact?: string; kind?: string; value?: number | null; speaker_name?: string | null; speaker_text?: string | null } = {},
): Promise<number> {
  const row = await db
    .insertInto('claim')
    .values({
      source_id: sourceId,
      kind: 'quote',
      exact: 'The bridge will cost millions',
      start: 0,
      end: 29,
      prefix: '',
      suffix: '',
      speaker_name: 'Jane Doe',
      extractor: 'test@1',
      confidence: 0.5,
      created_at: NOW,
      updated_at: NOW,
      ...fields,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(row.id);
}

/** Claim ids whose search row matches one word (stemmed by the engine's own rules). */
async function searchIds(engine: Engine, db: AnyDb, word: string): Promise<number[]> {
  const rows =
    engine === 'sqlite'
      ? (await sql<{ id: number }>`SELECT rowid AS id FROM claim_fts WHERE claim_fts MATCH ${word} ORDER BY rowid`.execute(db)).rows
      : (await sql<{ id: number }>`SELECT claim_id AS id FROM claim_fts WHERE document @@ to_tsquery('english', ${word}) ORDER BY claim_id`.execute(db)).rows;
  return rows.map((r) => Number(r.id));
}

async function searchRowCount(db: AnyDb): Promise<number> {
  return Number((await sql<{ n: number | string }>`SELECT count(*) AS n FROM claim_fts`.execute(db)).rows[0].n);
}

/** Insert, update and delete of a claim keep its search row in step (what the triggers of 0001 and 0020 do). */
async function checkClaimSearchRows(engine: Engine, db: AnyDb): Promise<void> {
  const sourceId = await insertSource(db, 1);
  const other = await insertSource(db, 2, { outlet: null, title: null });
  const id = await insertClaim(db, sourceId, { speaker_text: 'the minister' });
  const bare = await insertClaim(db, other, { exact: 'Nothing else to say', speaker_name: null });
  expect(await searchIds(engine, db, 'bridge')).toEqual([id]);
  expect(await searchIds(engine, db, 'costs')).toEqual([id]); // stemmed
  expect(await searchIds(engine, db, 'doe')).toEqual([id]);
  expect(await searchIds(engine, db, 'minister')).toEqual([id]);
  expect(await searchIds(engine, db, 'harbour')).toEqual([id]);
  expect(await searchIds(engine, db, 'bugle')).toEqual([id]);
  // a claim whose source has no outlet or title, and no speaker, is indexed by its words
  expect(await searchIds(engine, db, 'nothing')).toEqual([bare]);

  await db.updateTable('claim').set({ exact: 'The tunnel will cost billions' }).where('id', '=', id).execute();
  expect(await searchIds(engine, db, 'bridge')).toEqual([]);
  expect(await searchIds(engine, db, 'tunnel')).toEqual([id]);
  await db.updateTable('claim').set({ speaker_name: 'John Roe' }).where('id', '=', id).execute();
  expect(await searchIds(engine, db, 'doe')).toEqual([]);
  expect(await searchIds(engine, db, 'roe')).toEqual([id]);
  // a change to a column the index does not hold leaves the row as it was
  await db.updateTable('claim').set({ verdict: 'verified' }).where('id', '=', id).execute();
  expect(await searchIds(engine, db, 'tunnel')).toEqual([id]);
  expect(await searchRowCount(db)).toBe(2);

  await db.deleteFrom('claim').where('id', '=', id).execute();
  expect(await searchIds(engine, db, 'tunnel')).toEqual([]);
  expect(await searchRowCount(db)).toBe(1);
  await db.deleteFrom('source').where('id', '=', other).execute();
  expect(await searchRowCount(db)).toBe(0);
}

/**
 * Links as a database may hold them before 0022 (a pair linked twice, figure agreements repeated), inserted after
 * migrating to 0021; returns the ids 0022 must keep, in insertion order.
 */
async function insertLinksBefore0022(db: AnyDb): Promise<{ keep: number[]; all: number[] }> {
  const s1 = await insertSource(db, 1);
  const s2 = await insertSource(db, 2);
  const figure = (sourceId: number, value: number | null) => insertClaim(db, sourceId, { kind: 'figure', exact: '507 votes', value, speaker_name: null });
  const a1 = await figure(s1, 507);
  const a2 = await figure(s1, 507);
  const b1 = await figure(s2, 507);
  const n1 = await figure(s1, null);
  const n2 = await figure(s1, null);
  const m1 = await figure(s2, null);
  const q = await insertClaim(db, s2);
  const link = async (claim_a: number, claim_b: number, relation: string, status: string) =>
    Number(
      (
        await db
          .insertInto('claim_link')
          .values({ claim_a, claim_b, relation, status, score: 0.9, reason: 'test', created_at: NOW })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const l1 = await link(a1, b1, 'corroborates', 'suggested');
  const l2 = await link(a2, b1, 'corroborates', 'suggested'); // repeats l1: the same value of the same article
  const l3 = await link(b1, a1, 'variant_of', 'suggested'); // the pair of l1 again (the oldest suggestion stays)
  const l4 = await link(q, a2, 'contradicts', 'confirmed');
  const l5 = await link(a2, q, 'corroborates', 'suggested'); // the pair of l4, which is decided and stays
  const l6 = await link(n1, m1, 'corroborates', 'suggested');
  const l7 = await link(n2, m1, 'corroborates', 'suggested'); // repeats l6: no value on either side counts as the same
  const l8 = await link(a2, m1, 'corroborates', 'suggested'); // 507 is not "no value": stays
  return { keep: [l1, l4, l6, l8], all: [l1, l2, l3, l4, l5, l6, l7, l8] };
}

async function linkIds(db: AnyDb): Promise<number[]> {
  return (await db.selectFrom('claim_link').select('id').orderBy('id').execute()).map((r) => Number(r.id));
}

// --- SQLite ------------------------------------------------------------------------------------------------------

describe('migrations on SQLite', () => {
  const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as unknown[];

  it('leave sqlite_master exactly as the migrations made it before they ran on PostgreSQL', async () => {
    const db = emptySqlite();
    try {
      await migrateTo(db, FIXTURE_MIGRATION);
      expect(fixture.length).toBeGreaterThan(60);
      expect(await sqliteMaster(db)).toEqual(fixture);
    } finally {
      await db.destroy();
    }
  });

  it('go down to nothing and up again to the same schema', async () => {
    const db = emptySqlite();
    try {
      await migrateToLatest(db);
      await migrateTo(db, NO_MIGRATIONS);
      const left = (await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE name NOT LIKE 'kysely_%' AND name NOT LIKE 'sqlite_%'`.execute(db)).rows;
      expect(left).toEqual([]);
      await migrateTo(db, FIXTURE_MIGRATION);
      // sqlite_sequence (made by the first autoincrement table) outlives the tables, so only its place differs
      const byName = (rows: unknown[]) =>
        [...(rows as { type: string; name: string }[])].sort((x, y) => `${x.type} ${x.name}`.localeCompare(`${y.type} ${y.name}`));
      expect(byName(await sqliteMaster(db))).toEqual(byName(fixture));
    } finally {
      await db.destroy();
    }
  });

  it('keep the search index in step with claim writes', async () => {
    const db = emptySqlite();
    try {
      await migrateToLatest(db);
      await checkClaimSearchRows('sqlite', db);
    } finally {
      await db.destroy();
    }
  });

  it('0022 keeps one link per pair of claims and drops repeated figure agreements', async () => {
    const db = emptySqlite();
    try {
      await migrateTo(db, LAST_BEFORE_0022);
      const { keep } = await insertLinksBefore0022(db);
      await migrateToLatest(db);
      expect(await linkIds(db)).toEqual(keep);
    } finally {
      await db.destroy();
    }
  });
});

// --- PostgreSQL --------------------------------------------------------------------------------------------------

/** A fresh database on the server of CLAIMTRAIL_TEST_PG_URL for one test, dropped after it. */
async function withPostgres(adminUrl: string, fn: (db: AnyDb) => Promise<void>): Promise<void> {
  const name = `mig_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
    // a connection the DROP below had to end (57P01) is expected; anything else is not
    pool.on('error', (e: Error & { code?: string }) => {
      if (e.code !== '57P01') throw e;
    });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    try {
      await fn(db);
    } finally {
      await db.destroy();
      // pool.end() resolves before the server has closed its sessions: wait for them, so none is cut off
      for (let i = 0; i < 100; i++) {
        const { rows } = await admin.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

/** Everything a down-and-up must give back: the shape, and the triggers and functions behind the search index. */
async function postgresCatalog(db: AnyDb): Promise<unknown> {
  const triggers = (
    await sql<{ t: string }>`SELECT t FROM (SELECT tgrelid::regclass::text || ' ' || pg_get_triggerdef(oid) AS t FROM pg_trigger
      WHERE NOT tgisinternal) AS triggers ORDER BY t COLLATE "C"`.execute(db)
  ).rows.map((r) => r.t);
  const functions = (
    await sql<{ f: string }>`SELECT pg_get_functiondef(p.oid) AS f FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace ORDER BY p.proname COLLATE "C"`.execute(db)
  ).rows.map((r) => r.f);
  const indexes = (
    await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname COLLATE "C"`.execute(db)
  ).rows.map((r) => r.d);
  return { shape: await postgresShape(db), triggers, functions, indexes };
}

if (!PG_URL) {
  describe('migrations on PostgreSQL (PostgreSQL: set CLAIMTRAIL_TEST_PG_URL)', () => {
    it.skip('not run: CLAIMTRAIL_TEST_PG_URL is unset', () => {});
  });
} else {
  const adminUrl = PG_URL;
  describe('migrations on PostgreSQL', () => {
    it('make the same tables, columns, keys and indexes as on SQLite', async () => {
      const lite = emptySqlite();
      try {
        await migrateToLatest(lite);
        const expected = await sqliteShape(lite);
        await withPostgres(adminUrl, async (db) => {
          await migrateToLatest(db);
          const actual = await postgresShape(db);
          expect(actual.tables).toEqual(expected.tables);
          expect(actual.tables).toEqual(expect.arrayContaining(['claim_fts', 'claim_fts_deferred', 'bulk_dropped_index']));
          for (const table of expected.tables.filter((t) => t !== 'claim_fts'))
            expect({ table, columns: actual.columns[table] }).toEqual({ table, columns: expected.columns[table] });
          expect(actual.foreignKeys).toEqual(expected.foreignKeys);
          expect(actual.uniques).toEqual(expected.uniques);
          // PostgreSQL's search index is a GIN index over the tsvector column; SQLite's is the FTS5 table itself
          expect(actual.indexes).toEqual([...expected.indexes, 'claim_fts_document_idx ON claim_fts (document)'].sort());
          // the shape agreed with the search engineer
          const fts = (
            await sql<{ column_name: string; data_type: string; is_nullable: string }>`SELECT column_name, data_type, is_nullable
              FROM information_schema.columns WHERE table_name = 'claim_fts' ORDER BY ordinal_position`.execute(db)
          ).rows;
          expect(fts).toEqual([
            { column_name: 'claim_id', data_type: 'integer', is_nullable: 'NO' },
            { column_name: 'document', data_type: 'tsvector', is_nullable: 'NO' },
          ]);
          const gin = (await sql<{ d: string }>`SELECT indexdef AS d FROM pg_indexes WHERE indexname = 'claim_fts_document_idx'`.execute(db)).rows;
          expect(gin[0].d).toMatch(/USING gin \(document\)/);
          const idColumn = (
            await sql<{ is_identity: string; identity_generation: string }>`SELECT is_identity, identity_generation FROM information_schema.columns
              WHERE table_name = 'claim' AND column_name = 'id'`.execute(db)
          ).rows;
          expect(idColumn).toEqual([{ is_identity: 'YES', identity_generation: 'BY DEFAULT' }]);
        });
      } finally {
        await lite.destroy();
      }
    });

    it("keep claim_fts in step with claim writes, and with a source's outlet and title", async () => {
      await withPostgres(adminUrl, async (db) => {
        await migrateToLatest(db);
        await checkClaimSearchRows('postgres', db);

        const sourceId = await insertSource(db, 3);
        const id = await insertClaim(db, sourceId);
        // the words weighted as agreed: the claim A, the speaker B, the outlet and title C
        const weighted = async (query: string) =>
          (await sql<{ hit: boolean }>`SELECT document @@ to_tsquery('english', ${query}) AS hit FROM claim_fts WHERE claim_id = ${id}`.execute(db)).rows[0]
            .hit;
        expect(await weighted('bridge:A')).toBe(true);
        expect(await weighted('doe:B')).toBe(true);
        expect(await weighted('harbour:C & bugle:C')).toBe(true);
        expect(await weighted('bridge:BC')).toBe(false);

        await db.updateTable('source').set({ title: 'Ferry timetable' }).where('id', '=', sourceId).execute();
        expect(await searchIds('postgres', db, 'ferry')).toEqual([id]);
        expect(await searchIds('postgres', db, 'harbour')).toEqual([]);
        await db.updateTable('source').set({ outlet: null }).where('id', '=', sourceId).execute();
        expect(await searchIds('postgres', db, 'bugle')).toEqual([]);
        expect(await searchIds('postgres', db, 'bridge')).toEqual([id]);
        // a claim moved to another source takes that source's title
        const other = await insertSource(db, 4, { title: 'Rail strike' });
        await db.updateTable('claim').set({ source_id: other }).where('id', '=', id).execute();
        expect(await searchIds('postgres', db, 'rail')).toEqual([id]);
        expect(await searchIds('postgres', db, 'ferry')).toEqual([]);

        // claim_fts_document(claim_id), for a bulk re-index, gives what the triggers stored
        const same = (await sql<{ same: boolean }>`SELECT document = claim_fts_document(claim_id) AS same FROM claim_fts WHERE claim_id = ${id}`.execute(db))
          .rows;
        expect(same).toEqual([{ same: true }]);
        // the deferred-index table exists, but PostgreSQL's triggers index at once whatever it says
        await sql`INSERT INTO claim_fts_deferred (after_id) VALUES (0)`.execute(db);
        const late = await insertClaim(db, other, { exact: 'Deferred words stay searchable' });
        expect(await searchIds('postgres', db, 'searchable')).toEqual([late]);
      });
    });

    it('0022 keeps one link per pair of claims and drops repeated figure agreements, as on SQLite', async () => {
      await withPostgres(adminUrl, async (db) => {
        await migrateTo(db, LAST_BEFORE_0022);
        const { keep, all } = await insertLinksBefore0022(db);
        expect(await linkIds(db)).toEqual(all);
        await migrateToLatest(db);
        expect(await linkIds(db)).toEqual(keep);
        // the pair index then refuses a second card for a pair, whichever claim comes first
        const [first] = await db.selectFrom('claim_link').select(['claim_a', 'claim_b']).where('id', '=', keep[0]).execute();
        await expect(
          db
            .insertInto('claim_link')
            .values({ claim_a: first.claim_b, claim_b: first.claim_a, relation: 'variant_of', score: 1, reason: 'again', created_at: NOW })
            .execute(),
        ).rejects.toThrow(/claim_link_one_per_pair/);
      });
    });

    it('go down to nothing and up again to the same catalogue', async () => {
      await withPostgres(adminUrl, async (db) => {
        await migrateToLatest(db);
        const before = await postgresCatalog(db);
        await migrateTo(db, NO_MIGRATIONS);
        const left = (
          await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace
            AND c.relname NOT LIKE 'kysely_%' UNION ALL SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace`.execute(db)
        ).rows;
        expect(left).toEqual([]);
        await migrateToLatest(db);
        expect(await postgresCatalog(db)).toEqual(before);
      });
    });
  });
}
