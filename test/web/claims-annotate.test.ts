import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { createCorpusApp, loginAs, type LoggedIn } from '../helpers/web.js';

let db: DB;
let app: Express;
let alice: LoggedIn;
let bob: LoggedIn;

beforeEach(async () => {
  // each test has a database of its own: pick claims from the start, the same whatever ran before
  nth = 0;
  const ctx = await createCorpusApp({ alice: 'editor', bob: 'editor' });
  ({ db, app } = ctx);
  alice = ctx.as.alice;
  bob = ctx.as.bob;
});
afterEach(() => db.destroy());

let nth = 0;
/** A different claim per test so tests do not depend on each other's writes. */
async function freshClaim() {
  const rows = await db.selectFrom('claim').select(['id', 'version', 'verdict']).where('kind', '=', 'quote').orderBy('id').execute();
  return rows[nth++];
}

const claimRow = (id: number) => db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('annotating a claim (form)', () => {
  it('saves a verdict with a markdown note, bumps the version, appends history and audits in one go', async () => {
    const c = await freshClaim();
    const note = 'Checked against the **Hansard** record: see [the debate](https://hansard.parliament.uk/x).\n\n- one\n- two';
    const res = await alice.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'verified', note, version: String(c.version) })
      .expect(303);
    expect(res.headers.location).toBe(`/claims/${c.id}#history`);
    const after = await claimRow(c.id);
    expect(after.verdict).toBe('verified');
    expect(after.version).toBe(c.version + 1);
    const anns = await db.selectFrom('annotation').selectAll().where('claim_id', '=', c.id).execute();
    expect(anns).toHaveLength(1);
    expect(anns[0]).toMatchObject({ author: 'alice', verdict: 'verified', note_markdown: note });
    const events = await db.selectFrom('audit_event').selectAll().where('target_type', '=', 'claim').where('target_id', '=', c.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: 'alice', action: 'claim.annotate', undone_by: null });
    expect(JSON.parse(events[0].before_json!)).toMatchObject({ verdict: 'unverified', version: c.version });
    expect(JSON.parse(events[0].after_json!)).toMatchObject({ verdict: 'verified', version: c.version + 1, annotation_id: anns[0].id });

    const page = await alice.agent.get(`/claims/${c.id}`).expect(200);
    const { document } = parseHTML(page.text);
    expect(document.querySelector('#current-verdict')?.textContent).toBe('Verified');
    const body = document.querySelector('#history .note-body')!;
    expect(body.querySelector('strong')?.textContent).toBe('Hansard');
    const link = body.querySelector('a')!;
    expect(link.getAttribute('href')).toBe('https://hansard.parliament.uk/x');
    expect(link.getAttribute('rel')).toBe('noopener nofollow');
    expect(body.querySelectorAll('li')).toHaveLength(2);
    expect(document.querySelector('input[name=version]')?.getAttribute('value')).toBe(String(c.version + 1));
  });

  it('refuses a stale version with 409, shows the newer verdict and who set it, keeps the typed note, changes nothing', async () => {
    const c = await freshClaim();
    await alice.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'disputed', note: 'Alice: *two* outlets differ', version: String(c.version) })
      .expect(303);
    const typed = 'Bob typed this carefully & it <must> survive';
    const res = await bob.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: bob.csrf, verdict: 'false', note: typed, version: String(c.version) })
      .expect(409);
    const { document } = parseHTML(res.text);
    const conflict = document.querySelector('#conflict')!;
    expect(conflict.textContent).toMatch(/alice set the verdict to\s+Disputed/);
    expect(conflict.querySelector('.note-body em')?.textContent).toBe('two');
    // escaped in the markup (a browser shows the textarea's value as typed: see the browser test)
    expect(res.text).toContain('>Bob typed this carefully &amp; it &lt;must&gt; survive</textarea>');
    expect(document.querySelector('select[name=verdict] option[selected]')?.getAttribute('value')).toBe('false');
    // the form now carries the newer version: saving again is a deliberate overwrite
    expect(document.querySelector('input[name=version]')?.getAttribute('value')).toBe(String(c.version + 1));
    expect((await claimRow(c.id)).verdict).toBe('disputed');
    expect(await db.selectFrom('annotation').select('id').where('claim_id', '=', c.id).execute()).toHaveLength(1);
    await bob.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: bob.csrf, verdict: 'false', note: typed, version: String(c.version + 1) })
      .expect(303);
    expect((await claimRow(c.id)).verdict).toBe('false');
  });

  it('rejects bad input with 400 naming the field, and an empty no-op save', async () => {
    const c = await freshClaim();
    const bad = await alice.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'true-ish', note: 'keep me', version: '1' })
      .expect(400);
    expect(bad.text).toMatch(/verdict: verdict must be one of/);
    expect(parseHTML(bad.text).document.querySelector('textarea[name=note]')?.textContent).toBe('keep me');
    const noVersion = await alice.agent.post(`/claims/${c.id}/annotations`).type('form').send({ _csrf: alice.csrf, verdict: 'verified', note: '' }).expect(400);
    expect(noVersion.text).toMatch(/version/);
    const noop = await alice.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'unverified', note: '  ', version: String(c.version) })
      .expect(400);
    expect(noop.text).toMatch(/verdict is unchanged and the note is empty/);
    expect((await claimRow(c.id)).version).toBe(c.version);
  });

  it('needs an editor: anonymous 401, researcher 403', async () => {
    const c = await freshClaim();
    const anon = request.agent(app);
    const home = await anon.get('/').expect(200);
    const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.text)![1];
    await anon.post(`/claims/${c.id}/annotations`).type('form').send({ _csrf: csrf, verdict: 'verified', note: '', version: '1' }).expect(401);
    const res = await loginAs(app, db, 'rita', 'researcher');
    await res.agent.post(`/claims/${c.id}/annotations`).type('form').send({ _csrf: res.csrf, verdict: 'verified', note: '', version: '1' }).expect(403);
    expect((await claimRow(c.id)).verdict).toBe('unverified');
  });
});

describe('annotations API', () => {
  it('POST /api/v1/claims/:id/annotations: 201, then 409 on the stale version with the current state', async () => {
    const c = await freshClaim();
    const ok = await alice.agent
      .post(`/api/v1/claims/${c.id}/annotations`)
      .set('x-csrf-token', alice.csrf)
      .send({ verdict: 'needs_context', note: 'Missing the date.', version: c.version })
      .expect(201);
    expect(ok.body).toMatchObject({ claim_id: c.id, verdict: 'needs_context', version: c.version + 1 });
    const stale = await bob.agent
      .post(`/api/v1/claims/${c.id}/annotations`)
      .set('x-csrf-token', bob.csrf)
      .send({ verdict: 'verified', note: '', version: c.version })
      .expect(409);
    expect(stale.body.error.message).toMatch(/changed by alice/);
    expect(stale.body.error.details.current).toMatchObject({
      verdict: 'needs_context',
      version: c.version + 1,
      author: 'alice',
      note_markdown: 'Missing the date.',
    });
    const invalid = await bob.agent
      .post(`/api/v1/claims/${c.id}/annotations`)
      .set('x-csrf-token', bob.csrf)
      .send({ verdict: 'maybe', version: 'x' })
      .expect(400);
    const fields = invalid.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['verdict', 'version']);
    await bob.agent.post(`/api/v1/claims/999999/annotations`).set('x-csrf-token', bob.csrf).send({ verdict: 'verified', note: '', version: 1 }).expect(404);
  });

  it('GET /api/v1/claims/:id returns the claim, its source summary, annotations with safe HTML and its history', async () => {
    const c = await freshClaim();
    await alice.agent
      .post(`/api/v1/claims/${c.id}/annotations`)
      .set('x-csrf-token', alice.csrf)
      .send({ verdict: 'verified', note: 'ok <script>alert(1)</script>', version: c.version })
      .expect(201);
    const res = await request(app).get(`/api/v1/claims/${c.id}`).expect(200);
    const row = await claimRow(c.id);
    expect(res.body).toMatchObject({ id: c.id, exact: row.exact, start: row.start, end: row.end, verdict: 'verified', version: c.version + 1 });
    expect(res.body.source).toMatchObject({ id: row.source_id });
    expect(res.body.provenance.selector).toEqual({ type: 'TextQuoteSelector', exact: row.exact, prefix: row.prefix, suffix: row.suffix });
    expect(res.body.annotations).toHaveLength(1);
    expect(res.body.annotations[0].note_html).not.toMatch(/script|alert/);
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual(['claim.annotate']);
  });
});
