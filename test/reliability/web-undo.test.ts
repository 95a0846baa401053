import { parseHTML } from 'linkedom';
import type { DB } from '../../src/storage/connect.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

// Merges and splits are undone only by their author or an admin; an undo never deletes an annotation.
let db: DB;
let alice: LoggedIn;
let bob: LoggedIn;
let root: LoggedIn;

beforeEach(async () => {
  const ctx = await createCorpusApp({ alice: 'editor', bob: 'editor', root: 'admin' });
  ({ db } = ctx);
  ({ alice, bob, root } = ctx.as);
});
afterEach(() => db.destroy());

const counts = async () => {
  const n = async (t: 'entity' | 'entity_alias' | 'mention' | 'annotation' | 'claim' | 'audit_event') =>
    Number(
      (
        await db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    entity: await n('entity'),
    alias: await n('entity_alias'),
    mention: await n('mention'),
    annotation: await n('annotation'),
    claim: await n('claim'),
    audit: await n('audit_event'),
  };
};

let used = 0;
/** Two person entities no other test has touched. */
async function twoPeople(): Promise<[number, number]> {
  const people = await db.selectFrom('entity').select('id').where('kind', '=', 'person').where('merged_into', 'is', null).orderBy('id').execute();
  const pair: [number, number] = [people[used].id, people[used + 1].id];
  used += 2;
  return pair;
}

async function merge(who: LoggedIn, target: number, merged: number): Promise<number> {
  const res = await who.agent.post('/api/v1/entities/merge').set('x-csrf-token', who.csrf).send({ target_id: target, source_id: merged }).expect(200);
  return res.body.audit_id;
}

describe('undoing a merge', () => {
  it('by another editor: 403 naming the author, over JSON and HTML, nothing changed', async () => {
    const [target, merged] = await twoPeople();
    const auditId = await merge(alice, target, merged);
    const before = await counts();
    const api = await bob.agent.post(`/api/v1/entity-edits/${auditId}/undo`).set('x-csrf-token', bob.csrf).expect(403);
    expect(api.body.error.message).toBe('only alice (who made this merge) or an admin can undo it');
    const page = await bob.agent.post(`/entities/edits/${auditId}/undo`).type('form').send({ _csrf: bob.csrf }).expect(403);
    expect(page.text).toMatch(/only alice \(who made this merge\) or an admin can undo it/);
    expect(await counts()).toEqual(before);
    expect((await db.selectFrom('entity').select('merged_into').where('id', '=', merged).executeTakeFirstOrThrow()).merged_into).toBe(target);
    // bob's page offers no undo button for alice's merge; alice's does
    const bobView = parseHTML((await bob.agent.get(`/entities/${target}`).expect(200)).text).document;
    expect(bobView.querySelector(`form[action="/entities/edits/${auditId}/undo"]`)).toBeNull();
    const aliceView = parseHTML((await alice.agent.get(`/entities/${target}`).expect(200)).text).document;
    expect(aliceView.querySelector(`form[action="/entities/edits/${auditId}/undo"]`)).not.toBeNull();
  });

  it('by its author, or by an admin, restores the merged entity', async () => {
    const [t1, m1] = await twoPeople();
    const own = await merge(alice, t1, m1);
    await alice.agent.post(`/api/v1/entity-edits/${own}/undo`).set('x-csrf-token', alice.csrf).expect(200);
    expect((await db.selectFrom('entity').select('merged_into').where('id', '=', m1).executeTakeFirstOrThrow()).merged_into).toBeNull();

    const [t2, m2] = await twoPeople();
    const others = await merge(bob, t2, m2);
    const res = await root.agent.post(`/api/v1/entity-edits/${others}/undo`).set('x-csrf-token', root.csrf).expect(200);
    expect(res.body.entity_id).toBe(m2);
    const undo = await db.selectFrom('audit_event').selectAll().where('id', '=', res.body.audit_id).executeTakeFirstOrThrow();
    expect(undo).toMatchObject({ actor: 'root', action: 'entity.merge.undo', target_id: others });
  });
});

describe('undo never deletes an annotation', () => {
  async function figure(offset: number) {
    return db
      .selectFrom('claim')
      .select(['id', 'version', 'source_id'])
      .where('kind', '=', 'figure')
      .orderBy('id', 'desc')
      .offset(offset)
      .limit(1)
      .executeTakeFirstOrThrow();
  }

  it('undoing a verdict withdraws its annotation: the row stays, the page strikes it through with a count', async () => {
    const c = await figure(0);
    await alice.agent
      .post(`/claims/${c.id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'false', note: 'Wrong figure', version: String(c.version) })
      .expect(303);
    const written = await db.selectFrom('annotation').selectAll().where('claim_id', '=', c.id).executeTakeFirstOrThrow();
    await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(303);
    const kept = await db.selectFrom('annotation').selectAll().where('id', '=', written.id).executeTakeFirstOrThrow();
    expect(kept).toMatchObject({ note_markdown: 'Wrong figure', verdict: 'false', withdrawn_by: 'alice', withdrawn_at: expect.any(String) });
    const { document } = parseHTML((await alice.agent.get(`/claims/${c.id}`).expect(200)).text);
    expect(document.querySelector('#withdrawn-count')?.textContent).toMatch(/^1 annotation withdrawn by an undo/);
    expect(document.querySelector('li.annotation.withdrawn')?.textContent).toMatch(/Wrong figure/);
    expect(document.querySelector('#current-verdict')?.textContent).toBe('Unverified');
  });

  it('undoing a hand-made claim that has annotations keeps the claim (withdrawn) and every annotation', async () => {
    const source = await db.selectFrom('source').select(['id', 'text']).orderBy('id').executeTakeFirstOrThrow();
    const start = source.text.indexOf(' ') + 1;
    const exact = source.text.slice(start, start + 12);
    const created = await alice.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', alice.csrf)
      .send({ source_id: source.id, kind: 'quote', start, end: start + 12, exact })
      .expect(201);
    const id = created.body.id;
    await alice.agent
      .post(`/claims/${id}/annotations`)
      .type('form')
      .send({ _csrf: alice.csrf, verdict: 'disputed', note: 'Keep this note', version: String(created.body.version) })
      .expect(303);
    const before = await counts();
    await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(303); // the verdict
    await alice.agent.post('/audit/undo').type('form').send({ _csrf: alice.csrf }).expect(303); // the claim
    const after = await counts();
    expect(after.annotation).toBe(before.annotation + 1); // the undo's own restoring row; none removed
    expect(after.claim).toBe(before.claim);
    const claim = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(claim.anchor_status).toBe('withdrawn');
    const notes = await db.selectFrom('annotation').selectAll().where('claim_id', '=', id).orderBy('id').execute();
    expect(notes[0]).toMatchObject({ note_markdown: 'Keep this note', withdrawn_by: 'alice' });
    expect(notes.every((n) => n.withdrawn_at !== null)).toBe(true);
    // not shown in its article any more, but its page and history remain
    const page = await alice.agent.get(`/sources/${source.id}`).expect(200);
    expect(page.text).not.toContain(`id="claim-${id}"`);
    const claimPage = await alice.agent.get(`/claims/${id}`).expect(200);
    expect(claimPage.text).toContain('Keep this note');
    expect(claimPage.text).toMatch(/tag warn">withdrawn</);
  });

  it('undoing a hand-made claim nobody annotated removes it, as before', async () => {
    const source = await db.selectFrom('source').select(['id', 'text']).orderBy('id', 'desc').executeTakeFirstOrThrow();
    const start = source.text.indexOf(' ') + 1;
    const created = await bob.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', bob.csrf)
      .send({ source_id: source.id, kind: 'quote', start, end: start + 9, exact: source.text.slice(start, start + 9) })
      .expect(201);
    await bob.agent.post('/audit/undo').type('form').send({ _csrf: bob.csrf }).expect(303);
    expect(await db.selectFrom('claim').select('id').where('id', '=', created.body.id).executeTakeFirst()).toBeUndefined();
  });
});
