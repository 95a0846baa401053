import { sql } from 'kysely';
import type { DB } from '../../src/storage/connect.js';
import { engineOf } from '../../src/storage/engine.js';
import { byCodePoint, caseInsensitiveEquals, caseInsensitiveKey, greatestNonNull, indexDefinitions } from '../../src/storage/sql-dialect.js';
import { freshDb, TEST_ENGINE } from '../helpers/db.js';

// The dialect helpers on the engine the suite runs on (SQLite by default, PostgreSQL with CLAIMTRAIL_TEST_PG_URL):
// each must give the same answers on both.

let db: DB;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(async () => {
  await db.destroy();
});

/** A throwaway table of words, on either engine. */
async function words(values: (string | null)[]): Promise<void> {
  await sql`CREATE TABLE dialect_word (id integer PRIMARY KEY, w text)`.execute(db);
  for (const [i, w] of values.entries()) await sql`INSERT INTO dialect_word (id, w) VALUES (${i + 1}, ${w})`.execute(db);
}

it('runs on the engine the suite was asked for', () => {
  expect(engineOf(db)).toBe(TEST_ENGINE);
});

it('caseInsensitiveKey orders words ignoring case', async () => {
  await words(['beta', 'Alpha', 'gamma', 'Delta']);
  const { rows } = await sql<{ w: string }>`SELECT w FROM dialect_word ORDER BY ${caseInsensitiveKey(db, sql.ref('w'))}`.execute(db);
  expect(rows.map((r) => r.w)).toEqual(['Alpha', 'beta', 'Delta', 'gamma']);
});

it('caseInsensitiveEquals matches whatever the case, and nothing else', async () => {
  await words(['BBC News', 'bbc news', 'BBC Newsnight', null]);
  const { rows } = await sql<{ id: number }>`SELECT id FROM dialect_word WHERE ${caseInsensitiveEquals(db, sql.ref('w'), 'Bbc NEWS')} ORDER BY id`.execute(db);
  expect(rows.map((r) => r.id)).toEqual([1, 2]);
});

it('byCodePoint compares as bytes: a "\\uffff" ceiling is above every date with that prefix', async () => {
  await words(['2024-07-05', '2024-07-05T10:00:00Z', '2024-12-31', '2025-01-01', '2024', '2023-12-31']);
  const { rows } = await sql<{ w: string }>`SELECT w FROM dialect_word WHERE ${byCodePoint(db, sql.ref('w'))} >= ${'2024'} AND ${byCodePoint(
    db,
    sql.ref('w'),
  )} < ${'2024\uffff'} ORDER BY ${byCodePoint(db, sql.ref('w'))}`.execute(db);
  expect(rows.map((r) => r.w)).toEqual(['2024', '2024-07-05', '2024-07-05T10:00:00Z', '2024-12-31']);
  // and uppercase before lowercase, punctuation by its code
  await sql`INSERT INTO dialect_word (id, w) VALUES (100, 'a-b'), (101, 'ab'), (102, 'B')`.execute(db);
  const order = await sql<{ w: string }>`SELECT w FROM dialect_word WHERE id >= 100 ORDER BY ${byCodePoint(db, sql.ref('w'))}`.execute(db);
  expect(order.rows.map((r) => r.w)).toEqual(['B', 'a-b', 'ab']);
});

it('greatestNonNull gives the greater of two values, the other when one is NULL, NULL when both are', async () => {
  const pick = async (a: string | null, b: string | null) =>
    (await sql<{ g: string | null }>`SELECT ${greatestNonNull(db, sql`CAST(${a} AS text)`, sql`CAST(${b} AS text)`)} AS g`.execute(db)).rows[0].g;
  expect(await pick('2024-07-05', '2024-07-06')).toBe('2024-07-06');
  expect(await pick('2024-07-06', '2024-07-05')).toBe('2024-07-06');
  expect(await pick(null, '2024-07-05')).toBe('2024-07-05');
  expect(await pick('2024-07-05', null)).toBe('2024-07-05');
  expect(await pick(null, null)).toBeNull();
});

it('indexDefinitions lists existing indexes with statements that build them again', async () => {
  const defs = await indexDefinitions(db, ['claim_kind_idx', 'no_such_index', 'claim_speaker_idx']);
  expect(defs.map((d) => d.name)).toEqual(['claim_kind_idx', 'claim_speaker_idx']);
  expect(defs.every((d) => /^CREATE INDEX/i.test(d.sql))).toBe(true);
  await sql`DROP INDEX claim_kind_idx`.execute(db);
  expect((await indexDefinitions(db, ['claim_kind_idx'])).map((d) => d.name)).toEqual([]);
  await sql.raw(defs[0].sql).execute(db);
  expect(await indexDefinitions(db, ['claim_kind_idx'])).toEqual([defs[0]]);
  expect(await indexDefinitions(db, [])).toEqual([]);
});
