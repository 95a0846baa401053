import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { BULK_DROPPABLE_INDEXES, BULK_INDEX_MIN_DOCUMENTS, dropIndexesForBulk } from '../../src/storage/bulk-indexes.js';
import { createExtractionPool, type ExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { indexDefinitions } from '../../src/storage/sql-dialect.js';
import { createTempFileDb, describeSqliteOnly, tempDir } from '../helpers/db.js';

const article = (n: number) => `Story ${n}\n\n“We will open bridge ${n} in spring,” said Ann Lee, the council leader.\n\nIt cost £${n} million.`;

/** The droppable indexes as they stand (name → CREATE statement), and what the list of dropped ones holds, read on a connection of its own. */
function indexState(path: string): { indexes: Record<string, string>; listed: string[] } {
  const s = new SQLite(path, { readonly: true });
  try {
    const rows = s
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${BULK_DROPPABLE_INDEXES.map(() => '?').join(', ')}) ORDER BY name`)
      .all(...BULK_DROPPABLE_INDEXES) as { name: string; sql: string }[];
    const listed = (s.prepare('SELECT name FROM bulk_dropped_index ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    return { indexes: Object.fromEntries(rows.map((r) => [r.name, r.sql])), listed };
  } finally {
    s.close();
  }
}

/** The same, read through the database itself from its engine's catalog (sqlite_master or pg_indexes). */
async function catalogState(db: DB): Promise<{ indexes: Record<string, string>; listed: string[] }> {
  const defs = await indexDefinitions(db, BULK_DROPPABLE_INDEXES);
  const listed = (await sql<{ name: string }>`SELECT name FROM bulk_dropped_index ORDER BY name`.execute(db)).rows.map((r) => r.name);
  return { indexes: Object.fromEntries(defs.map((d) => [d.name, d.sql])), listed };
}

describe('the indexes a bulk ingest drops, on either engine', () => {
  let db: DB;
  let pool: ExtractionPool;
  beforeAll(() => {
    pool = createExtractionPool({ threads: 2 });
  });
  afterAll(() => pool.close());
  beforeEach(async () => {
    ({ db } = await createTempFileDb());
  });
  afterEach(() => db.destroy());

  it('a killed run’s are built again by the next ingest, however small, exactly as they were', async () => {
    const before = await catalogState(db);
    expect(Object.keys(before.indexes).sort()).toEqual([...BULK_DROPPABLE_INDEXES].sort());
    expect(before.listed).toEqual([]);
    await dropIndexesForBulk(db);
    expect(await catalogState(db)).toEqual({ indexes: {}, listed: [...BULK_DROPPABLE_INDEXES].sort() });
    // dropping again (a second killed run) keeps the statements listed the first time
    await dropIndexesForBulk(db);
    expect((await catalogState(db)).listed).toEqual([...BULK_DROPPABLE_INDEXES].sort());
    const dir = tempDir();
    writeFileSync(join(dir, 'one.txt'), article(1));
    const summary = await ingestPaths(db, [dir], { pool, crossref: false });
    expect(summary.added).toHaveLength(1);
    expect(await catalogState(db)).toEqual(before);
  });
});

describeSqliteOnly('read on a second connection while the ingest writes (sqlite_master, query plans, integrity check)', () => {
  describe('the indexes a bulk ingest drops while it writes', () => {
    let db: DB;
    let path: string;
    let pool: ExtractionPool;
    beforeAll(() => {
      pool = createExtractionPool({ threads: 2 });
    });
    afterAll(() => pool.close());
    beforeEach(async () => {
      ({ db, path } = await createTempFileDb());
    });
    afterEach(() => db.destroy());

    it(`are gone while ${BULK_INDEX_MIN_DOCUMENTS} files are written and back, exactly as they were, when the run ends`, async () => {
      const before = indexState(path);
      expect(Object.keys(before.indexes).sort()).toEqual([...BULK_DROPPABLE_INDEXES].sort());
      const dir = tempDir();
      for (let i = 0; i < BULK_INDEX_MIN_DOCUMENTS; i++) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), article(i));
      const during: ReturnType<typeof indexState>[] = [];
      const summary = await ingestPaths(db, [dir], { pool, crossref: false, onProgress: (done) => (done === 250 ? during.push(indexState(path)) : undefined) });
      expect(summary.added).toHaveLength(BULK_INDEX_MIN_DOCUMENTS);
      expect(during).toEqual([{ indexes: {}, listed: [...BULK_DROPPABLE_INDEXES].sort() }]);
      expect(indexState(path)).toEqual(before);
      // and they index what was written meanwhile
      const s = new SQLite(path, { readonly: true });
      expect(s.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      expect(
        (s.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM claim WHERE kind = 'quote'").all() as { detail: string }[]).map((r) => r.detail).join(),
      ).toMatch(/claim_kind_idx/);
      expect(s.prepare("SELECT count(*) AS n FROM claim INDEXED BY claim_kind_idx WHERE kind = 'quote'").get()).toEqual({ n: BULK_INDEX_MIN_DOCUMENTS });
      s.close();
    }, 120_000);

    it('a killed run’s are built again by the next ingest, however small', async () => {
      const before = indexState(path);
      await dropIndexesForBulk(db);
      expect(indexState(path)).toEqual({ indexes: {}, listed: [...BULK_DROPPABLE_INDEXES].sort() });
      const dir = tempDir();
      writeFileSync(join(dir, 'one.txt'), article(1));
      const summary = await ingestPaths(db, [dir], { pool, crossref: false });
      expect(summary.added).toHaveLength(1);
      expect(indexState(path)).toEqual(before);
    });

    it('a small ingest leaves them in place', async () => {
      const before = indexState(path);
      const dir = tempDir();
      for (let i = 0; i < 3; i++) writeFileSync(join(dir, `${i}.txt`), article(i));
      const during: ReturnType<typeof indexState>[] = [];
      await ingestPaths(db, [dir], { pool, crossref: false, onProgress: (done) => (done === 1 ? during.push(indexState(path)) : undefined) });
      expect(during).toEqual([before]);
      expect(indexState(path)).toEqual(before);
    });
  });
});
