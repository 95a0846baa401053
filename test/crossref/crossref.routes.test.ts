import request from 'supertest';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { createCorpusApp, csrfFrom, type LoggedIn } from '../helpers/web.js';

describe('conflicts board, links API and entity pages over HTTP', () => {
  let db: DB;
  let app: Express;
  let editor: LoggedIn;
  let researcher: LoggedIn;
  beforeEach(async () => {
    const ctx = await createCorpusApp({ ed: 'editor', res: 'researcher' });
    ({ db, app } = ctx);
    editor = ctx.as.ed;
    researcher = ctx.as.res;
  });
  afterEach(() => db.destroy());

  const entityId = async (name: string) => (await db.selectFrom('entity').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

  test('the board shows both sides with outlet, the sentence, the highlighted claim and the reason', async () => {
    const res = await request(app).get('/board').expect(200);
    expect(res.text).toContain('Middle East Eye');
    expect(res.text).toMatch(/<a class="hl k-figure" href="\/claims\/\d+">528 votes<\/a> of costing Labour/);
    expect(res.text).toContain('Ilford North');
    expect(res.text).toContain('Bethnal Green and Stepney');
    expect(res.text).toContain('Azhar Qauyum');
    expect(res.text).not.toContain('name="ids"'); // anonymous: no bulk form controls
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
  });

  test('the board filters by relation, status and entity', async () => {
    const none = await request(app).get('/board?relation=contradicts').expect(200);
    expect(none.text).toContain('No open or confirmed links of this kind');
    const mohamad = await entityId('Leanne Mohamad');
    const byEntity = await request(app).get(`/board?entity=${mohamad}`).expect(200);
    expect(byEntity.text).toContain('528 votes');
    expect(byEntity.text).not.toContain('38,000 Palestinians');
    await request(app).get('/board?relation=nonsense').expect(400);
  });

  test('links API lists both claims with their sources and validates its query', async () => {
    const res = await request(app).get('/api/v1/links?relation=corroborates&status=suggested').expect(200);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    const l = res.body.links.find((x: { a: { value: number } }) => x.a.value === 528);
    expect(l.a.source).toEqual(expect.objectContaining({ id: expect.any(Number), title: expect.any(String), outlet: null, published_at: null, url: null }));
    expect(l.b.source.outlet).toBe('Middle East Eye');
    expect(l.reason).toMatch(/528/);
    const bad = await request(app).get('/api/v1/links?status=maybe').expect(400);
    expect(bad.body.error.details[0].field).toBe('status');
  });

  test('anonymous writes get 401, researchers 403, missing CSRF 403', async () => {
    const id = (await db.selectFrom('claim_link').select('id').executeTakeFirstOrThrow()).id;
    await request(app).post(`/api/v1/links/${id}`).set('x-csrf-token', 'x').send({ status: 'confirmed' }).expect(403); // no CSRF cookie pair
    const anonPage = await request.agent(app);
    const home = await anonPage.get('/board');
    await anonPage.post(`/api/v1/links/${id}`).set('x-csrf-token', csrfFrom(home.text)).send({ status: 'confirmed' }).expect(401);
    await researcher.agent.post(`/api/v1/links/${id}`).set('x-csrf-token', researcher.csrf).send({ status: 'confirmed' }).expect(403);
    await editor.agent.post(`/api/v1/links/${id}`).send({ status: 'confirmed' }).expect(403);
    await editor.agent
      .post('/board/links')
      .type('form')
      .send({ ids: String(id), action: 'confirm' })
      .expect(403);
    expect((await db.selectFrom('claim_link').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('suggested');
  });

  test('zod 400s name the field', async () => {
    const id = (await db.selectFrom('claim_link').select('id').executeTakeFirstOrThrow()).id;
    const r1 = await editor.agent.post(`/api/v1/links/${id}`).set('x-csrf-token', editor.csrf).send({ status: 'maybe' }).expect(400);
    expect(r1.body.error.details[0].field).toBe('status');
    const r2 = await editor.agent.post('/api/v1/entities/merge').set('x-csrf-token', editor.csrf).send({ target_id: 'x' }).expect(400);
    expect(r2.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['source_id', 'target_id']);
    await editor.agent.post('/board/links').type('form').send({ _csrf: editor.csrf, action: 'confirm' }).expect(400);
    await editor.agent.post(`/api/v1/links/999999`).set('x-csrf-token', editor.csrf).send({ status: 'confirmed' }).expect(404);
  });

  test('bulk confirm from the board form writes status, decider and audit rows in one go', async () => {
    const ids = (await db.selectFrom('claim_link').select('id').where('status', '=', 'suggested').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const page = await editor.agent.get('/board').expect(200);
    expect(page.text).toContain('name="ids"');
    const res = await editor.agent
      .post('/board/links')
      .type('form')
      .send(`_csrf=${encodeURIComponent(csrfFrom(page.text))}&action=confirm&filter_status=suggested&${ids.map((i) => `ids=${i}`).join('&')}`)
      .expect(303);
    expect(res.headers.location).toMatch(/^\/board\?status=suggested&notice=/);
    const rows = await db.selectFrom('claim_link').selectAll().where('id', 'in', ids).execute();
    for (const r of rows) expect([r.status, r.decided_by, typeof r.decided_at]).toEqual(['confirmed', 'ed', 'string']);
    const audit = await db.selectFrom('audit_event').selectAll().where('action', '=', 'claim_link.confirm').execute();
    expect(audit.map((a) => a.target_id).sort()).toEqual([...ids].sort());
    expect(audit.every((a) => a.actor === 'ed' && JSON.parse(a.after_json!).status === 'confirmed')).toBe(true);
    const confirmed = await request(app).get('/board?status=confirmed').expect(200);
    expect(confirmed.text).toContain('by ed');
  });

  test('entity list with search, entity page with claims and mentions', async () => {
    const list = await request(app).get('/entities?q=masroor').expect(200);
    expect(list.text).toContain('Ajmal Masroor');
    const api = await request(app).get('/api/v1/entities?q=qa').expect(200);
    expect(api.body.entities.map((e: { name: string }) => e.name)).toEqual(expect.arrayContaining(['Azhar Qayum', 'Azhar Qauyum']));
    const id = await entityId('Azhar Qayum');
    const page = await request(app).get(`/entities/${id}`).expect(200);
    expect(page.text).toContain('There’s about five people who own all of our media');
    expect(page.text).toContain('<mark>Qayum</mark>');
    await request(app).get('/entities/99999').expect(404);
    await request(app).get('/entities/abc').expect(400);
  });

  test('merge moves aliases, mentions and claims; undo restores them exactly (audited)', async () => {
    const keep = await entityId('Azhar Qayum');
    const gone = await entityId('Azhar Qauyum');
    const snapshot = async () => ({
      aliases: await db.selectFrom('entity_alias').select(['id', 'entity_id', 'alias']).where('entity_id', 'in', [keep, gone]).orderBy('id').execute(),
      mentions: await db.selectFrom('mention').select(['id', 'entity_id']).where('entity_id', 'in', [keep, gone]).orderBy('id').execute(),
      claims: await db.selectFrom('claim').select(['id', 'speaker_entity_id']).where('speaker_entity_id', 'in', [keep, gone]).orderBy('id').execute(),
    });
    const before = await snapshot();
    expect(before.mentions.some((m) => m.entity_id === gone)).toBe(true);
    const page = await editor.agent.get(`/entities/${keep}`).expect(200);
    await editor.agent
      .post('/entities/merge')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), target_id: keep, source_id: gone })
      .expect(303);
    const merged = await snapshot();
    expect(merged.mentions.every((m) => m.entity_id === keep)).toBe(true);
    expect(merged.claims.every((c) => c.speaker_entity_id === keep)).toBe(true);
    expect(merged.aliases.map((a) => a.alias)).toEqual(expect.arrayContaining(['Azhar Qauyum', 'Qauyum']));
    const list = await request(app).get('/api/v1/entities?q=qauyum').expect(200);
    expect(list.body.entities.map((e: { id: number }) => e.id)).toEqual([keep]);
    const ev = await db.selectFrom('audit_event').selectAll().where('action', '=', 'entity.merge').executeTakeFirstOrThrow();
    expect(ev.actor).toBe('ed');
    expect(JSON.parse(ev.before_json!).mentionIds.length).toBeGreaterThan(0);
    const shown = await editor.agent.get(`/entities/${keep}`).expect(200);
    expect(shown.text).toContain(`/entities/edits/${ev.id}/undo`);
    await editor.agent
      .post(`/entities/edits/${ev.id}/undo`)
      .type('form')
      .send({ _csrf: csrfFrom(shown.text) })
      .expect(303);
    expect(await snapshot()).toEqual(before);
    expect((await db.selectFrom('audit_event').select('undone_by').where('id', '=', ev.id).executeTakeFirstOrThrow()).undone_by).not.toBeNull();
    await editor.agent
      .post(`/entities/edits/${ev.id}/undo`)
      .type('form')
      .send({ _csrf: csrfFrom(shown.text) })
      .expect(409);
  });

  test('split an alias into a new entity over the API, then undo', async () => {
    const id = await entityId('Ajmal Masroor');
    const alias = await db
      .selectFrom('entity_alias')
      .select(['id', 'alias'])
      .where('entity_id', '=', id)
      .where('alias', '=', 'Masroor')
      .executeTakeFirstOrThrow();
    const mentionsBefore = await db.selectFrom('mention').select('id').where('entity_id', '=', id).execute();
    const r = await editor.agent.post(`/api/v1/entities/${id}/split`).set('x-csrf-token', editor.csrf).send({ alias_id: alias.id }).expect(200);
    const newId = r.body.new_entity_id;
    const moved = await db.selectFrom('mention').select('id').where('entity_id', '=', newId).execute();
    expect(moved.length).toBeGreaterThan(0);
    const detail = await request(app).get(`/api/v1/entities/${newId}`).expect(200);
    expect(detail.body.name).toBe('Masroor');
    await editor.agent.post(`/api/v1/entity-edits/${r.body.audit_id}/undo`).set('x-csrf-token', editor.csrf).send({}).expect(200);
    expect(await db.selectFrom('mention').select('id').where('entity_id', '=', id).execute()).toHaveLength(mentionsBefore.length);
    expect(await db.selectFrom('entity').select('id').where('id', '=', newId).executeTakeFirst()).toBeUndefined();
    const bad = await editor.agent.post(`/api/v1/entities/${id}/split`).set('x-csrf-token', editor.csrf).send({ alias_id: 'one' }).expect(400);
    expect(bad.body.error.details[0].field).toBe('alias_id');
    await researcher.agent.post(`/api/v1/entities/${id}/split`).set('x-csrf-token', researcher.csrf).send({ alias_id: alias.id }).expect(403);
  });

  test('entity suggestions can be rejected from the board', async () => {
    const page = await editor.agent.get('/board').expect(200);
    const el = await db.selectFrom('entity_link').select('id').where('relation', '=', 'place_conflict').executeTakeFirstOrThrow();
    await editor.agent
      .post('/board/entity-links')
      .type('form')
      .send({ _csrf: csrfFrom(page.text), ids: String(el.id), action: 'reject' })
      .expect(303);
    const row = await db.selectFrom('entity_link').selectAll().where('id', '=', el.id).executeTakeFirstOrThrow();
    expect([row.status, row.decided_by]).toEqual(['rejected', 'ed']);
    expect(await db.selectFrom('audit_event').select('id').where('action', '=', 'entity_link.reject').execute()).toHaveLength(1);
  });
});
