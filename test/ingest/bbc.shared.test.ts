// Over ../shared (not shipped): the 2,225 BBC articles, with a Latin-1 file and 98 duplicates.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths, type IngestSummary } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { createTestDb } from '../helpers/db.js';

const BBC = new URL('../../../shared/data/bbc-news-greene2006/bbc/', import.meta.url).pathname;

describe('the BBC set', () => {
  let db: DB;
  let summary: IngestSummary;
  beforeAll(async () => {
    db = await createTestDb();
    summary = await ingestPaths(db, [BBC]);
  });
  afterAll(() => db.destroy());

  it('gives 2,127 sources and 98 unchanged duplicates, rejecting nothing', () => {
    expect(summary.rejected).toEqual([]);
    expect(summary.added).toHaveLength(2127);
    expect(summary.unchanged).toHaveLength(98);
  });

  it('decodes the Latin-1 file sport/199.txt with its £ intact, and warns', async () => {
    const file = join(BBC, 'sport', '199.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file))).toThrow();
    expect(summary.warnings.map((w) => w.file)).toContain(file);
    const row = await db.selectFrom('source').select('text').where('file', '=', file).executeTakeFirstOrThrow();
    expect(row.text).toContain('£');
    expect(row.text).not.toContain('\uFFFD');
  });

  it('keeps the provenance rule for every claim of every article', async () => {
    const rows = await db
      .selectFrom('claim')
      .innerJoin('source', 'source.id', 'claim.source_id')
      .select(['claim.id', 'claim.start', 'claim.end', 'claim.exact', 'claim.prefix', 'claim.suffix', 'source.text'])
      .execute();
    expect(rows.length).toBeGreaterThan(10000);
    const broken = rows.filter(
      (r) => r.text.slice(r.start, r.end) !== r.exact || !r.text.slice(0, r.start).endsWith(r.prefix) || !r.text.slice(r.end).startsWith(r.suffix),
    );
    expect(broken.map((r) => r.id)).toEqual([]);
  });

  it('re-ingesting the set adds nothing', async () => {
    const again = await ingestPaths(db, [BBC]);
    expect(again.added).toHaveLength(0);
    expect(again.unchanged).toHaveLength(2225);
  });
});
