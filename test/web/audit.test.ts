import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import request from 'supertest';
import { recordAuditEvent, UndoRefused, type UndoHandler } from '../../src/storage/audit.repository.js';
import { UNDO_HANDLERS, undoLastChange } from '../../src/storage/undo-registry.js';
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
async function freshClaim() {
  const rows = await db.selectFrom('claim').select(['id', 'version']).where('kind', '=', 'figure').where('extractor', '<>', 'manual').orderBy('id').execute();
  return rows[nth++];
}
const claimRow = (id: number) => db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const annotate = (who: typeof alice, id: number, verdict: string, version: number, note = '') =>
  who.agent
    .post(`/claims/${id}/annotations`)
    .type('form')
    .send({ _csrf: who.csrf, verdict, note, version: String(version) });

describe('audit log page', () => {
  it('lists events with actor, action, target link and before/after; editors only', async () => {
    const c = await freshClaim();
    await annotate(alice, c.id, 'verified', c.version, 'seen').expect(303);
    const res = await alice.agent.get('/audit').expect(200);
    const { document } = parseHTML(res.text);
    const row = document.querySelector('table.audit tbody tr')!;
    expect(row.textContent).toMatch(/alice/);
    expect(row.textContent).toMatch(/claim\.annotate/);
    expect(row.querySelector(`a[href="/claims/${c.id}"]`)).not.toBeNull();
    expect(row.querySelector('pre.json')?.textContent).toMatch(/"verdict":"unverified"/);
    expect(document.querySelector('.undo-box')?.textContent).toMatch(new RegExp(`verdict on claim ${c.id}: unverified → verified`));
    await request(app).get('/audit').expect(401);
    const r = await loginAs(app, db, 'rhea', 'researcher');
    await r.agent.get('/audit').expect(403);
    await r.agent.post('/audit/undo').type('form').send({ _csrf: r.csrf }).expect(403);
  });
});

describe('undo of one’s last change', () => {
  it('reverts the last verdict change via before_json, audits the undo, and marks the event undone', async () => {
    const c = await freshClaim();
    await annotate(alice, c.id, 'disputed', c.version, 'first').expect(303);
    await annotate(alice, c.id, 'false', c.version + 1, 'second').expect(303);
    const res = await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(303);
    expect(decodeURIComponent(res.headers.location)).toMatch(new RegExp(`verdict on claim ${c.id}: disputed → false`));
    let row = await claimRow(c.id);
    expect(row.verdict).toBe('disputed');
    expect(row.version).toBe(c.version + 3);
    const undo = await db.selectFrom('audit_event').selectAll().where('action', '=', 'undo').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(undo.actor).toBe('alice');
    const undone = await db.selectFrom('audit_event').selectAll().where('id', '=', undo.target_id!).executeTakeFirstOrThrow();
    expect(undone).toMatchObject({ action: 'claim.annotate', target_id: c.id, undone_by: undo.id });
    // history stays append-only: the undo is a new row pointing at the event it reverted
    const anns = await db.selectFrom('annotation').selectAll().where('claim_id', '=', c.id).orderBy('id').execute();
    expect(anns.map((a) => [a.verdict, a.undoes_event_id])).toEqual([
      ['disputed', null],
      ['false', null],
      ['disputed', undone.id],
    ]);
    const page = await alice.agent.get(`/claims/${c.id}`).expect(200);
    expect(page.text).toContain(`undo of change #${undone.id}`);
    // undo again walks one step further back
    await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(303);
    row = await claimRow(c.id);
    expect(row.verdict).toBe('unverified');
  });

  it('only ever undoes the actor’s own changes, and refuses (409) when someone changed the claim since', async () => {
    const c = await freshClaim();
    await annotate(alice, c.id, 'verified', c.version).expect(303);
    await annotate(bob, c.id, 'misattributed', c.version + 1, 'bob disagrees').expect(303);
    const res = await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(409);
    expect(parseHTML(res.text).document.querySelector('#undo-error')?.textContent).toMatch(/changed since your edit \(now "misattributed" set by bob\)/);
    expect((await claimRow(c.id)).verdict).toBe('misattributed');
    // bob's undo reverts bob's change only
    await bob.agent.post('/api/v1/audit/undo').set('x-csrf-token', bob.csrf).expect(200);
    expect((await claimRow(c.id)).verdict).toBe('verified');
  });

  it('undoes a manual claim creation by deleting that claim', async () => {
    const source = await db.selectFrom('source').select(['id', 'text']).orderBy('id').executeTakeFirstOrThrow();
    const carol = await loginAs(app, db, 'carol', 'editor');
    const created = await carol.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', carol.csrf)
      .send({ source_id: source.id, kind: 'quote', start: 0, end: 8, exact: source.text.slice(0, 8) })
      .expect(201);
    const api = await carol.agent.post('/api/v1/audit/undo').set('x-csrf-token', carol.csrf).expect(200);
    expect(api.body).toMatchObject({ action: 'claim.create', description: expect.stringMatching(/created quote claim/) });
    expect(await db.selectFrom('claim').select('id').where('id', '=', created.body.id).executeTakeFirst()).toBeUndefined();
    const nothing = await carol.agent.post('/audit/undo').type('form').send({ _csrf: carol.csrf }).expect(409);
    expect(nothing.text).toMatch(/Nothing to undo/);
  });

  it('keeps a manual claim someone else has annotated', async () => {
    const source = await db.selectFrom('source').select(['id', 'text']).orderBy('id').executeTakeFirstOrThrow();
    const dan = await loginAs(app, db, 'dan', 'editor');
    const created = await dan.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', dan.csrf)
      .send({ source_id: source.id, kind: 'reported', start: 0, end: 12, exact: source.text.slice(0, 12) })
      .expect(201);
    await annotate(alice, created.body.id, 'verified', 1).expect(303);
    const res = await dan.agent.post('/api/v1/audit/undo').set('x-csrf-token', dan.csrf).expect(409);
    expect(res.body.error.message).toMatch(/annotated by alice since; it was kept/);
    expect(await db.selectFrom('claim').select('id').where('id', '=', created.body.id).executeTakeFirst()).toBeDefined();
  });

  it('dispatches by action through the registry it is given', async () => {
    const seen: number[] = [];
    const flip: UndoHandler = async (trx, event) => {
      const before = JSON.parse(event.before_json!) as { name: string };
      if (before.name === 'refuse') throw new UndoRefused('not today');
      await trx.updateTable('entity').set({ name: before.name }).where('id', '=', event.target_id!).execute();
      seen.push(event.id);
      return { name: before.name };
    };
    const handlers = new Map([...UNDO_HANDLERS, ['test.flip', flip]]);
    const entity = await db.selectFrom('entity').select(['id', 'name']).orderBy('id').executeTakeFirstOrThrow();
    await db.updateTable('entity').set({ name: 'Renamed' }).where('id', '=', entity.id).execute();
    const id = await recordAuditEvent(db, {
      actor: 'erin',
      action: 'test.flip',
      targetType: 'entity',
      targetId: entity.id,
      before: { name: entity.name },
      after: { name: 'Renamed' },
    });
    await recordAuditEvent(db, { actor: 'erin', action: 'not.undoable', targetType: 'entity', targetId: entity.id, before: null, after: null });
    const result = await undoLastChange(db, 'erin', handlers);
    expect(result.status).toBe('undone');
    expect(seen).toEqual([id]);
    expect((await db.selectFrom('entity').select('name').where('id', '=', entity.id).executeTakeFirstOrThrow()).name).toBe(entity.name);
    const refuse = await recordAuditEvent(db, {
      actor: 'erin',
      action: 'test.flip',
      targetType: 'entity',
      targetId: entity.id,
      before: { name: 'refuse' },
      after: {},
    });
    const refused = await undoLastChange(db, 'erin', handlers);
    expect(refused).toMatchObject({ status: 'refused', reason: 'not today', event: { id: refuse } });
    const row = await db.selectFrom('audit_event').select('undone_by').where('id', '=', refuse).executeTakeFirstOrThrow();
    expect(row.undone_by).toBeNull();
  });
});
