import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { BULK_DROPPABLE_INDEXES, BULK_INDEX_MIN_DOCUMENTS, dropIndexesForBulk, dropsIndexesForBulk } from '../../src/storage/bulk-indexes.js';
import { createExtractionPool, type ExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { createTempFileDb, TEST_ENGINE, tempDir } from '../helpers/db.js';

const article = (n: number) => `Story ${n}\n\n“We will open bridge ${n} in spring,” said Ann Lee, the council leader.\n\nIt cost £${n} million.`;

type IndexState = { indexes: Record<string, string>; listed: string[] };

/** The droppable indexes as they stand (name → CREATE statement), and what the list of dropped ones holds, read on a connection of its own. */
async function indexState(path: string): Promise<IndexState> {
  const state = (rows: { name: string; sql: string }[], listed: { name: string }[]) => ({
    indexes: Object.fromEntries(rows.map((r) => [r.name, r.sql])),
    listed: listed.map((r) => r.name),
  });
  if (TEST_ENGINE === 'postgres') {
    const c = new pg.Client({ connectionString: path });
    await c.connect();
    try {
      const rows = await c.query('SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE indexname = ANY($1) ORDER BY indexname', [
        BULK_DROPPABLE_INDEXES,
      ]);
      return state(rows.rows, (await c.query('SELECT name FROM bulk_dropped_index ORDER BY name')).rows);
    } finally {
      await c.end();
    }
  }
  const s = new SQLite(path, { readonly: true });
  try {
    const rows = s
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN (${BULK_DROPPABLE_INDEXES.map(() => '?').join(', ')}) ORDER BY name`)
      .all(...BULK_DROPPABLE_INDEXES) as { name: string; sql: string }[];
    return state(rows, s.prepare('SELECT name FROM bulk_dropped_index ORDER BY name').all() as { name: string }[]);
  } finally {
    s.close();
  }
}

/** Whether the database is sound and a count of quotes is answered from claim_kind_idx: how many it counts. */
async function quotesCountedByKindIndex(path: string): Promise<number> {
  if (TEST_ENGINE === 'postgres') {
    const c = new pg.Client({ connectionString: path });
    await c.connect();
    try {
      await c.query('SET enable_seqscan = off');
      const plan = await c.query("EXPLAIN SELECT count(*) FROM claim WHERE kind = 'quote'");
      expect(plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join()).toMatch(/claim_kind_idx/);
      return Number((await c.query("SELECT count(*) AS n FROM claim WHERE kind = 'quote'")).rows[0].n);
    } finally {
      await c.end();
    }
  }
  const s = new SQLite(path, { readonly: true });
  try {
    expect(s.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect((s.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM claim WHERE kind = 'quote'").all() as { detail: string }[]).map((r) => r.detail).join()).toMatch(
      /claim_kind_idx/,
    );
    return (s.prepare("SELECT count(*) AS n FROM claim INDEXED BY claim_kind_idx WHERE kind = 'quote'").get() as { n: number }).n;
  } finally {
    s.close();
  }
}

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

  it(`are gone while ${BULK_INDEX_MIN_DOCUMENTS} files are written (SQLite; kept on PostgreSQL) and back, exactly as they were, when the run ends`, async () => {
    const before = await indexState(path);
    expect(Object.keys(before.indexes).sort()).toEqual([...BULK_DROPPABLE_INDEXES].sort());
    const dir = tempDir();
    for (let i = 0; i < BULK_INDEX_MIN_DOCUMENTS; i++) writeFileSync(join(dir, `${String(i).padStart(3, '0')}.txt`), article(i));
    const during: Promise<IndexState>[] = [];
    const summary = await ingestPaths(db, [dir], { pool, crossref: false, onProgress: (done) => (done === 250 ? during.push(indexState(path)) : undefined) });
    expect(summary.added).toHaveLength(BULK_INDEX_MIN_DOCUMENTS);
    // on PostgreSQL a bulk ingest keeps them: other ingest processes may be writing into the same tables meanwhile
    const whileWriting = dropsIndexesForBulk(db) ? { indexes: {}, listed: [...BULK_DROPPABLE_INDEXES].sort() } : before;
    expect(await Promise.all(during)).toEqual([whileWriting]);
    expect(await indexState(path)).toEqual(before);
    // and they index what was written meanwhile
    expect(await quotesCountedByKindIndex(path)).toBe(BULK_INDEX_MIN_DOCUMENTS);
  }, 120_000);

  it('a killed run’s are built again by the next ingest, however small', async () => {
    const before = await indexState(path);
    await dropIndexesForBulk(db);
    expect(await indexState(path)).toEqual({ indexes: {}, listed: [...BULK_DROPPABLE_INDEXES].sort() });
    const dir = tempDir();
    writeFileSync(join(dir, 'one.txt'), article(1));
    const summary = await ingestPaths(db, [dir], { pool, crossref: false });
    expect(summary.added).toHaveLength(1);
    expect(await indexState(path)).toEqual(before);
  });

  it('a small ingest leaves them in place', async () => {
    const before = await indexState(path);
    const dir = tempDir();
    for (let i = 0; i < 3; i++) writeFileSync(join(dir, `${i}.txt`), article(i));
    const during: Promise<IndexState>[] = [];
    await ingestPaths(db, [dir], { pool, crossref: false, onProgress: (done) => (done === 1 ? during.push(indexState(path)) : undefined) });
    expect(await Promise.all(during)).toEqual([before]);
    expect(await indexState(path)).toEqual(before);
  });
});
