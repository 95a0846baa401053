import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../src/storage/connect.js';
import { openDatabase } from '../../src/storage/connect.js';
import { copyDatabase, readTables, verifyCopy } from '../../src/storage/db-copy.js';
import { skipReason } from '../../src/storage/db-copy-plan.js';
import { searchClaims } from '../../src/storage/search.repository.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { CORPUS_DIR, corpusFileDb, createTempFileDb, tempDir } from '../helpers/db.js';

const names = { from: 'source.db', to: 'target.db' };

/** Claim ids the search finds for `q`, in id order. */
async function searchIds(db: DB, q: string): Promise<number[]> {
  return (await searchClaims(db, { q }, { limit: 500, offset: 0 })).hits.map((h) => h.id).sort((a, b) => a - b);
}

/** Claim ids SQLite's search index holds `word` for, in id order. */
async function indexedIds(db: DB, word: string): Promise<number[]> {
  return (await sql<{ id: number }>`SELECT rowid AS id FROM claim_fts WHERE claim_fts MATCH ${word} ORDER BY rowid`.execute(db)).rows.map((r) => r.id);
}

async function count(db: DB, table: string): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.id(table)}`.execute(db)).rows[0].n);
}

describe('db copy, SQLite to SQLite', () => {
  let from: DB;
  let open: DB[];

  beforeEach(async () => {
    from = (await corpusFileDb()).db;
    open = [from];
  });
  afterEach(async () => {
    for (const db of open) await db.destroy();
  });

  const target = async () => {
    const { db } = await createTempFileDb();
    open.push(db);
    return db;
  };

  it('copies every table of the corpus with equal counts and checksums, and the copy answers searches the same', async () => {
    const to = await target();
    const report = await copyDatabase(from, to, names);
    expect(report.ok).toBe(true);
    const copied = (await readTables(from)).filter((t) => skipReason(t.name) === undefined).map((t) => t.name);
    expect(report.tables.map((t) => t.table).sort()).toEqual(copied.sort());
    expect(copied).toEqual(expect.arrayContaining(['source', 'claim', 'entity', 'entity_alias', 'mention', 'claim_link', 'audit_event', 'citation_list_item']));
    for (const t of report.tables) {
      expect(t.to).toEqual(t.from);
      expect(t.from.rows).toBe(await count(from, t.table));
    }
    expect(report.tables.find((t) => t.table === 'claim')!.from.rows).toBeGreaterThan(100);
    expect(report.rows).toBe(report.tables.reduce((a, t) => a + t.from.rows, 0));
    for (const word of ['muslim', 'vote', 'election']) {
      const ids = await searchIds(from, word);
      expect(ids.length).toBeGreaterThan(0);
      expect(await searchIds(to, word)).toEqual(ids);
    }
    expect(await count(to, 'claim_fts')).toBe(await count(to, 'claim'));
    expect((await verifyCopy(from, to, names)).ok).toBe(true);
  });

  it('new rows in the copy get ids after the copied ones', async () => {
    const to = await target();
    await copyDatabase(from, to, names);
    const maxId = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM entity`.execute(to)).rows[0].id);
    const inserted = await to
      .insertInto('entity')
      .values({ kind: 'person', name: 'New Person', created_at: new Date().toISOString(), merged_into: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBe(maxId + 1);
  });

  it('refuses a second copy into the now non-empty target, naming it and the table, and leaves it as it was', async () => {
    const to = await target();
    await copyDatabase(from, to, names);
    const before = await verifyCopy(from, to, names);
    await expect(copyDatabase(from, to, names)).rejects.toThrow(/^target\.db is not empty: table "\w+" has rows .*--replace/);
    expect(await verifyCopy(from, to, names)).toEqual(before);
  });

  it('with replace, deletes the target rows first; a copy that fails half way leaves the target untouched', async () => {
    const to = await target();
    await copyDatabase(from, to, names);
    await sql`UPDATE claim SET exact = 'edited in the target' WHERE id = (SELECT min(id) FROM claim)`.execute(to);
    await expect(
      copyDatabase(from, to, names, {
        replace: true,
        onProgress: (p) => {
          if (p.table === 'claim') throw new Error('stopped half way');
        },
      }),
    ).rejects.toThrow('stopped half way');
    expect(await count(to, 'claim')).toBe(await count(from, 'claim'));
    expect((await sql<{ exact: string }>`SELECT exact FROM claim ORDER BY id LIMIT 1`.execute(to)).rows[0].exact).toBe('edited in the target');
    const report = await copyDatabase(from, to, names, { replace: true });
    expect(report.ok).toBe(true);
    expect(await searchIds(to, 'edited')).toEqual([]);
    expect(await searchIds(to, 'muslim')).toEqual(await searchIds(from, 'muslim'));
  });

  it('copies a source that points at a later version of itself (a self-reference forward in key order)', async () => {
    const ids = (await sql<{ id: number }>`SELECT id FROM source ORDER BY id`.execute(from)).rows.map((r) => r.id);
    await sql`UPDATE source SET previous_version_id = ${ids[ids.length - 1]} WHERE id = ${ids[0]}`.execute(from);
    const to = await target();
    expect((await copyDatabase(from, to, names)).ok).toBe(true);
    expect((await sql<{ p: number }>`SELECT previous_version_id AS p FROM source WHERE id = ${ids[0]}`.execute(to)).rows[0].p).toBe(ids[ids.length - 1]);
  });

  it('verify reports a row changed, removed or added in the copy, table by table', async () => {
    const to = await target();
    await copyDatabase(from, to, names);
    await sql`UPDATE claim SET confidence = confidence + 0.001 WHERE id = (SELECT max(id) FROM claim)`.execute(to);
    await sql`DELETE FROM entity_alias WHERE id = (SELECT max(id) FROM entity_alias)`.execute(to);
    await sql`INSERT INTO citation_list (name, created_by, created_at) VALUES ('extra', 'test', '2024-01-01')`.execute(to);
    const report = await verifyCopy(from, to, names);
    expect(report.ok).toBe(false);
    const bad = report.tables.filter((t) => !t.ok);
    expect(bad.map((t) => t.table).sort()).toEqual(['citation_list', 'claim', 'entity_alias']);
    const claim = bad.find((t) => t.table === 'claim')!;
    expect(claim.to.rows).toBe(claim.from.rows);
    expect(claim.to.checksum).not.toBe(claim.from.checksum);
    expect(bad.find((t) => t.table === 'entity_alias')!.to.rows).toBe(bad.find((t) => t.table === 'entity_alias')!.from.rows - 1);
  });

  it('refuses a target whose schema differs, naming the table', async () => {
    const to = await target();
    await sql`CREATE TABLE stray_notes (id integer PRIMARY KEY, body text)`.execute(to);
    await expect(copyDatabase(from, to, names)).rejects.toThrow('table "stray_notes" of target.db is not in source.db');
    expect(await count(to, 'claim')).toBe(0);
  });
});

// SQLite → PostgreSQL → SQLite, when an admin URL of a PostgreSQL server is given (CI sets it; `npm test` alone does not).
const PG_ADMIN_URL = process.env.CLAIMTRAIL_TEST_PG_URL;
const describePg = PG_ADMIN_URL ? describe : describe.skip;

describePg('db copy through PostgreSQL (CLAIMTRAIL_TEST_PG_URL)', () => {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  const database = `dbcopy_test_${process.pid}_${Date.now()}`;
  const pgUrl = (() => {
    const url = new URL(PG_ADMIN_URL ?? 'postgres://localhost/postgres');
    url.pathname = `/${database}`;
    return url.toString();
  })();
  const open: DB[] = [];

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    for (const db of open) await db.destroy();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('gives identical checksums at both ends, the same search answers, and ids that continue after the copied ones', async () => {
    // the round trip starts from a SQLite file whichever engine the suite runs on
    const from = await openDatabase(join(tempDir(), 'corpus.db'));
    open.push(from);
    await ingestPaths(from, [CORPUS_DIR]);
    const onPg = await openDatabase(pgUrl);
    open.push(onPg);
    const there = await copyDatabase(from, onPg, { from: 'corpus.db', to: 'postgres' });
    expect(there.tables.filter((t) => !t.ok)).toEqual([]);
    const back = await openDatabase(join(tempDir(), 'back.db'));
    open.push(back);
    const again = await copyDatabase(onPg, back, { from: 'postgres', to: 'back.db' });
    expect(again.tables.filter((t) => !t.ok)).toEqual([]);
    expect(again.tables.map((t) => [t.table, t.from])).toEqual(there.tables.map((t) => [t.table, t.from]));
    expect((await verifyCopy(from, back, { from: 'corpus.db', to: 'back.db' })).ok).toBe(true);

    // the search index each engine keeps, asked directly: the same claims hold each word
    for (const word of ['muslim', 'vote', 'election']) {
      const ids = await searchIds(from, word);
      expect(ids.length).toBeGreaterThan(0);
      expect(await indexedIds(from, word)).toEqual(ids);
      const onPgIds = (
        await sql<{ id: number }>`SELECT claim_id AS id FROM claim_fts WHERE document @@ plainto_tsquery('english', ${word}) ORDER BY claim_id`.execute(onPg)
      ).rows;
      expect(onPgIds.map((r) => r.id)).toEqual(ids);
      expect(await searchIds(back, word)).toEqual(ids);
    }
    expect(await count(onPg, 'claim_fts')).toBe(await count(from, 'claim'));

    const maxId = Number((await sql<{ id: number }>`SELECT max(id) AS id FROM entity`.execute(onPg)).rows[0].id);
    const inserted = await onPg
      .insertInto('entity')
      .values({ kind: 'person', name: 'New Person', created_at: new Date().toISOString(), merged_into: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(inserted.id).toBe(maxId + 1);
    const report = await verifyCopy(from, onPg, { from: 'corpus.db', to: 'postgres' });
    expect(report.tables.filter((t) => !t.ok).map((t) => t.table)).toEqual(['entity']);

    await expect(copyDatabase(from, onPg, { from: 'corpus.db', to: 'postgres' })).rejects.toThrow(/^postgres is not empty: table "\w+" has rows/);
    const entitiesBefore = await count(onPg, 'entity');
    const stop = (p: { table: string }) => {
      if (p.table === 'mention') throw new Error('stopped half way');
    };
    await expect(copyDatabase(from, onPg, { from: 'corpus.db', to: 'postgres' }, { replace: true, onProgress: stop })).rejects.toThrow('stopped half way');
    expect(await count(onPg, 'entity')).toBe(entitiesBefore);
    expect(await count(onPg, 'claim_fts')).toBe(await count(onPg, 'claim'));
    expect((await copyDatabase(from, onPg, { from: 'corpus.db', to: 'postgres' }, { replace: true })).ok).toBe(true);

    // the claim table's triggers are on again after the copy: a new claim is indexed for search at once
    const claim = await sql<Record<string, unknown>>`SELECT * FROM claim ORDER BY id DESC LIMIT 1`.execute(onPg);
    const { id: _id, ...row } = claim.rows[0];
    await onPg
      .insertInto('claim')
      .values({ ...(row as object), exact: 'zanzibarian words' } as never)
      .execute();
    const found = await sql<{ n: number }>`SELECT count(*) AS n FROM claim_fts WHERE document @@ plainto_tsquery('english', 'zanzibarian')`.execute(onPg);
    expect(Number(found.rows[0].n)).toBe(1);
  }, 120_000);
});
