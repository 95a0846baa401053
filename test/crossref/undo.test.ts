import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

// "Undo my last change" (POST /api/v1/audit/undo) for the cross-referencing edits: merges, splits, link decisions.
describe('undo of merges, splits and link decisions through the audit log', () => {
  let db: DB;
  let app: Express;
  let ed: LoggedIn;
  let bob: LoggedIn;
  beforeEach(async () => {
    const ctx = await createCorpusApp({ ed: 'editor', bob: 'editor' });
    ({ db, app } = ctx);
    ed = ctx.as.ed;
    bob = ctx.as.bob;
  });
  afterEach(() => db.destroy());

  const entityId = async (name: string) =>
    (await db.selectFrom('entity').select('id').where('name', '=', name).where('merged_into', 'is', null).executeTakeFirstOrThrow()).id;
  const post = (who: typeof ed, url: string, body: object = {}) => who.agent.post(url).set('x-csrf-token', who.csrf).send(body);
  const speakerClaims = (ids: number[]) =>
    db.selectFrom('claim').select(['id', 'speaker_entity_id', 'version', 'updated_at']).where('speaker_entity_id', 'in', ids).orderBy('id').execute();
  const snapshot = async (ids: number[]) => ({
    aliases: await db.selectFrom('entity_alias').select(['id', 'entity_id', 'alias']).where('entity_id', 'in', ids).orderBy('id').execute(),
    mentions: await db.selectFrom('mention').select(['id', 'entity_id']).where('entity_id', 'in', ids).orderBy('id').execute(),
    speakers: (await speakerClaims(ids)).map((c) => [c.id, c.speaker_entity_id]),
    merged: await db.selectFrom('entity').select(['id', 'merged_into']).where('id', 'in', ids).orderBy('id').execute(),
  });

  test('a merge over the API bumps the version of the claims it moves, and audit undo restores it', async () => {
    const keep = await entityId('Azhar Qayum');
    const gone = await entityId('Azhar Qauyum');
    const before = await snapshot([keep, gone]);
    const movedBefore = (await speakerClaims([gone])).map((c) => ({ id: c.id, version: c.version }));
    expect(movedBefore.length).toBeGreaterThan(0);
    const r = await post(ed, '/api/v1/entities/merge', { target_id: keep, source_id: gone }).expect(200);
    const after = await db
      .selectFrom('claim')
      .select(['id', 'version', 'updated_at', 'speaker_entity_id'])
      .where(
        'id',
        'in',
        movedBefore.map((c) => c.id),
      )
      .orderBy('id')
      .execute();
    for (const [i, c] of after.entries()) expect([c.speaker_entity_id, c.version]).toEqual([keep, movedBefore[i].version + 1]);
    expect(after.every((c) => c.updated_at !== null)).toBe(true);

    const undo = await post(ed, '/api/v1/audit/undo').expect(200);
    expect(undo.body).toEqual(expect.objectContaining({ undone_event_id: r.body.audit_id, action: 'entity.merge' }));
    expect(await snapshot([keep, gone])).toEqual(before);
    const back = await db
      .selectFrom('claim')
      .select(['id', 'version'])
      .where(
        'id',
        'in',
        movedBefore.map((c) => c.id),
      )
      .orderBy('id')
      .execute();
    expect(back.map((c) => c.version)).toEqual(movedBefore.map((c) => c.version + 2)); // moved twice
    const ev = await db.selectFrom('audit_event').selectAll().where('id', '=', r.body.audit_id).executeTakeFirstOrThrow();
    const undoEv = await db.selectFrom('audit_event').selectAll().where('id', '=', ev.undone_by!).executeTakeFirstOrThrow();
    expect([undoEv.action, undoEv.actor, undoEv.target_id]).toEqual(['undo', 'ed', ev.id]);
    // nothing of ed's is left to undo
    await post(ed, '/api/v1/audit/undo').expect(409);
  });

  test('confirming a link then undoing sets it back to suggested', async () => {
    const link = await db.selectFrom('claim_link').selectAll().where('status', '=', 'suggested').orderBy('id').executeTakeFirstOrThrow();
    const confirmed = await post(ed, `/api/v1/links/${link.id}`, { status: 'confirmed' }).expect(200);
    expect([confirmed.body.status, confirmed.body.decided_by]).toEqual(['confirmed', 'ed']);
    const undo = await post(ed, '/api/v1/audit/undo').expect(200);
    expect(undo.body.action).toBe('claim_link.confirm');
    const row = await db.selectFrom('claim_link').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect([row.status, row.decided_by, row.decided_at]).toEqual(['suggested', null, null]);
  });

  test('an entity suggestion decision is undone the same way', async () => {
    const el = await db.selectFrom('entity_link').selectAll().where('status', '=', 'suggested').orderBy('id').executeTakeFirstOrThrow();
    await post(ed, `/api/v1/entity-links/${el.id}`, { status: 'rejected' }).expect(200);
    expect((await post(ed, '/api/v1/audit/undo').expect(200)).body.action).toBe('entity_link.reject');
    expect((await db.selectFrom('entity_link').select('status').where('id', '=', el.id).executeTakeFirstOrThrow()).status).toBe('suggested');
  });

  test('undo refuses when someone decided the link differently since', async () => {
    const link = await db.selectFrom('claim_link').selectAll().where('status', '=', 'suggested').orderBy('id').executeTakeFirstOrThrow();
    await post(ed, `/api/v1/links/${link.id}`, { status: 'confirmed' }).expect(200);
    await post(bob, `/api/v1/links/${link.id}`, { status: 'rejected' }).expect(200);
    const refused = await post(ed, '/api/v1/audit/undo').expect(409);
    expect(refused.body.error.message).toMatch(/decided since.*rejected.*bob/);
    expect((await db.selectFrom('claim_link').select('status').where('id', '=', link.id).executeTakeFirstOrThrow()).status).toBe('rejected');
    await post(bob, '/api/v1/audit/undo').expect(200); // bob's own change is his to undo
  });

  test('a split is undone through the audit log; a merge whose target was merged away since is refused with 409', async () => {
    const id = await entityId('Ajmal Masroor');
    const before = await snapshot([id]);
    const alias = await db.selectFrom('entity_alias').select('id').where('entity_id', '=', id).where('alias', '=', 'Masroor').executeTakeFirstOrThrow();
    const split = await post(bob, `/api/v1/entities/${id}/split`, { alias_id: alias.id }).expect(200);
    expect((await post(bob, '/api/v1/audit/undo').expect(200)).body.action).toBe('entity.split');
    expect(await db.selectFrom('entity').select('id').where('id', '=', split.body.new_entity_id).executeTakeFirst()).toBeUndefined();
    expect(await snapshot([id])).toEqual(before);

    const a = await entityId('Azhar Qauyum');
    const b = await entityId('Azhar Qayum');
    const c = await entityId('Ajmal Masroor');
    await post(ed, '/api/v1/entities/merge', { target_id: b, source_id: a }).expect(200);
    await post(bob, '/api/v1/entities/merge', { target_id: c, source_id: b }).expect(200);
    const refused = await post(ed, '/api/v1/audit/undo').expect(409);
    expect(refused.body.error.message).toMatch(/has since been merged into/);
    // the domain conflict of the service itself answers 409 too
    const again = await post(ed, '/api/v1/entities/merge', { target_id: b, source_id: a }).expect(409);
    expect(again.body.error.message).toMatch(/merged into/);
    await post(ed, '/api/v1/entities/merge', { target_id: b, source_id: b }).expect(400);
    await post(ed, '/api/v1/entities/merge', { target_id: 999999, source_id: b }).expect(404);
  });
});
