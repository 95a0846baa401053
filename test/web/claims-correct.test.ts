import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import type { Claim } from '../../src/storage/database.js';
import { reextractSources } from '../../src/pipeline/reextract.js';
import { CORPUS_DIR, tempDir } from '../helpers/db.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

// Editors correct a claim's speaker, kind and span, withdraw it, rename entities; all audited and undoable.
let db: DB;
let app: Express;
let alice: LoggedIn;
let bob: LoggedIn;
let root: LoggedIn;
let reader: LoggedIn;

beforeEach(async () => {
  // each test has a database of its own: pick claims from the start, the same whatever ran before
  taken.clear();
  const ctx = await createCorpusApp({ alice: 'editor', bob: 'editor', root: 'admin', reader: 'researcher' });
  ({ db, app } = ctx);
  ({ alice, bob, root, reader } = ctx.as);
});
afterEach(() => db.destroy());

const claimById = (id: number) => db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const textOf = async (c: Claim) => (await db.selectFrom('source').select('text').where('id', '=', c.source_id).executeTakeFirstOrThrow()).text;

const taken = new Set<number>();
/** An extracted claim with a speaker that no other test has used. */
async function freshQuote(): Promise<Claim> {
  const c = await db
    .selectFrom('claim')
    .selectAll()
    .where('kind', '=', 'quote')
    .where('speaker_entity_id', 'is not', null)
    .where('extractor', '<>', 'manual')
    .where('anchor_status', '=', 'anchored')
    .where('withdrawn_at', 'is', null)
    .where('corrected_by', 'is', null)
    .where('id', 'not in', [0, ...taken])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  taken.add(c.id);
  return c;
}

const patch = (who: LoggedIn, id: number, body: object) => who.agent.patch(`/api/v1/claims/${id}`).set('x-csrf-token', who.csrf).send(body);
const undoLast = (who: LoggedIn) => who.agent.post('/api/v1/audit/undo').set('x-csrf-token', who.csrf).send({});

describe('PATCH /api/v1/claims/:id', () => {
  it('changes the speaker to a new person typed by name, with the kind the editor chose; audited and undone', async () => {
    const c = await freshQuote();
    const res = await patch(alice, c.id, { speaker_name: 'Testa Personne', speaker_kind: 'person', version: c.version }).expect(200);
    expect(res.body.speaker_name).toBe('Testa Personne');
    expect(res.body.corrected_by).toBe('alice');
    expect(res.body.extractor).toBe(c.extractor);
    expect(res.body.version).toBe(c.version + 1);
    expect(res.body.changed).toEqual(['speaker']);
    const entity = await db.selectFrom('entity').selectAll().where('id', '=', res.body.speaker_entity_id).executeTakeFirstOrThrow();
    expect(entity).toMatchObject({ name: 'Testa Personne', kind: 'person' });

    const ev = await db.selectFrom('audit_event').selectAll().where('id', '=', res.body.audit_id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ actor: 'alice', action: 'claim.correct', target_type: 'claim', target_id: c.id });
    expect(JSON.parse(ev.before_json!)).toMatchObject({ speaker_entity_id: c.speaker_entity_id, speaker_name: c.speaker_name, version: c.version });
    expect(JSON.parse(ev.after_json!)).toMatchObject({ speaker_entity_id: entity.id, speaker_name: 'Testa Personne', corrected_by: 'alice' });

    await undoLast(alice).expect(200);
    const back = await claimById(c.id);
    expect(back).toMatchObject({ speaker_entity_id: c.speaker_entity_id, speaker_name: c.speaker_name, corrected_by: null, exact: c.exact });
    // the entity the correction made, used by nothing else, goes with the undo
    expect(await db.selectFrom('entity').select('id').where('id', '=', entity.id).executeTakeFirst()).toBeUndefined();
  });

  it('an organisation by name is an organisation even when its name looks like a person', async () => {
    const c = await freshQuote();
    const res = await patch(alice, c.id, { speaker_name: 'Hope Not Hate', speaker_kind: 'organisation' }).expect(200);
    const e = await db.selectFrom('entity').select(['kind', 'name']).where('id', '=', res.body.speaker_entity_id).executeTakeFirstOrThrow();
    expect(e).toEqual({ kind: 'organisation', name: 'Hope Not Hate' });
  });

  it('chooses an existing speaker by id, following a merge', async () => {
    const c = await freshQuote();
    const other = await db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('kind', '=', 'person')
      .where('merged_into', 'is', null)
      .where('id', '<>', c.speaker_entity_id!)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const res = await patch(alice, c.id, { speaker_entity_id: other.id }).expect(200);
    expect(res.body).toMatchObject({ speaker_entity_id: other.id, speaker_name: other.name });
  });

  it('changes the kind', async () => {
    const c = await freshQuote();
    const res = await patch(bob, c.id, { kind: 'reported' }).expect(200);
    expect(res.body.kind).toBe('reported');
    expect((await claimById(c.id)).corrected_by).toBe('bob');
  });

  it('changes the span to words chosen from its sentence: exact, offsets, prefix and suffix agree with the source', async () => {
    const c = await freshQuote();
    const text = await textOf(c);
    const words = c.exact.split(' ').slice(1, 4).join(' ');
    const res = await patch(alice, c.id, { exact: words }).expect(200);
    const after = await claimById(c.id);
    expect(after.exact).toBe(words);
    expect(text.slice(after.start, after.end)).toBe(after.exact);
    expect(after.prefix).toBe(text.slice(Math.max(0, after.start - 32), after.start));
    expect(after.suffix).toBe(text.slice(after.end, after.end + 32));
    expect(after.start).toBeGreaterThan(c.start);
    expect(res.body.provenance.selector.exact).toBe(words);

    // and back out by offsets
    await patch(alice, c.id, { start: c.start, end: c.end }).expect(200);
    expect(await claimById(c.id)).toMatchObject({ start: c.start, end: c.end, exact: c.exact, prefix: c.prefix, suffix: c.suffix });
  });

  it('refuses a span outside the sentence, words not in it, and offsets that do not cut the words sent: 400 naming the field', async () => {
    const c = await freshQuote();
    const text = await textOf(c);
    const far = await patch(alice, c.id, { start: 0, end: 5 });
    expect(far.status).toBe(400);
    expect(far.body.error.details[0].field).toBe('start');
    const missing = await patch(alice, c.id, { exact: 'words that are nowhere in this sentence' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('exact');
    const lying = await patch(alice, c.id, { start: c.start, end: c.end, exact: `${text.slice(c.start, c.end)}x` });
    expect(lying.status).toBe(400);
    expect(lying.body.error.details[0].field).toBe('exact');
    expect(await claimById(c.id)).toMatchObject({ start: c.start, end: c.end, version: c.version });
  });

  it('validates the body with zod: 400 naming the field', async () => {
    const c = await freshQuote();
    const cases: [object, string][] = [
      [{ kind: 'rumour' }, 'kind'],
      [{ speaker_name: 'Someone New' }, 'speaker_kind'],
      [{ speaker_name: 'X Y', speaker_kind: 'place' }, 'speaker_kind'],
      [{ withdrawn: true }, 'reason'],
      [{ start: ' 1 ' }, 'start'],
      [{ speaker_entity_id: '0x10' }, 'speaker_entity_id'],
      [{ version: 2 }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const res = await patch(alice, c.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('409 on a stale version, with the current state; nothing changed', async () => {
    const c = await freshQuote();
    await patch(alice, c.id, { kind: 'reported', version: c.version }).expect(200);
    const res = await patch(bob, c.id, { kind: 'figure', version: c.version });
    expect(res.status).toBe(409);
    expect(res.body.error.details.current).toMatchObject({ version: c.version + 1, kind: 'reported', updated_by: 'alice' });
    expect((await claimById(c.id)).kind).toBe('reported');
  });

  it('editors only, with a CSRF token', async () => {
    const c = await freshQuote();
    // no session: refused (no CSRF token can be right without one)
    expect([401, 403]).toContain((await request(app).patch(`/api/v1/claims/${c.id}`).send({ kind: 'reported' })).status);
    await reader.agent.patch(`/api/v1/claims/${c.id}`).set('x-csrf-token', reader.csrf).send({ kind: 'reported' }).expect(403);
    await alice.agent.patch(`/api/v1/claims/${c.id}`).send({ kind: 'reported' }).expect(403);
    await patch(alice, 99999999, { kind: 'reported' }).expect(404);
    expect((await claimById(c.id)).kind).toBe('quote');
  });
});

describe('withdrawing a claim', () => {
  it('keeps it with who, when and why; leaves it out of search and exports unless include_withdrawn=1; reinstated by undo', async () => {
    const c = await freshQuote();
    const words = c.exact
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]{6,}$/.test(w))
      .slice(0, 2)
      .join(' ');
    expect(words).not.toBe('');
    const found = async (extra = '') =>
      (
        await request(app)
          .get(`/api/v1/claims?q=${encodeURIComponent(words)}&size=100${extra}`)
          .expect(200)
      ).body.claims.map((h: { id: number }) => h.id);
    const exported = async (extra = '') =>
      (
        await request(app)
          .get(`/api/v1/export?format=csv&q=${encodeURIComponent(words)}${extra}`)
          .expect(200)
      ).text;
    expect(await found()).toContain(c.id);
    expect(await exported()).toContain(`/claims/${c.id}`);

    const res = await patch(alice, c.id, { withdrawn: true, reason: 'not a quote: a headline' }).expect(200);
    expect(res.body).toMatchObject({ withdrawn_by: 'alice', withdrawn_reason: 'not a quote: a headline' });
    expect(res.body.withdrawn_at).toEqual(expect.any(String));
    expect(await found()).not.toContain(c.id);
    expect(await found('&include_withdrawn=1')).toContain(c.id);
    expect(await exported()).not.toContain(`/claims/${c.id}`);
    expect(await exported('&include_withdrawn=1')).toContain(`/claims/${c.id}`);

    // still on its page, struck through on its source page
    const page = await request(app).get(`/claims/${c.id}`).expect(200);
    expect(page.text).toContain('id="withdrawn-banner"');
    expect(page.text).toContain('not a quote: a headline');
    const source = await request(app).get(`/sources/${c.source_id}`).expect(200);
    expect(source.text).toMatch(new RegExp(`class="hl k-quote withdrawn[^"]*" href="/claims/${c.id}"`));

    await undoLast(alice).expect(200);
    expect(await claimById(c.id)).toMatchObject({ withdrawn_at: null, withdrawn_by: null, withdrawn_reason: null });
    expect(await found()).toContain(c.id);
  });

  it('through the form on the claim page, then reinstated with the form', async () => {
    const c = await freshQuote();
    const page = await alice.agent.get(`/claims/${c.id}`).expect(200);
    expect(page.text).toContain('id="correct"');
    const noReason = await alice.agent
      .post(`/claims/${c.id}/correction`)
      .type('form')
      .send({ _csrf: alice.csrf, version: String(c.version), withdrawn: '1', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('reason: say why the claim is withdrawn');
    await alice.agent
      .post(`/claims/${c.id}/correction`)
      .type('form')
      .send({ _csrf: alice.csrf, version: String(c.version), withdrawn: '1', reason: 'duplicate' })
      .expect(303);
    expect((await claimById(c.id)).withdrawn_reason).toBe('duplicate');
    const stale = await alice.agent
      .post(`/claims/${c.id}/correction`)
      .type('form')
      .send({ _csrf: alice.csrf, version: String(c.version), kind: 'figure' });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('id="correct-conflict"');
    await alice.agent
      .post(`/claims/${c.id}/correction`)
      .type('form')
      .send({ _csrf: alice.csrf, version: String(c.version + 1), withdrawn: '0' })
      .expect(303);
    expect((await claimById(c.id)).withdrawn_at).toBeNull();
  });
});

describe('undo of a correction', () => {
  it('from the claim page by its author or an admin, not by another editor', async () => {
    const c = await freshQuote();
    await patch(alice, c.id, { kind: 'reported' }).expect(200);
    const ev = await db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'claim.correct')
      .where('target_id', '=', c.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const byBob = await bob.agent.post(`/claims/${c.id}/corrections/${ev.id}/undo`).type('form').send({ _csrf: bob.csrf });
    expect(byBob.status).toBe(403);
    expect(byBob.text).toContain('only alice');
    expect((await claimById(c.id)).kind).toBe('reported');
    await root.agent.post(`/claims/${c.id}/corrections/${ev.id}/undo`).type('form').send({ _csrf: root.csrf }).expect(303);
    expect((await claimById(c.id)).kind).toBe('quote');
    const undone = await db.selectFrom('audit_event').select('undone_by').where('id', '=', ev.id).executeTakeFirstOrThrow();
    expect(undone.undone_by).not.toBeNull();
  });

  it('is refused when the claim was changed again since', async () => {
    const c = await freshQuote();
    await patch(alice, c.id, { kind: 'reported' }).expect(200);
    await patch(bob, c.id, { kind: 'figure' }).expect(200);
    // alice's last undoable change is her correction; bob's stands in the way
    const res = await undoLast(alice);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('changed again since');
    expect((await claimById(c.id)).kind).toBe('figure');
  });
});

describe('renaming an entity', () => {
  it('merging a misspelt name keeps the right spelling: the old name stays an alias; audited; undone by its author', async () => {
    // the corpus has both spellings as two people (one article misspells him)
    const byName = (n: string) => db.selectFrom('entity').select('id').where('name', '=', n).where('kind', '=', 'person').executeTakeFirstOrThrow();
    const right = (await byName('Azhar Qayum')).id;
    const wrong = (await byName('Azhar Qauyum')).id;
    const c2 = await freshQuote();
    await patch(alice, c2.id, { speaker_entity_id: wrong }).expect(200);
    // merged the wrong way round: the misspelt one is the target
    await alice.agent.post('/api/v1/entities/merge').set('x-csrf-token', alice.csrf).send({ target_id: wrong, source_id: right }).expect(200);
    const res = await alice.agent.post(`/api/v1/entities/${wrong}/rename`).set('x-csrf-token', alice.csrf).send({ name: 'Azhar Qayum' }).expect(200);
    expect(res.body.name).toBe('Azhar Qayum');
    expect(res.body.aliases.map((a: { alias: string }) => a.alias)).toEqual(expect.arrayContaining(['Azhar Qauyum', 'Azhar Qayum']));
    expect((await claimById(c2.id)).speaker_name).toBe('Azhar Qayum');
    const ev = await db.selectFrom('audit_event').selectAll().where('id', '=', res.body.audit_id).executeTakeFirstOrThrow();
    expect(ev).toMatchObject({ action: 'entity.rename', actor: 'alice', target_id: wrong });
    expect(JSON.parse(ev.before_json!).entity.name).toBe('Azhar Qauyum');

    const page = await request(app).get(`/entities/${wrong}`).expect(200);
    expect(page.text).toContain('renamed “Azhar Qauyum” to “Azhar Qayum”');

    await bob.agent.post(`/api/v1/entity-edits/${res.body.audit_id}/undo`).set('x-csrf-token', bob.csrf).send({}).expect(403);
    await alice.agent.post(`/api/v1/entity-edits/${res.body.audit_id}/undo`).set('x-csrf-token', alice.csrf).send({}).expect(200);
    expect((await db.selectFrom('entity').select('name').where('id', '=', wrong).executeTakeFirstOrThrow()).name).toBe('Azhar Qauyum');
    expect((await claimById(c2.id)).speaker_name).toBe('Azhar Qauyum');
  });

  it('by the form on the entity page; an empty name is a 400 naming the field', async () => {
    const e = await db
      .selectFrom('entity')
      .select(['id', 'name'])
      .where('kind', '=', 'organisation')
      .where('merged_into', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const bad = await alice.agent.post(`/api/v1/entities/${e.id}/rename`).set('x-csrf-token', alice.csrf).send({ name: '  ' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('name');
    await alice.agent
      .post(`/entities/${e.id}/rename`)
      .type('form')
      .send({ _csrf: alice.csrf, name: `${e.name} Ltd` })
      .expect(303);
    const aliases = (await db.selectFrom('entity_alias').select('alias').where('entity_id', '=', e.id).execute()).map((a) => a.alias);
    expect(aliases).toEqual(expect.arrayContaining([e.name, `${e.name} Ltd`]));
  });
});

describe('re-extraction never overrides an editor', () => {
  it('keeps corrected, withdrawn and hand-made claims as the editor left them, and does not add back what was corrected away', async () => {
    const corrected = await freshQuote();
    await patch(alice, corrected.id, { kind: 'reported', speaker_name: 'A Corrected Speaker', speaker_kind: 'person' }).expect(200);
    const withdrawn = await freshQuote();
    await patch(alice, withdrawn.id, { withdrawn: true, reason: 'wrong' }).expect(200);
    const sourceIds = [...new Set([corrected.source_id, withdrawn.source_id])];
    const before = await Promise.all([claimById(corrected.id), claimById(withdrawn.id)]);

    const result = await reextractSources(db, sourceIds);
    expect(result.kept).toBeGreaterThanOrEqual(2);
    const after = await Promise.all([claimById(corrected.id), claimById(withdrawn.id)]);
    expect(after).toEqual(before);
    // the extractor's quote at the corrected span is not made again beside the editor's reported speech
    const twins = await db
      .selectFrom('claim')
      .select('id')
      .where('source_id', '=', corrected.source_id)
      .where('start', '=', corrected.start)
      .where('end', '=', corrected.end)
      .execute();
    expect(twins.map((t) => t.id)).toEqual([corrected.id]);
    const wTwins = await db
      .selectFrom('claim')
      .select('id')
      .where('source_id', '=', withdrawn.source_id)
      .where('start', '=', withdrawn.start)
      .where('end', '=', withdrawn.end)
      .where('kind', '=', 'quote')
      .execute();
    expect(wTwins.map((t) => t.id)).toEqual([withdrawn.id]);
  });

  it('a new version of a source carries the correction and the withdrawal', async () => {
    const dir = tempDir();
    const file = join(dir, 'article.md');
    copyFileSync(join(CORPUS_DIR, '003-mee-perry-barr.md'), file);
    // a text of its own (identical content is stored once), at a URL of its own
    const original = readFileSync(file, 'utf8')
      .replace(/^url:.*$/m, 'url: https://example.org/perry-barr-test')
      .replace('UKgeneral election', 'UK general election');
    writeFileSync(file, original);
    const first = await ingestPaths(db, [file]);
    expect(first).toMatchObject({ rejected: [], unchanged: [] });
    const v1 = first.added[0].sourceId;
    const quotes = await db.selectFrom('claim').selectAll().where('source_id', '=', v1).where('kind', '=', 'quote').orderBy('start').execute();
    expect(quotes.length).toBeGreaterThanOrEqual(2);
    const [q1, q2] = quotes;
    await patch(alice, q1.id, { speaker_name: 'Version Test Person', speaker_kind: 'person' }).expect(200);
    await patch(alice, q2.id, { withdrawn: true, reason: 'not said' }).expect(200);

    writeFileSync(file, original.replace('UK general election', 'UK general election, the council confirmed on Saturday,'));
    const second = await ingestPaths(db, [file]);
    const v2 = second.added[0].sourceId;
    expect(v2).not.toBe(v1);
    const text2 = (await db.selectFrom('source').select('text').where('id', '=', v2).executeTakeFirstOrThrow()).text;
    const at = async (q: Claim) =>
      db.selectFrom('claim').selectAll().where('source_id', '=', v2).where('exact', '=', q.exact).where('kind', '=', 'quote').execute();
    const [n1] = await at(q1);
    expect(n1).toMatchObject({ speaker_name: 'Version Test Person', corrected_by: 'alice' });
    expect(text2.slice(n1.start, n1.end)).toBe(n1.exact);
    const n2 = await at(q2);
    expect(n2).toHaveLength(1);
    expect(n2[0]).toMatchObject({ withdrawn_by: 'alice', withdrawn_reason: 'not said' });
  });
});

describe('the claim page', () => {
  it('shows editors the correction forms with the sentence, and readers none', async () => {
    const c = await freshQuote();
    const asEditor = await alice.agent.get(`/claims/${c.id}`).expect(200);
    expect(asEditor.text).toContain('id="claim-sentence"');
    expect(asEditor.text).toContain('action="/claims/' + c.id + '/correction"');
    const anon = await request(app).get(`/claims/${c.id}`).expect(200);
    expect(anon.text).not.toContain('id="correct"');
    await patch(alice, c.id, { kind: 'reported' }).expect(200);
    const after = await alice.agent.get(`/claims/${c.id}`).expect(200);
    expect(after.text).toContain('corrected by alice');
    expect(after.text).toMatch(/corrections\/\d+\/undo/);
  });
});
