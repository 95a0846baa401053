import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, freshDb } from '../helpers/db.js';
import { createExtractionPool, type ExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { createTestApp, loginAs } from '../helpers/web.js';
import { closeApp } from '../../src/web/app.js';

let db: DB;
let app: Express;
let ed: Awaited<ReturnType<typeof loginAs>>;

const ARTICLE = [
  'Council approves new cycle lanes',
  '',
  'The city council approved 14 new cycle lanes on Tuesday, a decision campaigners called “long overdue”.',
  '',
  '“This will save lives,” said Maria Lopez, chair of the Cycling Alliance. “We have waited ten years for it.”',
  '',
  'Councillor James Reed said the scheme would cost at least £2.4 million over three years.',
].join('\n');

const form = (fields: Record<string, string>) => ({ _csrf: ed.csrf, format: 'txt', ...fields });

// one extraction pool for the file (its threads are slow to start); a database and app of its own per test
let pool: ExtractionPool;
beforeAll(() => {
  pool = createExtractionPool({ threads: 1 });
});
afterAll(() => pool.close());
beforeEach(async () => {
  db = await freshDb();
  app = createTestApp(db, { maxUploadBytes: 64 * 1024, extractionPool: pool });
  ed = await loginAs(app, db, 'ed', 'editor');
});
afterEach(async () => {
  await closeApp(app);
  await db.destroy();
});

const sourceCount = async () =>
  Number(
    (
      await db
        .selectFrom('source')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('pasting an article', () => {
  it('stores it through the ingest path with the form metadata, extracts claims, audits, and lands on its page (303)', async () => {
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send(
        form({
          title: 'Cycle lanes approved',
          outlet: 'Town Gazette',
          url: 'https://gazette.example/cycle',
          published: '2024-06-11',
          author: 'A. Writer',
          text: ARTICLE,
        }),
      )
      .expect(303);
    const id = Number(/^\/sources\/(\d+)$/.exec(res.headers.location)![1]);
    const s = await db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(s).toMatchObject({
      title: 'Cycle lanes approved',
      outlet: 'Town Gazette',
      url: 'https://gazette.example/cycle',
      published_at: '2024-06-11',
      author: 'A. Writer',
      format: 'txt',
    });
    const claims = await db.selectFrom('claim').selectAll().where('source_id', '=', id).execute();
    expect(claims.some((c) => c.kind === 'quote' && c.exact === 'This will save lives' && c.speaker_name === 'Maria Lopez')).toBe(true);
    for (const c of claims) expect(s.text.slice(c.start, c.end)).toBe(c.exact);
    const audit = await db.selectFrom('audit_event').selectAll().where('action', '=', 'source.add').where('target_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.actor).toBe('ed');
    const page = await ed.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('class="hl k-quote');
  });

  it('says "already stored" and links to the existing source for the same content (409)', async () => {
    await ed.agent
      .post('/sources/new')
      .type('form')
      .send(form({ title: 'Cycle lanes approved', outlet: 'Town Gazette', text: ARTICLE }))
      .expect(303);
    const before = await sourceCount();
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send(form({ title: 'Cycle lanes approved', outlet: 'Other outlet', text: ARTICLE }))
      .expect(409);
    const { document } = parseHTML(res.text);
    const notice = document.querySelector('#already-stored')!;
    expect(notice.textContent).toMatch(/already stored/);
    const existing = await db.selectFrom('source').select('id').where('title', '=', 'Cycle lanes approved').executeTakeFirstOrThrow();
    expect(notice.querySelector('a')?.getAttribute('href')).toBe(`/sources/${existing.id}`);
    expect(await sourceCount()).toBe(before);
  });

  it.each([
    ['a date that does not exist', { published: '2024-02-30', text: 'Some text here.' }, /published: that date does not exist/],
    [
      'a date in the wrong shape',
      { published: '11/06/2024', text: 'Some text here.' },
      /published: not a date: use YYYY, YYYY-MM, YYYY-MM-DD or an ISO date-time/,
    ],
    ['a date without a year', { published: 'July 4', text: 'Some text here.' }, /published: not a date/],
    ['month 13', { published: '2024-13', text: 'Some text here.' }, /published: that date does not exist/],
    ['a URL that is not http(s)', { url: 'javascript:alert(1)', text: 'Some text here.' }, /url: URL must be a full http/],
    ['empty text', { text: '   \n  ' }, /text: paste the article text: it is empty/],
    ['binary text', { text: `abc\u0000def ${'x'.repeat(50)}` }, /binary/],
    ['bad front matter', { format: 'md', text: '---\ntitle: [unclosed\n---\nBody text.' }, /front matter/],
    ['HTML without tags', { format: 'html', text: 'no tags at all' }, /not HTML/],
  ])('rejects %s with 422, the reason, and what was typed kept', async (_name, fields, reason) => {
    const before = await sourceCount();
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send(form({ title: 'Kept title', ...fields }))
      .expect(422);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('#paste-error')?.textContent).toMatch(reason);
    expect(document.querySelector('input[name=title]')?.getAttribute('value')).toBe('Kept title');
    expect(await sourceCount()).toBe(before);
  });

  it('needs an editor', async () => {
    await request(app).get('/sources/new').expect(401);
    const r = await loginAs(app, db, 'rachel', 'researcher');
    await r.agent.get('/sources/new').expect(403);
    await r.agent.post('/sources/new').type('form').send({ _csrf: r.csrf, text: ARTICLE }).expect(403);
  });
});

describe('uploading files', () => {
  const corpusFile = (name: string) => readFileSync(join(CORPUS_DIR, name));

  it('adds several files at once and reports each (added, already stored, rejected)', async () => {
    const res = await ed.agent
      .post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`)
      .attach('files', corpusFile('001-lmn-urgent-action.md'), '001-lmn-urgent-action.md')
      .attach('files', corpusFile('003-mee-perry-barr.md'), '003-mee-perry-barr.md')
      .attach('files', Buffer.from('not an article'), 'picture.png')
      .expect(200);
    const { document } = parseHTML(res.text);
    const rows = [...document.querySelectorAll('.upload-results tbody tr')];
    expect(rows.map((r) => r.getAttribute('class'))).toEqual(['outcome-added', 'outcome-added', 'outcome-rejected']);
    expect(rows[2].textContent).toMatch(/unsupported file type "\.png"/);
    const perryBarr = await db.selectFrom('source').selectAll().where('title', 'like', '%Khalid Mahmood%').executeTakeFirstOrThrow();
    expect(perryBarr.outlet).toBeTruthy();
    expect(await db.selectFrom('claim').select('id').where('source_id', '=', perryBarr.id).execute()).not.toHaveLength(0);
  });

  it('one new file lands on its page (303); the same file again says already stored (409)', async () => {
    const file = corpusFile('004-buzzfeed-crowdfunding.md');
    const res = await ed.agent
      .post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`)
      .attach('files', file, '004.md')
      .expect(303);
    expect(res.headers.location).toMatch(/^\/sources\/\d+$/);
    const again = await ed.agent
      .post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`)
      .attach('files', file, 'copy.md')
      .expect(409);
    expect(again.text).toContain(`href="${res.headers.location}"`);
  });

  it('refuses a file over maxUploadBytes (413), no files (422) and a missing CSRF token (403)', async () => {
    const big = Buffer.alloc(65 * 1024, 'a');
    const res = await ed.agent
      .post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`)
      .attach('files', big, 'big.txt')
      .expect(413);
    expect(res.text).toMatch(/a file is larger than the limit of 64 kB/);
    const none = await ed.agent
      .post(`/sources/new/upload?_csrf=${encodeURIComponent(ed.csrf)}`)
      .field('x', 'y')
      .expect(422);
    expect(none.text).toMatch(/choose at least one/);
    const before = await sourceCount();
    await ed.agent
      .post('/sources/new/upload')
      .attach('files', Buffer.from(ARTICLE.replace('14', '15')), 'a.txt')
      .expect(403);
    expect(await sourceCount()).toBe(before);
  });
});
