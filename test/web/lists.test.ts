import request from 'supertest';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { corpusDb } from '../helpers/db.js';
import { createTestApp, csrfFrom, loginAs } from '../helpers/web.js';

describe('citation lists over HTTP', () => {
  let db: DB;
  let app: Express;
  let claimIds: number[];
  beforeEach(async () => {
    db = await corpusDb();
    app = createTestApp(db);
    claimIds = (await db.selectFrom('claim').select('id').orderBy('id').limit(3).execute()).map((r) => r.id);
  });
  afterEach(() => db.destroy());

  it('lets a researcher create a list, add and remove claims through the API, each write audited', async () => {
    const { agent, csrf } = await loginAs(app, db, 'rita', 'researcher');
    const created = await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: 'Ilford North', description: 'margin claims' }).expect(201);
    const id = created.body.id;
    expect(created.body).toEqual(expect.objectContaining({ name: 'Ilford North', created_by: 'rita', items: 0 }));
    await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: 'Ilford North' }).expect(409);
    await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: '   ' }).expect(400);
    expect((await agent.post(`/api/v1/lists/${id}/items`).set('x-csrf-token', csrf).send({ claim_id: claimIds[0] }).expect(201)).body.added).toBe(true);
    await agent.post(`/api/v1/lists/${id}/items`).set('x-csrf-token', csrf).send({ claim_id: claimIds[1] }).expect(201);
    expect((await agent.post(`/api/v1/lists/${id}/items`).set('x-csrf-token', csrf).send({ claim_id: claimIds[0] }).expect(200)).body.added).toBe(false);
    await agent.post(`/api/v1/lists/${id}/items`).set('x-csrf-token', csrf).send({ claim_id: 99999999 }).expect(404);
    await agent.post(`/api/v1/lists/${id}/items`).set('x-csrf-token', csrf).send({ claim_id: 'x' }).expect(400);
    const got = await request(app).get(`/api/v1/lists/${id}`).expect(200);
    expect(got.body.claims.map((c: { claim_id: number }) => c.claim_id)).toEqual([claimIds[0], claimIds[1]]);
    await agent.delete(`/api/v1/lists/${id}/items/${claimIds[0]}`).set('x-csrf-token', csrf).expect(200);
    await agent.delete(`/api/v1/lists/${id}/items/${claimIds[0]}`).set('x-csrf-token', csrf).expect(404);
    const after = await request(app).get(`/api/v1/lists/${id}`).expect(200);
    expect(after.body.claims.map((c: { claim_id: number }) => c.claim_id)).toEqual([claimIds[1]]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['actor', 'action', 'target_id'])
      .where('target_type', '=', 'citation_list')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['list.create', 'list.add_item', 'list.add_item', 'list.remove_item']);
    expect(audit.every((a) => a.actor === 'rita' && a.target_id === id)).toBe(true);
  });

  it('refuses anonymous writes, missing CSRF tokens, and lets anyone read', async () => {
    const anon = request.agent(app);
    const page = await anon.get('/lists').expect(200);
    await anon.post('/api/v1/lists').set('x-csrf-token', csrfFrom(page.text)).send({ name: 'x' }).expect(401);
    const { agent } = await loginAs(app, db, 'eddie', 'editor');
    await agent.post('/api/v1/lists').send({ name: 'no token' }).expect(403);
    expect((await request(app).get('/api/v1/lists').expect(200)).body.lists.map((l: { name: string }) => l.name)).not.toContain('no token');
    await request(app).get('/lists/999999').expect(404);
  });

  it('works from the pages without JavaScript: create, add from a search result, remove', async () => {
    const { agent, csrf } = await loginAs(app, db, 'sam', 'researcher');
    const made = await agent.post('/lists').type('form').send({ _csrf: csrf, name: 'Page list <i>', description: '' }).expect(303);
    const listUrl = made.headers.location as string;
    const listId = Number(listUrl.split('/').pop());
    const search = await agent.get('/search?q=vote').expect(200);
    expect(search.text).toContain('action="/lists/add"');
    const claimId = Number(/name="claim_id" value="(\d+)"/.exec(search.text)![1]);
    const back = await agent.post('/lists/add').type('form').send({ _csrf: csrf, list_id: listId, claim_id: claimId, back: '/search?q=vote' }).expect(303);
    expect(back.headers.location).toBe('/search?q=vote');
    const evil = await agent.post('/lists/add').type('form').send({ _csrf: csrf, list_id: listId, claim_id: claimId, back: '//evil.example/' }).expect(303);
    expect(evil.headers.location).toBe(`/lists/${listId}`);
    const page = await agent.get(listUrl).expect(200);
    expect(page.text).toContain('<h1>Page list &lt;i&gt;</h1>');
    expect(page.text).toContain(`href="/claims/${claimId}"`);
    expect(page.text).toContain(`href="/export?list=${listId}&amp;format=bibtex"`);
    await agent.post(`/lists/${listId}/items/${claimId}/delete`).type('form').send({ _csrf: csrf }).expect(303);
    expect((await agent.get(listUrl).expect(200)).text).toContain('This list is empty.');
  });
});
