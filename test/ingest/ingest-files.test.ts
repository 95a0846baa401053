import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTestDb, tempDir } from '../helpers/db.js';

/** Everything stored, as plain rows, to prove a failed run changed nothing. */
async function snapshot(db: DB) {
  return {
    sources: await db.selectFrom('source').selectAll().orderBy('id').execute(),
    claims: await db.selectFrom('claim').selectAll().orderBy('id').execute(),
    entities: await db.selectFrom('entity').selectAll().orderBy('id').execute(),
  };
}

describe('ingestPaths', () => {
  let db: DB;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('ingests the five corpus articles with their front matter, then adds nothing on a second run', async () => {
    const first = await ingestPaths(db, [CORPUS_DIR]);
    expect(first.rejected).toEqual([]);
    expect(first.added).toHaveLength(5);
    const outlets = await db.selectFrom('source').select(['outlet', 'published_at', 'language']).orderBy('file').execute();
    expect(outlets.map((s) => s.outlet)).toEqual(['The Jewish Chronicle', null, null, 'Middle East Eye', 'BuzzFeed News']);
    expect(outlets.every((s) => s.language === 'en')).toBe(true);

    const second = await ingestPaths(db, [CORPUS_DIR]);
    expect(second.added).toHaveLength(0);
    expect(second.unchanged).toHaveLength(5);
    const n = await db
      .selectFrom('source')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });

  it('rejects a binary, an empty, an oversized and a bad-front-matter file by name, ingests the rest, and changes nothing stored', async () => {
    await ingestPaths(db, [join(CORPUS_DIR, '000-jc-tmv-founders.md')]);
    const before = await snapshot(db);

    const dir = tempDir();
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d]));
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'bad-front-matter.md'), '---\ntitle: ok\npublished: not a date\n---\nBody text.\n');
    writeFileSync(join(dir, 'huge.txt'), 'x'.repeat(2048));
    writeFileSync(join(dir, 'good.txt'), 'A good headline\n\nThe minister said: "This is fine." It cost £4,000.\n');
    const summary = await ingestPaths(db, [dir, join(dir, 'missing.txt')], { maxBytes: 1024 });

    const reasons = Object.fromEntries(summary.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    expect(reasons).toEqual({
      'binary.txt': 'binary file (contains NUL bytes)',
      'empty.txt': 'empty file',
      'bad-front-matter.md': expect.stringMatching(/^front matter: field "published": not a date/),
      'huge.txt': 'file too large: 2048 bytes (limit 1024)',
      'missing.txt': 'no such file or folder',
    });
    expect(summary.added.map((a) => a.file.split('/').pop())).toEqual(['good.txt']);

    const after = await snapshot(db);
    expect(after.sources.slice(0, before.sources.length)).toEqual(before.sources);
    expect(after.claims.slice(0, before.claims.length)).toEqual(before.claims);
    expect(after.sources).toHaveLength(before.sources.length + 1);
  });

  it('stores a changed version of the same file as a new source linked to the previous one', async () => {
    const dir = tempDir();
    const file = join(dir, 'story.txt');
    writeFileSync(file, 'Headline\n\nFirst version of the story.\n');
    const v1 = await ingestPaths(db, [file]);
    writeFileSync(file, 'Headline\n\nSecond version of the story, corrected.\n');
    const v2 = await ingestPaths(db, [file]);
    expect(v2.added[0].previousVersionId).toBe(v1.added[0].sourceId);
  });

  it('decodes a Latin-1 file and keeps its £', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sport'));
    writeFileSync(join(dir, 'sport', 'latin1.txt'), Buffer.concat([Buffer.from('Fee\n\nThe club paid '), Buffer.from([0xa3]), Buffer.from('1.5m for him.\n')]));
    const summary = await ingestPaths(db, [dir]);
    expect(summary.warnings[0].warning).toMatch(/Windows-1252/);
    const s = await db.selectFrom('source').select('text').executeTakeFirstOrThrow();
    expect(s.text).toBe('The club paid £1.5m for him.');
  });
});
