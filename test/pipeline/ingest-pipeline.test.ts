import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createExtractionPool, type ExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { createTestDb, tempDir } from '../helpers/db.js';
import { countIndexMatches, indexedClaimIds, refuseUpdatesOf } from '../helpers/engine-sql.js';
import { slowDocument } from '../reliability/web-slow-document.js';

const SRC = new URL('../../src/', import.meta.url).pathname;
const article = (title: string, who: string, amount: string) =>
  `${title}\n\n“We will open the new bridge in spring,” said ${who}, the council leader.\n\nThe bridge cost ${amount}, the council said.`;

/** Every import statement of the .ts files under src/<folder>, with the file it is in. */
function importsOf(folder: string): { file: string; statement: string }[] {
  const dir = join(SRC, folder);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => (readFileSync(join(dir, f), 'utf8').match(/^import[^;]*?from\s+'[^']+';/gms) ?? []).map((statement) => ({ file: f, statement })));
}

describe('the pipeline’s layers', () => {
  it('storage writes what it is given: it imports nothing from extract or ingest but types', () => {
    const offending = importsOf('storage').filter((i) => /from '\.\.\/(extract|ingest)\//.test(i.statement) && !/^import type /.test(i.statement));
    // the one left: an editor's correction finds the claim's sentence (web routes call it; moves with the one sentence splitter)
    expect(offending).toEqual([{ file: 'claim-correction.repository.ts', statement: "import { segmentSentences } from '../ingest/segment.js';" }]);
  });

  it('ingest does not cross-reference (the pipeline does)', () => {
    expect(importsOf('ingest').filter((i) => /from '\.\.\/crossref\//.test(i.statement))).toEqual([]);
  });
});

describe('ingest through the pipeline', () => {
  let db: DB;
  let pool: ExtractionPool;
  beforeAll(() => {
    pool = createExtractionPool({ threads: 2 });
  });
  afterAll(() => pool.close());
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('stores in the order given whichever worker finishes first, and indexes every claim for search once the group is written', async () => {
    const dir = tempDir();
    const files = ['a', 'b', 'c', 'd', 'e', 'f'].map((n, i) => {
      const file = join(dir, `${n}.txt`);
      writeFileSync(file, article(`Bridge story ${n}`, ['Ann Lee', 'Bo Diaz', 'Cy Park'][i % 3], `£${i + 2} million`));
      return file;
    });
    const summary = await ingestPaths(db, [dir], { pool, crossref: false });
    expect(summary.rejected).toEqual([]);
    expect(summary.added.map((a) => a.file)).toEqual(files);
    const ids = summary.added.map((a) => a.sourceId);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    const claims = await db.selectFrom('claim').select(['id', 'exact']).execute();
    expect(claims.length).toBeGreaterThanOrEqual(12);
    expect(await indexedClaimIds(db)).toEqual(claims.map((c) => c.id).sort((x, y) => x - y));
    expect(await countIndexMatches(db, ['bridge', 'spring'])).toBe(6);
    // nothing is left deferred: a claim added afterwards is indexed by the trigger as before
    expect((await sql<{ n: number }>`SELECT count(*) AS n FROM claim_fts_deferred`.execute(db)).rows[0].n).toBe(0);
  }, 120_000);

  it('rejects a document over the time budget by name while the others are stored', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-fast.txt'), article('Fast one', 'Ann Lee', '£3 million'));
    writeFileSync(join(dir, 'b-slow.txt'), slowDocument(2500).text);
    writeFileSync(join(dir, 'c-fast.txt'), article('Fast two', 'Bo Diaz', '£4 million'));
    const quick = createExtractionPool({ threads: 2, budgetMs: 1000 });
    // workers load their modules on their first document: started first, so a loaded machine's start-up is not counted as a fast file's extraction
    await Promise.all([0, 1].map((i) => quick.run({ name: `warm-${i}.txt`, text: 'Warm up', maxBytes: 64 })));
    let summary: Awaited<ReturnType<typeof ingestPaths>>;
    try {
      summary = await ingestPaths(db, [dir], { pool: quick, crossref: false });
    } finally {
      await quick.close();
    }
    expect(summary.added.map((a) => a.file.split('/').pop())).toEqual(['a-fast.txt', 'c-fast.txt']);
    expect(summary.rejected).toEqual([{ file: join(dir, 'b-slow.txt'), reason: 'took longer than 1 s to extract; it was stopped and not stored' }]);
  }, 180_000);

  it('keeps the sources when cross-referencing fails, says so, and leaves them pending for the next run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.txt'), article('Bridge opens', 'Ann Lee', '£3 million'));
    writeFileSync(join(dir, 'two.txt'), article('Bridge opening', 'Ann Lee', '£3 million'));
    // a real failure in the last step only: the database refuses to mark a source cross-referenced
    await refuseUpdatesOf(db, 'source', 'crossref_done', 'crossref refused in this test');
    const summary = await ingestPaths(db, [dir], { pool });
    expect(summary.added).toHaveLength(2);
    expect(summary.crossref).toEqual({ status: 'pending', reason: expect.stringMatching(/crossref refused in this test/) });
    const pending = await db.selectFrom('source').select('crossref_done').execute();
    expect(pending.map((s) => s.crossref_done)).toEqual([0, 0]);
  }, 120_000);
});
