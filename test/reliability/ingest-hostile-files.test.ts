import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sharedExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { MAX_HTML_DEPTH, MAX_HTML_ELEMENTS } from '../../src/ingest/html-to-text.js';
import { MAX_ALIAS_COUNT } from '../../src/ingest/parse-front-matter.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTestDb, tempDir } from '../helpers/db.js';

const GOOD_MD =
  '---\ntitle: Council approves the budget\noutlet: Test Gazette\n---\n\nThe council leader said: "We will build 300 homes this year." The plan costs £4,000,000.\n';
const GOOD_TXT = 'Rail fares rise again\n\nFares will rise by 3.5 percent in March, the operator said on Monday.\n';

/** Front matter whose aliases expand nine-fold per level (a "billion laughs"). */
function aliasBomb(): string {
  const lines = ['title: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  let prev = 'a';
  for (const n of 'bcdefgh') {
    lines.push(`${n}: &${n} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    prev = n;
  }
  return `---\n${lines.join('\n')}\n---\n\nBody.\n`;
}

const utf16 = (text: string, order: 'le' | 'be') => {
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return order === 'le' ? le : Buffer.from(le).swap16();
};

async function counts(db: DB) {
  const n = async (t: 'source' | 'claim' | 'entity' | 'mention') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { sources: await n('source'), claims: await n('claim'), entities: await n('entity'), mentions: await n('mention') };
}

describe('hostile files: each answered by name, nothing else lost', () => {
  let db: DB;
  // the worker threads load their modules once, before any timing below (it measures the files, not the start-up)
  beforeAll(async () => {
    const pool = sharedExtractionPool();
    await Promise.all(Array.from({ length: pool.threads }, () => pool.run({ name: 'warm.txt', text: GOOD_TXT, maxBytes: 1e6 })));
  }, 120_000);
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  it('a YAML alias bomb rejects its own file with the reason; the good files beside it are stored', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a-good.md'), GOOD_MD);
    writeFileSync(join(dir, 'b-bomb.md'), aliasBomb());
    writeFileSync(join(dir, 'c-good.txt'), GOOD_TXT);
    const t0 = Date.now();
    const s = await ingestPaths(db, [dir]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(s.rejected).toEqual([
      {
        file: join(dir, 'b-bomb.md'),
        reason: `front matter: too many YAML aliases (more than ${MAX_ALIAS_COUNT} references to anchors); refused as a possible alias bomb`,
      },
    ]);
    expect(s.added.map((a) => a.file)).toEqual([join(dir, 'a-good.md'), join(dir, 'c-good.txt')]);
    expect((await counts(db)).sources).toBe(2);
  });

  it('UTF-16 LE and BE files with a BOM are decoded and stored; a binary file is still rejected', async () => {
    const dir = tempDir();
    const text = 'Café owners protest\n\n“We cannot pay £4,000 a month,” said Zoë Brontë, who runs a café in Leeds.\n';
    writeFileSync(join(dir, 'le.txt'), utf16(text, 'le'));
    writeFileSync(join(dir, 'be.txt'), utf16(text.replace('Leeds', 'York'), 'be'));
    writeFileSync(join(dir, 'utf8-bom.txt'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('Leeds', 'Hull'))]));
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]));
    const s = await ingestPaths(db, [dir]);
    expect(s.rejected).toEqual([{ file: join(dir, 'binary.txt'), reason: 'binary file (contains NUL bytes)' }]);
    expect(s.added).toHaveLength(3);
    const stored = await db.selectFrom('source').select(['title', 'text']).orderBy('id').execute();
    expect(stored.map((r) => r.title)).toEqual(['Café owners protest', 'Café owners protest', 'Café owners protest']);
    expect(stored[0].text).toContain('“We cannot pay £4,000 a month,” said Zoë Brontë');
    expect(stored.every((r) => !r.text.includes('\uFEFF'))).toBe(true);
    const quotes = await db.selectFrom('claim').select('speaker_name').where('kind', '=', 'quote').execute();
    expect(quotes.map((q) => q.speaker_name)).toEqual(['Zoë Brontë', 'Zoë Brontë', 'Zoë Brontë']);
  });

  it('"<a<a<a…" without ">" and 1,200 nested <div>s are refused quickly, naming the reason and the limit', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'open-tags.html'), '<a'.repeat(100_000)); // no ">" anywhere: was quadratic
    writeFileSync(join(dir, 'nested.html'), `<html><body>${'<div>'.repeat(1200)}<p>${'Deep words. '.repeat(30)}</p>${'</div>'.repeat(1200)}</body></html>`);
    writeFileSync(join(dir, 'many.html'), `<html><body>${'<span>x</span>'.repeat(MAX_HTML_ELEMENTS + 1)}</body></html>`);
    writeFileSync(
      join(dir, 'ok.html'),
      `<html><head><title>Fine page</title></head><body><article><h1>Fine page</h1><p>${'The mayor said the bridge would open in May. '.repeat(8)}</p></article></body></html>`,
    );
    const t0 = Date.now();
    const s = await ingestPaths(db, [dir]);
    expect(Date.now() - t0).toBeLessThan(5_000);
    const reasons = Object.fromEntries(s.rejected.map((r) => [r.file.split('/').pop(), r.reason]));
    expect(reasons).toEqual({
      'open-tags.html': 'not HTML: no tags found',
      'nested.html': `HTML nested too deeply: 1,203 levels of elements (limit ${MAX_HTML_DEPTH})`,
      'many.html': `HTML too large: more than 10,000 elements (limit 10,000)`,
    });
    expect(s.added.map((a) => a.file.split('/').pop())).toEqual(['ok.html']);
  });

  it('symlink loops are followed once and reported by name; a file reached by two paths is stored once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'news'));
    writeFileSync(join(dir, 'news', 'story.md'), GOOD_MD);
    writeFileSync(join(dir, 'news', 'other.txt'), GOOD_TXT);
    symlinkSync('.', join(dir, 'news', 'loop1'));
    symlinkSync('..', join(dir, 'news', 'loop2'));
    symlinkSync(join(dir, 'news', 'story.md'), join(dir, 'alias.md'));
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'news', 'dangling.txt'));
    const t0 = Date.now();
    const s = await ingestPaths(db, [dir]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(s.rejected).toEqual([]);
    expect(s.added.map((a) => a.file)).toEqual([join(dir, 'alias.md'), join(dir, 'news', 'other.txt')]);
    expect(s.unchanged).toEqual([]); // the same real file is read once, not found "unchanged" a second time
    expect(s.warnings).toEqual(
      expect.arrayContaining([
        { file: join(dir, 'news', 'loop1'), warning: `symlink loop: leads back to ${join(dir, 'news')}; not followed` },
        { file: join(dir, 'news', 'loop2'), warning: `symlink loop: leads back to ${dir}; not followed` },
        { file: join(dir, 'news', 'story.md'), warning: `same file as ${join(dir, 'alias.md')}; taken once` },
        { file: join(dir, 'news', 'dangling.txt'), warning: `broken symlink (points to ${join(dir, 'gone.txt')}, which does not exist): skipped` },
      ]),
    );
    expect(s.warnings).toHaveLength(4);
    expect((await counts(db)).sources).toBe(2);
  });

  it('a bad batch changes nothing already stored (row counts before and after)', async () => {
    await ingestPaths(db, [CORPUS_DIR]);
    const before = await counts(db);
    const dir = tempDir();
    writeFileSync(join(dir, 'bomb.md'), aliasBomb());
    writeFileSync(join(dir, 'nested.html'), `<html><body>${'<div>'.repeat(1200)}x${'</div>'.repeat(1200)}</body></html>`);
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3]));
    symlinkSync('.', join(dir, 'loop'));
    const s = await ingestPaths(db, [dir, CORPUS_DIR]);
    expect(s.rejected.map((r) => r.file.split('/').pop()).sort()).toEqual(['binary.txt', 'bomb.md', 'nested.html']);
    expect(s.unchanged).toHaveLength(5);
    expect(await counts(db)).toEqual(before);
  });
});
