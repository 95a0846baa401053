import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { disjointShares, doubledShares, ingestInParallel } from '../../bench/parallel-ingest.js';
import { explainAnalyze, recordingStatements } from '../../bench/search-timing.js';
import { countClaims, OUTLETS, synthesiseClaims } from '../../bench/synthesise-claims.js';
import { collectFiles } from '../../src/ingest/collect-files.js';
import { searchClaims } from '../../src/storage/search.repository.js';
import { CORPUS_DIR, corpusDb, newDbPath, TEST_ENGINE } from '../helpers/db.js';

const files = Array.from({ length: 11 }, (_, i) => `f${i}.md`);
const timesEach = (shares: string[][]) => {
  const seen = new Map<string, number>();
  for (const s of shares) for (const f of s) seen.set(f, (seen.get(f) ?? 0) + 1);
  return seen;
};

describe('shares of the files for parallel ingest processes', () => {
  it.each([1, 2, 4])('%i disjoint shares hold every file once, sizes within one of each other', (n) => {
    const shares = disjointShares(files, n);
    expect(shares).toHaveLength(n);
    expect([...timesEach(shares).values()].every((k) => k === 1)).toBe(true);
    expect(timesEach(shares).size).toBe(files.length);
    const sizes = shares.map((s) => s.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it.each([2, 4])('%i doubled shares give every file to exactly two processes', (n) => {
    const shares = doubledShares(files, n);
    expect(shares).toHaveLength(n);
    expect(timesEach(shares).size).toBe(files.length);
    expect([...timesEach(shares).values()].every((k) => k === 2)).toBe(true);
    // never twice to one process
    expect(shares.every((s) => new Set(s).size === s.length)).toBe(true);
  });

  it('refuses to double over an odd number of processes', () => {
    expect(() => doubledShares(files, 3)).toThrow(/even/);
  });
});

describe('the million-claim synthesis (on the suite engine)', () => {
  it('copies sources and claims as distinct sources whose claims still point at their exact text, findable by outlet', async () => {
    const db = await corpusDb();
    try {
      const base = await countClaims(db);
      const maxSource = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM source`.execute(db)).rows[0].n);
      const figures = await synthesiseClaims(db, base * 4);
      expect(figures.claims).toBe(base * 4);
      const sources = await sql<{ n: number; d: number }>`SELECT count(*) AS n, count(DISTINCT content_sha256) AS d FROM source`.execute(db);
      expect(sources.rows[0].n).toBe(sources.rows[0].d);
      // the provenance rule on every copied claim: its source is the copy of its original's source
      const rows = (
        await sql<{ exact: string; start: number; end: number; text: string }>`
          SELECT c.exact, c.start, c."end", s.text FROM claim c JOIN source s ON s.id = c.source_id WHERE s.id > ${maxSource}`.execute(db)
      ).rows;
      expect(rows).toHaveLength(base * 3);
      expect(rows.filter((r) => r.text.slice(r.start, r.end) !== r.exact)).toEqual([]);
      // the copies are in the search index (PostgreSQL builds it after the copy) under their own outlet
      const word = (await sql<{ exact: string }>`SELECT exact FROM claim WHERE kind = 'quote' ORDER BY id LIMIT 1`.execute(db)).rows[0].exact
        .split(/\W+/)
        .find((w) => w.length > 5)!;
      const found = await searchClaims(db, { q: word, outlet: OUTLETS[3] }, { limit: 20, offset: 0 });
      expect(found.hits.length).toBeGreaterThan(0);
      expect(found.hits.every((h) => h.source_id > maxSource)).toBe(true);
    } finally {
      await db.destroy();
    }
  });
});

describe('recording the statements of a search', () => {
  it('gives each statement its SQL, parameters and time; on PostgreSQL its plan', async () => {
    const db = await corpusDb();
    try {
      const recorder = recordingStatements(db);
      await searchClaims(recorder.db, { q: 'said' }, { limit: 20, offset: 0 });
      const statements = recorder.take();
      const walk = statements.find((s) => /claim_fts/.test(s.sql));
      expect(walk).toBeDefined();
      expect(walk!.parameters.length).toBeGreaterThan(0);
      expect(statements.every((s) => s.ms >= 0)).toBe(true);
      expect(recorder.take()).toEqual([]);
      if (TEST_ENGINE === 'postgres') expect(await explainAnalyze(db, walk!)).toMatch(/Execution Time/);
    } finally {
      await db.destroy();
    }
  });
});

describe('claimtrail ingest processes at once', () => {
  it('every corpus file given to two processes at once: each source once, every file accounted for', async () => {
    const target = await newDbPath();
    const corpus = collectFiles([CORPUS_DIR]).files;
    expect(corpus.length).toBe(readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.md') && !/^readme/i.test(f)).length);
    const r = await ingestInParallel(target, doubledShares(corpus, 2));
    expect(r.failed).toEqual([]);
    expect(r.filesGiven).toBe(corpus.length * 2);
    expect(r.added + r.unchanged).toBe(corpus.length * 2);
    expect(r.added).toBe(corpus.length);
    expect(r.sources).toBe(corpus.length);
    expect(r.distinctHashes).toBe(corpus.length);
    expect(r.claims).toBeGreaterThan(0);
    expect(r.wallSeconds).toBeGreaterThan(0);
  }, 120_000);
});
