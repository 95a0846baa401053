import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { iterateExportRows } from '../../src/search/export-rows.js';
import type { ExportRow } from '../../src/export/types.js';
import type { DB } from '../../src/storage/connect.js';
import { hasColumn } from '../../src/storage/sql-dialect.js';
import { copyDb, freshDb, snapshotDb, tempDir, type DbSnapshot } from '../helpers/db.js';

const ARTICLE = `---
title: "Count ends in Perry Barr"
outlet: Test Gazette
published: 2024-07-05
author: Jane Roe
---
Count ends in Perry Barr

The count ran late into the night. Ayoub Khan won the seat by 528 votes, the returning officer said.

"We will not accept this. It is a disgrace," said Khalid Mahmood, who had held the seat since 2001.

Turnout fell to just over 42.6 percent, according to the council.
`;

const SECOND = `---
title: "Recount refused"
outlet: Other Times
published: 2024-07-06
---
Recount refused

A recount was refused on Saturday. "The result stands," said the returning officer, Mary Jones.
`;

async function all(db: DB, pageSize = 2): Promise<ExportRow[]> {
  const out: ExportRow[] = [];
  for await (const r of iterateExportRows(db, { filters: {} }, { pageSize })) out.push(r);
  return out;
}

const hasValueMax = (db: DB) => hasColumn(db, 'claim', 'value_max');

describe('export rows from the database', () => {
  let db: DB;
  let texts: Map<number, string>;
  // the setup runs once; each test gets a copy of the database it leaves
  let snapshot: DbSnapshot;
  beforeAll(async () => {
    db = await freshDb();
    const dir = tempDir();
    writeFileSync(join(dir, 'perry-barr.md'), ARTICLE);
    writeFileSync(join(dir, 'recount.md'), SECOND);
    const summary = await ingestPaths(db, [dir]);
    expect(summary.added).toHaveLength(2);
    texts = new Map((await db.selectFrom('source').select(['id', 'text']).execute()).map((s) => [s.id, s.text]));
    snapshot = await snapshotDb(db);
  });
  beforeEach(async () => {
    db = await copyDb(snapshot);
  });
  afterEach(() => db.destroy());

  it('gives every claim the sentence of the stored text it stands in (across pages and sources)', async () => {
    const rows = await all(db);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(new Set(rows.map((r) => r.source_id)).size).toBe(2);
    for (const r of rows) {
      const text = texts.get(r.source_id)!;
      expect(text.slice(r.start, r.end)).toBe(r.exact);
      expect(r.sentence).not.toBeNull();
      expect(text).toContain(r.sentence!);
      expect(r.sentence).toContain(r.exact);
    }
    const quote = rows.find((r) => r.kind === 'quote' && r.exact.startsWith('We will not accept'));
    expect(quote?.sentence).toBe('"We will not accept this. It is a disgrace," said Khalid Mahmood, who had held the seat since 2001.');
    expect(quote?.speaker_name).toBe('Khalid Mahmood');
    const second = rows.find((r) => r.exact === 'The result stands,' || r.exact === 'The result stands');
    expect(second?.sentence).toBe('"The result stands," said the returning officer, Mary Jones.');
  });

  it('gives figures their value, unit and qualifier with the sentence', async () => {
    const rows = await all(db);
    const votes = rows.find((r) => r.kind === 'figure' && r.value === 528);
    expect(votes).toEqual(expect.objectContaining({ unit: 'votes', sentence: 'Ayoub Khan won the seat by 528 votes, the returning officer said.' }));
    const turnout = rows.find((r) => r.kind === 'figure' && r.value === 42.6);
    expect(turnout).toEqual(
      expect.objectContaining({ unit: 'percent', qualifier: 'just over', sentence: 'Turnout fell to just over 42.6 percent, according to the council.' }),
    );
  });

  it('reads claim.value_max when the column exists, and null when it does not', async () => {
    // the column comes with another branch's migration: exercise both states whichever this database is in
    if (await hasValueMax(db)) await sql`ALTER TABLE claim DROP COLUMN value_max`.execute(db);
    expect((await all(db)).every((r) => r.value_max === null)).toBe(true);
    await sql`ALTER TABLE claim ADD COLUMN value_max REAL`.execute(db);
    await sql`UPDATE claim SET value_max = 600 WHERE kind = 'figure' AND value = 528`.execute(db);
    const votes = (await all(db)).find((r) => r.kind === 'figure' && r.value === 528);
    expect(votes?.value_max).toBe(600);
  });
});

describe('export rows from more sources than the sentence cache holds (256)', () => {
  let db: DB;
  beforeAll(async () => {
    db = await freshDb();
    const dir = tempDir();
    // 260 sources (the cache holds 256) of a few claims each: with small pages, many pages start inside a source read a page earlier
    for (let i = 1; i <= 260; i++) {
      writeFileSync(
        join(dir, `a${i}.md`),
        `---\ntitle: "Report ${i}"\noutlet: Test Gazette\n---\nReport ${i}\n\n"Plan ${i} will go ahead," said Jane Roe.\n\nThe council spent ${i + 100} million pounds on roads.\n\n"We disagree with plan ${i}," said John Doe.\n`,
      );
    }
    expect((await ingestPaths(db, [dir])).added).toHaveLength(260);
    // 260 ingest transactions (and crossref) take longer on a PostgreSQL server than on an in-memory SQLite
  }, 180_000);
  afterAll(() => db.destroy());

  it('still gives every claim its sentence after the cache is emptied', async () => {
    for (const pageSize of [2, 3, 4, 5]) {
      const rows = await all(db, pageSize);
      expect(rows.length).toBeGreaterThanOrEqual(780);
      expect(rows.filter((r) => r.sentence === null).map((r) => `claim ${r.id} (pages of ${pageSize})`)).toEqual([]);
      for (const r of rows) expect(r.sentence).toContain(r.exact);
    }
  });
});
