import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { addUser } from '../../src/storage/user.repository.js';
import { corpusDb } from '../helpers/db.js';
import { createTestApp, csrfFrom, loginAs, TEST_PASSWORD } from '../helpers/web.js';

let db: DB;
let app: Express;
let claimId: number;
let sourceId: number;

beforeEach(async () => {
  db = await corpusDb();
  app = createTestApp(db);
  const c = await db.selectFrom('claim').select(['id', 'source_id']).orderBy('id').executeTakeFirstOrThrow();
  claimId = c.id;
  sourceId = c.source_id;
});
afterEach(() => db.destroy());

/** An anonymous visitor with a valid (anonymous) CSRF token, so only the missing login is wrong. */
async function anonymous() {
  const agent = request.agent(app);
  const csrf = csrfFrom((await agent.get('/').expect(200)).text);
  return { agent, csrf };
}

describe('anonymous writes are refused with 401', () => {
  it.each([
    ['/claims/ID/annotations', { verdict: 'verified', note: 'x', version: '1' }],
    ['/claims', { source_id: 'SRC', kind: 'quote', start: '0', end: '4', exact: 'abcd' }],
    ['/sources/new', { text: 'An article.' }],
    ['/audit/undo', {}],
  ])('form POST %s', async (path, body) => {
    const { agent, csrf } = await anonymous();
    const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, v === 'SRC' ? String(sourceId) : v]));
    await agent
      .post(path.replace('ID', String(claimId)))
      .type('form')
      .send({ _csrf: csrf, ...fields })
      .expect(401);
  });

  it('API POSTs answer 401 in JSON', async () => {
    const { agent, csrf } = await anonymous();
    const a = await agent.post(`/api/v1/claims/${claimId}/annotations`).set('x-csrf-token', csrf).send({ verdict: 'verified', version: 1 }).expect(401);
    expect(a.body.error).toMatchObject({ code: 'unauthorized', message: 'log in to do this' });
    await agent.post('/api/v1/claims').set('x-csrf-token', csrf).send({ source_id: sourceId, kind: 'quote', start: 0, end: 3, exact: 'abc' }).expect(401);
    await agent.post('/api/v1/audit/undo').set('x-csrf-token', csrf).expect(401);
    expect(await db.selectFrom('annotation').select('id').execute()).toHaveLength(0);
  });
});

describe('CSRF', () => {
  it('refuses an editor’s write with a missing or wrong token (403) and changes nothing', async () => {
    const { agent, csrf } = await loginAs(app, db, 'csrf-ed', 'editor');
    await agent.post(`/claims/${claimId}/annotations`).type('form').send({ verdict: 'verified', note: '', version: '1' }).expect(403);
    await agent
      .post(`/claims/${claimId}/annotations`)
      .type('form')
      .send({ _csrf: `${csrf}x`, verdict: 'verified', note: '', version: '1' })
      .expect(403);
    const api = await agent.post(`/api/v1/claims/${claimId}/annotations`).set('x-csrf-token', 'nope').send({ verdict: 'verified', version: 1 }).expect(403);
    expect(api.body.error.message).toMatch(/CSRF/);
    // another visitor's token is no good either
    const other = await anonymous();
    await agent.post('/audit/undo').type('form').send({ _csrf: other.csrf }).expect(403);
    expect((await db.selectFrom('claim').select('verdict').where('id', '=', claimId).executeTakeFirstOrThrow()).verdict).toBe('unverified');
    // the right token works
    await agent.post(`/claims/${claimId}/annotations`).type('form').send({ _csrf: csrf, verdict: 'verified', note: '', version: '1' }).expect(303);
  });
});

describe('login', () => {
  it('sets an HttpOnly, SameSite session cookie', async () => {
    await addUser(db, 'cookie-ed', 'editor', TEST_PASSWORD);
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, name: 'cookie-ed', password: TEST_PASSWORD }).expect(303);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
    const session = cookies.find((c) => c.startsWith('ct_session='))!;
    expect(session).toMatch(/;\s*HttpOnly/i);
    expect(session).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(session).toMatch(/;\s*Path=\//i);
  });

  it('does not follow an off-site next= after login', async () => {
    await addUser(db, 'next-ed', 'editor', TEST_PASSWORD);
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, name: 'next-ed', password: TEST_PASSWORD, next: '//evil.example/x' }).expect(303);
    expect(res.headers.location).toBe('/');
  });

  it('is rate-limited per address: the attempt after the limit of failures gets 429', async () => {
    const limited = createTestApp(db, { loginFailuresPerAccount: 100, loginFailuresPerAddress: 3 });
    const agent = request.agent(limited);
    const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
    for (let i = 0; i < 3; i++) await agent.post('/login').type('form').send({ _csrf: csrf, name: 'nobody', password: 'wrong password' }).expect(401);
    const res = await agent.post('/login').type('form').send({ _csrf: csrf, name: 'cookie-ed', password: TEST_PASSWORD }).expect(429);
    expect(res.text).toMatch(/too many failed logins from your address/);
    expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^ct_session=[^;]+/)]));
  });
});

describe('optimistic concurrency', () => {
  it('a stale version is a 409, never a silent overwrite', async () => {
    const a = await loginAs(app, db, 'conc-a', 'editor');
    const b = await loginAs(app, db, 'conc-b', 'editor');
    const c = await db.selectFrom('claim').select(['id', 'version']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    await a.agent.post(`/api/v1/claims/${c.id}/annotations`).set('x-csrf-token', a.csrf).send({ verdict: 'false', note: 'A', version: c.version }).expect(201);
    await b.agent
      .post(`/api/v1/claims/${c.id}/annotations`)
      .set('x-csrf-token', b.csrf)
      .send({ verdict: 'verified', note: 'B', version: c.version })
      .expect(409);
    const notes = await db.selectFrom('annotation').select('note_markdown').where('claim_id', '=', c.id).execute();
    expect(notes.map((n) => n.note_markdown)).toEqual(['A']);
  });
});

describe('hostile input renders inert', () => {
  const HOSTILE = [
    'Hi <script>alert("note")</script>',
    '<img src=x onerror="alert(1)">',
    '[click](javascript:alert(2)) and <a href="javascript:alert(3)">raw</a> and <a href="https://ok.example" onclick="alert(4)">ok</a>',
    '<iframe src="https://evil.example"></iframe><svg onload="alert(5)"></svg><style>body{display:none}</style>',
    '![pic](javascript:alert(6)) <b style="x">bold?</b> **strong**',
  ].join('\n\n');

  it('a markdown note keeps only the safe set of tags and attributes', async () => {
    const ed = await loginAs(app, db, 'xss-ed', 'editor');
    const c = await db.selectFrom('claim').select(['id', 'version']).orderBy('id').limit(1).offset(3).executeTakeFirstOrThrow();
    await ed.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: ed.csrf, verdict: 'disputed', note: HOSTILE, version: String(c.version) })
      .expect(303);
    const page = await request(app).get(`/claims/${c.id}`).expect(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const { document } = parseHTML(page.text);
    const note = document.querySelector('#history .note-body')!;
    expect(note).not.toBeNull();
    expect(note.querySelectorAll('script, img, iframe, svg, style, b')).toHaveLength(0);
    for (const el of note.querySelectorAll('*')) {
      for (const attr of el.attributes) {
        expect(attr.name).toMatch(/^(href|rel)$/);
        expect(attr.value).not.toMatch(/javascript:/i);
      }
    }
    expect(note.innerHTML).not.toMatch(/onerror|onclick|onload|alert\("note"\)/);
    expect(note.querySelector('a[href="https://ok.example"]')?.getAttribute('rel')).toBe('noopener nofollow');
    expect(note.querySelector('strong')?.textContent).toBe('strong');
    // nowhere on the page is the payload live
    expect(page.text).not.toMatch(/<script>alert|<img src=x|onerror="alert/);
    const api = await request(app).get(`/api/v1/claims/${c.id}`).expect(200);
    expect(api.body.annotations[0].note_markdown).toBe(HOSTILE); // stored as typed
    expect(api.body.annotations[0].note_html).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('a pasted article with markup in its title and text is shown as text', async () => {
    const ed = await loginAs(app, db, 'xss-paste', 'editor');
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send({
        _csrf: ed.csrf,
        format: 'txt',
        title: '<script>alert("t")</script>',
        text: 'Intro line\n\n“<img src=x onerror=alert(7)>,” said Eve Evil.\n\nMore text here.',
      })
      .expect(303);
    const page = await request(app).get(res.headers.location).expect(200);
    expect(page.text).not.toMatch(/<script>alert|<img src=x/);
    const { document } = parseHTML(page.text);
    expect(document.querySelector('h1')?.textContent).toBe('<script>alert("t")</script>');
    expect(document.querySelectorAll('main script, main img')).toHaveLength(0);
  });
});

describe('requireLoginToRead', () => {
  it('makes every read need a session; login and static files stay open', async () => {
    const closed = createTestApp(db, { requireLoginToRead: true });
    const home = await request(closed).get('/').expect(302);
    expect(home.headers.location).toBe('/login?next=%2F');
    const claim = await request(closed).get(`/claims/${claimId}`).expect(302);
    expect(claim.headers.location).toBe(`/login?next=${encodeURIComponent(`/claims/${claimId}`)}`);
    await request(closed).get(`/sources/${sourceId}`).expect(302);
    const api = await request(closed).get(`/api/v1/claims/${claimId}`).expect(401);
    expect(api.body.error.message).toBe('log in to read');
    await request(closed).get('/login').expect(200);
    await request(closed).get('/static/app.css').expect(200);
    const r = await loginAs(closed, db, 'closed-reader', 'researcher');
    await r.agent.get(`/claims/${claimId}`).expect(200);
    await r.agent.get(`/api/v1/claims/${claimId}`).expect(200);
  });
});
