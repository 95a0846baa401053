import type { Express } from 'express';
import { parseHTML } from 'linkedom';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { closeApp, defaultConfig } from '../../src/web/app.js';
import { type ArticleServer, startArticleServer } from '../helpers/article-server.js';
import { createExtractionPool, type ExtractionPool } from '../../src/pipeline/extraction-pool.js';
import { freshDb } from '../helpers/db.js';
import { createTestApp, loginAs, type LoggedIn } from '../helpers/web.js';

let site: ArticleServer;
let db: DB;
let app: Express;
let ed: LoggedIn;

const MAX_BYTES = 256 * 1024;
const TIMEOUT_MS = 1000;

let pool: ExtractionPool;
// one site and one extraction pool for the file; a database and app of its own per test
beforeAll(async () => {
  site = await startArticleServer();
  pool = createExtractionPool({ threads: 1 });
});
afterAll(async () => {
  await pool.close();
  await site.close();
});
beforeEach(async () => {
  db = await freshDb();
  // the site is on 127.0.0.1, so these tests allow private addresses (as CLAIMTRAIL_FETCH_ALLOW_PRIVATE=1 does)
  app = createTestApp(db, { fetchAllowPrivate: true, fetchTimeoutMs: TIMEOUT_MS, fetchMaxRedirects: 3, maxUploadBytes: MAX_BYTES, extractionPool: pool });
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
const addByForm = (who: LoggedIn, url: string) => who.agent.post('/sources/new/url').type('form').send({ _csrf: who.csrf, url });
const urlError = (html: string) => parseHTML(html).document.querySelector('#url-error')?.textContent ?? '';
const typedValue = (html: string) => parseHTML(html).document.querySelector('input[name=url]')?.getAttribute('value');

describe('adding an article by URL', () => {
  it('fetches the page, stores it through the ingest path with its URL and retrieval time, audits, and lands on its page', async () => {
    const url = `${site.url}/news/flood-wall.html`;
    const before = Date.now();
    const res = await addByForm(ed, url).expect(303);
    const id = Number(/^\/sources\/(\d+)$/.exec(res.headers.location)![1]);
    const s = await db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(s).toMatchObject({ url, title: 'Flood wall protects 3,200 homes', outlet: 'Riverside Post', format: 'html', file: null });
    expect(Date.parse(s.retrieved_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(s.retrieved_at)).toBeLessThanOrEqual(Date.now());
    expect(s.text).not.toContain('Sign up for our newsletter');
    const claims = await db.selectFrom('claim').selectAll().where('source_id', '=', id).execute();
    expect(claims.some((c) => c.kind === 'quote' && c.speaker_name === 'Priya Natarajan')).toBe(true);
    for (const c of claims) expect(s.text.slice(c.start, c.end)).toBe(c.exact);
    const audit = await db.selectFrom('audit_event').selectAll().where('action', '=', 'source.add').where('target_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.actor).toBe('ed');
    expect(JSON.parse(audit.after_json!)).toMatchObject({ url, requested_url: url, redirects: [], content_type: 'text/html' });
    const page = await ed.agent.get(res.headers.location).expect(200);
    expect(page.text).toContain('Flood wall protects 3,200 homes');
  });

  it('the same article again says already stored (409) and adds nothing', async () => {
    await addByForm(ed, `${site.url}/news/third.html`).expect(303);
    const before = await sourceCount();
    const res = await addByForm(ed, `${site.url}/news/third.html`).expect(409);
    expect(parseHTML(res.text).document.querySelector('#already-stored a')?.getAttribute('href')).toMatch(/^\/sources\/\d+$/);
    expect(await sourceCount()).toBe(before);
  });

  it('follows redirects, each hop fetched, and records where the page finally was', async () => {
    site.requests.length = 0;
    const res = await addByForm(ed, `${site.url}/old/flood`).expect(303);
    expect(site.requests).toEqual(['/old/flood', '/go/second', '/news/second.html']);
    const s = await db
      .selectFrom('source')
      .selectAll()
      .where('id', '=', Number(res.headers.location.split('/').pop()))
      .executeTakeFirstOrThrow();
    expect(s.url).toBe(`${site.url}/news/second.html`);
    expect(s.title).toBe('Second phase of flood wall planned');
  });

  it('reads a Latin-1 text page by its declared charset', async () => {
    const res = await addByForm(ed, `${site.url}/latin1.txt`).expect(303);
    const s = await db
      .selectFrom('source')
      .selectAll()
      .where('id', '=', Number(res.headers.location.split('/').pop()))
      .executeTakeFirstOrThrow();
    expect(s.title).toBe('Café owners welcome new rules');
    expect(s.text).toContain('René Dubois');
    expect(s.format).toBe('txt');
  });

  it.each([
    ['a 404', '/missing', /the server answered HTTP 404 Not Found/],
    ['a binary content type', '/image.png', /not HTML, plain text or Markdown: the server sent image\/png/],
    ['a redirect loop', '/loop', /more than 3 redirects/],
    ['a slow answer', '/slow', /no complete answer within 1 s \(timed out\)/],
    ['a body that never ends', '/slow-body', /no complete answer within 1 s \(timed out\)/],
    ['a declared size over the cap', '/huge-declared', /the page is larger than the limit of 256 kB/],
    ['a streamed body over the cap', '/huge-chunked', /the page is larger than the limit of 256 kB/],
  ])('refuses %s with 422, the reason on the form, and the URL kept', async (_what, path, reason) => {
    const before = await sourceCount();
    const started = Date.now();
    const res = await addByForm(ed, `${site.url}${path}`).expect(422);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2500);
    expect(urlError(res.text)).toMatch(reason);
    expect(typedValue(res.text)).toBe(`${site.url}${path}`);
    expect(await sourceCount()).toBe(before);
  });

  it.each([
    ['ftp://example.org/a.html', /only http and https addresses are fetched \(not ftp\)/],
    ['file:///etc/passwd', /only http and https addresses are fetched \(not file\)/],
    ['not a url', /not a full web address/],
    ['http://user:secret@example.org/', /user name or password/],
  ])('refuses %s before any request', async (url, reason) => {
    const res = await addByForm(ed, url).expect(422);
    expect(urlError(res.text)).toMatch(reason);
    expect(typedValue(res.text)).toBe(url);
  });

  it('needs an editor and a CSRF token', async () => {
    site.requests.length = 0;
    await request(app)
      .post('/sources/new/url')
      .type('form')
      .send({ url: `${site.url}/news/flood-wall.html` })
      .expect(403);
    const r = await loginAs(app, db, 'rachel', 'researcher');
    await addByForm(r, `${site.url}/news/flood-wall.html`).expect(403);
    const stale = await ed.agent
      .post('/sources/new/url')
      .type('form')
      .send({ url: `${site.url}/x`, _csrf: 'stale-token-stale-token' })
      .expect(403);
    expect(typedValue(stale.text)).toBe(`${site.url}/x`);
    expect(urlError(stale.text)).toMatch(/expired/);
    expect(site.requests).toEqual([]);
  });

  it('the form is on /sources/new', async () => {
    const page = await ed.agent.get('/sources/new').expect(200);
    const form = parseHTML(page.text).document.querySelector('form[action="/sources/new/url"]')!;
    expect(form.querySelector('input[name=url][type=url]')).not.toBeNull();
    expect(form.querySelector('input[name=_csrf]')?.getAttribute('value')).toBe(ed.csrf);
  });
});

describe('POST /api/v1/sources {url}', () => {
  const api = (body: unknown) =>
    ed.agent
      .post('/api/v1/sources')
      .set('x-csrf-token', ed.csrf)
      .send(body as object);

  it('adds the article (201), then says unchanged (200) for the same content', async () => {
    const site2 = await startArticleServer({
      '/api-article': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/markdown; charset=utf-8' });
        res.end(
          '---\ntitle: Council votes on bus lanes\noutlet: Town Gazette\n---\n\n“Buses will run every ten minutes,” said Ana Silva, the transport lead.\n',
        );
      },
    });
    try {
      const url = `${site2.url}/api-article`;
      const res = await api({ url }).expect(201);
      expect(res.body).toMatchObject({ status: 'added', url, source_id: expect.any(Number), claims: expect.any(Number) });
      expect(res.headers.location).toBe(`/api/v1/sources/${res.body.source_id}`);
      const s = await db.selectFrom('source').selectAll().where('id', '=', res.body.source_id).executeTakeFirstOrThrow();
      expect(s).toMatchObject({ url, title: 'Council votes on bus lanes', outlet: 'Town Gazette', format: 'md', retrieved_at: res.body.retrieved_at });
      const again = await api({ url }).expect(200);
      expect(again.body).toMatchObject({ status: 'unchanged', source_id: res.body.source_id });
    } finally {
      await site2.close();
    }
  });

  it('explains a failed fetch with 422 and names the field; a missing url is a 400', async () => {
    const res = await api({ url: `${site.url}/missing` }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'rejected', message: 'the server answered HTTP 404 Not Found', details: { field: 'url' } });
    const bad = await api({}).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'url' })]);
    await ed.agent
      .post('/api/v1/sources')
      .send({ url: `${site.url}/news/flood-wall.html` })
      .expect(403); // no CSRF header
  });
});

describe('loopback and private addresses, with the setting off', () => {
  let strictApp: Express;
  let strictEd: LoggedIn;
  beforeEach(async () => {
    strictApp = createTestApp(db, { fetchAllowPrivate: false, fetchTimeoutMs: TIMEOUT_MS, extractionPool: pool });
    strictEd = await loginAs(strictApp, db, 'strict', 'editor');
  });
  afterEach(() => closeApp(strictApp));

  it.each([
    ['127.0.0.1', (p: number) => `http://127.0.0.1:${p}/news/flood-wall.html`, /refused: 127\.0\.0\.1, a loopback address/],
    [
      'localhost (resolved first)',
      (p: number) => `http://localhost:${p}/news/flood-wall.html`,
      /refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/,
    ],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/news/flood-wall.html`, /refused: ::1, a loopback address/],
    ['IPv4-mapped IPv6 loopback', (p: number) => `http://[::ffff:127.0.0.1]:${p}/news/flood-wall.html`, /refused: ::ffff:7f00:1, a loopback address/],
    ['a decimal IPv4 loopback', (p: number) => `http://2130706433:${p}/news/flood-wall.html`, /refused: 127\.0\.0\.1, a loopback address/],
    ['a private address', (p: number) => `http://10.1.2.3:${p}/`, /refused: 10\.1\.2\.3, a private address/],
    ['a link-local address', (p: number) => `http://169.254.169.254:${p}/latest/meta-data/`, /refused: 169\.254\.169\.254, a link-local address/],
    ['the unspecified address', (p: number) => `http://0.0.0.0:${p}/`, /refused: 0\.0\.0\.0, an unspecified/],
  ])('refuses %s with 422, and sends no request', async (_what, makeUrl, reason) => {
    site.requests.length = 0;
    const res = await strictEd.agent
      .post('/sources/new/url')
      .type('form')
      .send({ _csrf: strictEd.csrf, url: makeUrl(site.port) })
      .expect(422);
    expect(urlError(res.text)).toMatch(reason);
    expect(site.requests).toEqual([]);
  });

  it('refuses through the API too', async () => {
    site.requests.length = 0;
    const res = await strictEd.agent
      .post('/api/v1/sources')
      .set('x-csrf-token', strictEd.csrf)
      .send({ url: `${site.url}/news/flood-wall.html` })
      .expect(422);
    expect(res.body.error.message).toMatch(/loopback/);
    expect(site.requests).toEqual([]);
  });
});

describe('settings', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('reads CLAIMTRAIL_FETCH_ALLOW_PRIVATE, _TIMEOUT_MS and _MAX_REDIRECTS, with defaults (10 s, 5, off)', () => {
    delete process.env.CLAIMTRAIL_FETCH_ALLOW_PRIVATE;
    delete process.env.CLAIMTRAIL_FETCH_TIMEOUT_MS;
    delete process.env.CLAIMTRAIL_FETCH_MAX_REDIRECTS;
    expect(defaultConfig()).toMatchObject({ fetchAllowPrivate: false, fetchTimeoutMs: 10_000, fetchMaxRedirects: 5 });
    Object.assign(process.env, { CLAIMTRAIL_FETCH_ALLOW_PRIVATE: '1', CLAIMTRAIL_FETCH_TIMEOUT_MS: '2500', CLAIMTRAIL_FETCH_MAX_REDIRECTS: '0' });
    expect(defaultConfig()).toMatchObject({ fetchAllowPrivate: true, fetchTimeoutMs: 2500, fetchMaxRedirects: 0 });
    process.env.CLAIMTRAIL_FETCH_TIMEOUT_MS = '10s';
    expect(() => defaultConfig()).toThrow(/CLAIMTRAIL_FETCH_TIMEOUT_MS must be a whole number/);
  });
});
