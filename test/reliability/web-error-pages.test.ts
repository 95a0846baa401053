import type { Express } from 'express';
import { parseHTML } from 'linkedom';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { closeApp } from '../../src/web/app.js';
import { createTestDb } from '../helpers/db.js';
import { createTestApp, csrfFrom, type LoggedIn, loginAs } from '../helpers/web.js';

// Every error is a page (or JSON under /api) that says what went wrong: never a stack trace or a server path.
let db: DB;
let app: Express;
let ed: LoggedIn;
let claimId: number;

const ARTICLE = 'Bridge reopens\n\n“It is safe again,” said Ana Costa, the city engineer.';
const LIMIT = 32 * 1024;

beforeAll(async () => {
  db = await createTestDb();
  app = createTestApp(db, { maxUploadBytes: LIMIT });
  ed = await loginAs(app, db, 'ed', 'editor');
  await ed.agent.post('/sources/new').type('form').send({ _csrf: ed.csrf, format: 'txt', text: ARTICLE }).expect(303);
  claimId = (await db.selectFrom('claim').select('id').where('kind', '=', 'quote').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await closeApp(app);
  await db.destroy();
});

/** No stack frames, no file system paths, no module names in what the user sees. */
function expectNoInternals(body: string) {
  expect(body).not.toMatch(/\n\s+at [\w.<>]+ \(/);
  expect(body).not.toMatch(/at (?:async )?[\w.]+ \(?\/|file:\/\//);
  expect(body).not.toContain('/work/');
  expect(body).not.toContain(process.cwd());
  expect(body).not.toMatch(/node_modules|\.ts:\d+/);
}

// what a browser shows for a textarea's escaped content (linkedom keeps its raw text)
const unescapeText = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

const rowCounts = async () => {
  const n = async (t: 'source' | 'claim' | 'annotation' | 'audit_event') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { source: await n('source'), claim: await n('claim'), annotation: await n('annotation'), audit: await n('audit_event') };
};

describe('stale and missing form tokens', () => {
  it('a pasted article with a stale token: 403 “this form expired — reload the page”, with the paste box and fields as typed', async () => {
    const before = await rowCounts();
    const typed = 'My long article\n\nEvery word I typed, “quoted” & <escaped>.';
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send({ _csrf: 'an-old-token-from-another-session', title: 'Kept title', format: 'txt', text: typed })
      .expect(403);
    expectNoInternals(res.text);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('#paste-error')?.textContent).toMatch(/this form expired — reload the page/);
    expect(unescapeText(document.querySelector('textarea[name=text]')?.innerHTML ?? '')).toBe(typed);
    expect(document.querySelector('input[name=title]')?.getAttribute('value')).toBe('Kept title');
    // the page carries a fresh token: sending it again works
    const again = await ed.agent
      .post('/sources/new')
      .type('form')
      .send({ _csrf: csrfFrom(res.text), title: 'Kept title', format: 'txt', text: typed })
      .expect(303);
    expect(again.headers.location).toMatch(/^\/sources\/\d+$/);
    expect((await rowCounts()).source).toBe(before.source + 1);
  });

  it('a note with a stale token: 403 on the claim page with the verdict and note kept', async () => {
    const before = await rowCounts();
    const note = 'Checked with the **council** press office.';
    const res = await ed.agent
      .post(`/claims/${claimId}/annotations`)
      .type('form')
      .send({ _csrf: 'stale', verdict: 'verified', note, version: '1' })
      .expect(403);
    expectNoInternals(res.text);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('[role=alert]')?.textContent).toMatch(/this form expired — reload the page/);
    expect(document.querySelector('textarea[name=note]')?.textContent).toBe(note);
    expect(document.querySelector('select[name=verdict] option[selected]')?.getAttribute('value')).toBe('verified');
    expect(await rowCounts()).toEqual(before);
  });

  it('a note from a browser whose session ended is shown back to copy, not lost', async () => {
    const anon = request.agent(app);
    const res = await anon
      .post(`/claims/${claimId}/annotations`)
      .type('form')
      .send({ _csrf: 'from-the-old-session', verdict: 'false', note: 'Do not lose me', version: '1' })
      .expect(403);
    expectNoInternals(res.text);
    expect(parseHTML(res.text).document.querySelector('textarea[readonly]')?.textContent).toBe('Do not lose me');
  });

  it('a hand-made claim with a stale token: 403 on the new-claim form with the selection and speaker kept', async () => {
    const before = await rowCounts();
    const source = await db.selectFrom('source').select(['id', 'text']).orderBy('id').executeTakeFirstOrThrow();
    const exact = source.text.slice(0, 6);
    const res = await ed.agent
      .post('/claims')
      .type('form')
      .send({ _csrf: 'stale', source_id: String(source.id), kind: 'quote', start: '0', end: '6', exact, speaker: 'Typed Speaker' })
      .expect(403);
    expectNoInternals(res.text);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('[role=alert]')?.textContent).toMatch(/this form expired — reload the page/);
    expect(document.querySelector('input[name=speaker]')?.getAttribute('value')).toBe('Typed Speaker');
    expect(await rowCounts()).toEqual(before);
  });

  it('a login with a stale token keeps the name; a missing token is named as such', async () => {
    const res = await request(app).post('/login').type('form').send({ _csrf: 'stale-stale-stale-stale-stale', name: 'ed', password: 'whatever' }).expect(403);
    expectNoInternals(res.text);
    expect(res.text).toMatch(/this form expired — reload the page/);
    expect(parseHTML(res.text).document.querySelector('input[name=name]')?.getAttribute('value')).toBe('ed');
    const missing = await ed.agent.post('/lists').type('form').send({ name: 'No token' }).expect(403);
    expectNoInternals(missing.text);
    expect(missing.text).toMatch(/this form has no CSRF token — reload the page/);
    const api = await ed.agent.post('/api/v1/lists').send({ name: 'No token' }).expect(403);
    expect(api.body.error.message).toMatch(/no CSRF token/);
  });
});

describe('bodies the server will not take', () => {
  it('an oversize paste: 413 naming the limit, on the form page', async () => {
    const before = await rowCounts();
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send({ _csrf: ed.csrf, format: 'txt', text: 'x'.repeat(LIMIT + 70 * 1024) })
      .expect(413);
    expectNoInternals(res.text);
    expect(parseHTML(res.text).document.querySelector('#paste-error')?.textContent).toMatch(/the pasted text is larger than the limit of 32 kB/);
    expect(csrfFrom(res.text)).toBe(ed.csrf); // the form on that page can be sent again
    expect(await rowCounts()).toEqual(before);
  });

  it('an oversize form elsewhere: 413 error page with the navigation intact', async () => {
    const res = await ed.agent
      .post('/lists')
      .type('form')
      .send({ _csrf: ed.csrf, name: 'x'.repeat(LIMIT + 70 * 1024) })
      .expect(413);
    expectNoInternals(res.text);
    expect(res.text).toMatch(/the form is larger than the limit of \d+ kB: nothing was saved/);
    expect(res.text).toContain('href="/search"');
  });

  it('malformed JSON: 400 naming it, as JSON', async () => {
    const res = await ed.agent.post('/api/v1/lists').set('x-csrf-token', ed.csrf).set('content-type', 'application/json').send('{"name": "oops",').expect(400);
    expect(res.body.error.message).toMatch(/^malformed JSON body/);
    expectNoInternals(JSON.stringify(res.body));
  });
});

describe('pages that are not there, and failures on our side', () => {
  it('an unknown route: 404 page (and JSON under /api)', async () => {
    const page = await request(app).get('/no/such/page').expect(404);
    expectNoInternals(page.text);
    expect(page.text).toMatch(/no page at \/no\/such\/page/);
    const api = await request(app).get('/api/v1/nothing-here').expect(404);
    expect(api.body.error).toEqual({ code: 'not_found', message: 'no page at /api/v1/nothing-here' });
  });

  it('an error thrown inside a route: 500 with a plain message, details only in the log', async () => {
    const broken = await createTestDb();
    const brokenApp = createTestApp(broken);
    await broken.destroy(); // every query now throws inside the route
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void logged.push(args);
    try {
      const page = await request(brokenApp).get('/').expect(500);
      expectNoInternals(page.text);
      expect(page.text).toMatch(/something went wrong on our side; the error has been logged/);
      const api = await request(brokenApp).get('/api/v1/sources').expect(500);
      expectNoInternals(JSON.stringify(api.body));
      expect(logged.length).toBeGreaterThan(0);
    } finally {
      console.error = consoleError;
      await closeApp(brokenApp);
    }
  });
});
