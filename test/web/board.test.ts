import type { Express } from 'express';
import request from 'supertest';
import { normaliseAlias } from '../../src/core/names.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTestDb, FIXTURES_DIR } from '../helpers/db.js';
import { createTestApp, csrfFrom, loginAs, type LoggedIn } from '../helpers/web.js';
import { importGe2024 } from '../reference/helpers.js';

/** Card ids in page order, with their relation and status as the page shows them. */
function cardsOn(html: string): { id: number; relation: string; status: string }[] {
  return [...html.matchAll(/<article class="xr-link xr-(\w+) xr-status-(\w+)" id="link-(\d+)"/g)].map((m) => ({
    id: Number(m[3]),
    relation: m[1],
    status: m[2],
  }));
}

/** The open / total counts in the relation chips at the top of the board. */
function countsOn(html: string): Record<string, { open: number; total: number }> {
  return Object.fromEntries(
    [...html.matchAll(/class="xr-count xr-count-(\w+)"[^>]*>.*?<strong>(\d+)<\/strong> open \/ (\d+)</g)].map((m) => [
      m[1],
      { open: Number(m[2]), total: Number(m[3]) },
    ]),
  );
}

describe('the board as a work queue', () => {
  let db: DB;
  let app: Express;
  let editor: LoggedIn;
  let researcher: LoggedIn;

  beforeAll(async () => {
    db = await createTestDb();
    // the corpus, and two stories of our own: one says 357 votes where the corpus says 528, one rewords a quote
    await ingestPaths(db, [CORPUS_DIR, `${FIXTURES_DIR}board`]);
    await importGe2024(db);
    app = createTestApp(db);
    editor = await loginAs(app, db, 'ed', 'editor');
    researcher = await loginAs(app, db, 'res', 'researcher');
  }, 60_000);
  afterAll(() => db.destroy());

  const linkOf = (relation: string, exact: string) =>
    db
      .selectFrom('claim_link')
      .innerJoin('claim as a', 'a.id', 'claim_link.claim_a')
      .innerJoin('claim as b', 'b.id', 'claim_link.claim_b')
      .select(['claim_link.id', 'claim_link.status'])
      .where('claim_link.relation', '=', relation as 'contradicts')
      .where((eb) => eb.or([eb('a.exact', '=', exact), eb('b.exact', '=', exact)]))
      .orderBy('claim_link.id')
      .execute();
  const setStatus = (id: number, status: 'suggested' | 'confirmed' | 'rejected') =>
    db
      .updateTable('claim_link')
      .set({
        status,
        decided_by: status === 'suggested' ? null : 'ed',
        decided_at: status === 'suggested' ? null : new Date().toISOString(),
        decision_note: null,
      })
      .where('id', '=', id)
      .execute();

  test('contradictions come first, then quote variants, then corroborations; open before decided', async () => {
    const contradictions = await linkOf('contradicts', '357 votes');
    expect(contradictions).toHaveLength(2);
    await setStatus(contradictions[0].id, 'confirmed');
    try {
      const cards = cardsOn((await request(app).get('/board').expect(200)).text);
      const relations = cards.map((c) => c.relation);
      expect([...new Set(relations)]).toEqual(['contradicts', 'variant_of', 'corroborates']);
      // each relation's cards are together, in that order
      expect(relations).toEqual(
        [...relations].sort((a, b) => ['contradicts', 'variant_of', 'corroborates'].indexOf(a) - ['contradicts', 'variant_of', 'corroborates'].indexOf(b)),
      );
      expect(cards.slice(0, 2)).toEqual([
        { id: contradictions[1].id, relation: 'contradicts', status: 'suggested' },
        { id: contradictions[0].id, relation: 'contradicts', status: 'confirmed' },
      ]);
    } finally {
      await setStatus(contradictions[0].id, 'suggested');
    }
  });

  test('within a relation and status, the newest sources come first and undated ones last', async () => {
    // the two contradictions of "357 votes": one against "528 votes" in one article, one against "528" in another
    const [first, second] = await linkOf('contradicts', '357 votes');
    const sourcesOf = async (linkId: number) => {
      const l = await db.selectFrom('claim_link').select(['claim_a', 'claim_b']).where('id', '=', linkId).executeTakeFirstOrThrow();
      return (await db.selectFrom('claim').select('source_id').where('id', 'in', [l.claim_a, l.claim_b]).execute()).map((c) => c.source_id);
    };
    const [firstSources, secondSources] = [await sourcesOf(first.id), await sourcesOf(second.id)];
    // each pair's own source (one article carries both figures)
    const own = (mine: number[], theirs: number[]) => mine.filter((id) => !theirs.includes(id));
    const [firstOwn, secondOwn] = [own(firstSources, secondSources), own(secondSources, firstSources)];
    expect(firstOwn.length && secondOwn.length).toBeTruthy();
    const dates = await db.selectFrom('source').select(['id', 'published_at']).execute();
    const date = (ids: number[], d: string | null) => db.updateTable('source').set({ published_at: d }).where('id', 'in', ids).execute();
    const order = async () => cardsOn((await request(app).get('/board?relation=contradicts').expect(200)).text).map((c) => c.id);
    try {
      await date([...firstSources, ...secondSources], null);
      await date(firstOwn, '2024-08-01');
      await date(secondOwn, '2024-07-05');
      expect(await order()).toEqual([first.id, second.id]);
      await date(firstOwn, '2024-07-01');
      expect(await order()).toEqual([second.id, first.id]);
      // an undated pair goes after a dated one however old
      await date(firstOwn, '1999-01-01');
      await date(secondOwn, null);
      expect(await order()).toEqual([first.id, second.id]);
    } finally {
      for (const d of dates) await db.updateTable('source').set({ published_at: d.published_at }).where('id', '=', d.id).execute();
    }
  });

  test('counts per relation (open / total) at the top are filters, and follow decisions', async () => {
    const expected = async () => {
      const rows = await db.selectFrom('claim_link').select(['relation', 'status']).execute();
      const out: Record<string, { open: number; total: number }> = {};
      for (const r of ['contradicts', 'variant_of', 'corroborates']) {
        const of = rows.filter((x) => x.relation === r);
        out[r] = { open: of.filter((x) => x.status === 'suggested').length, total: of.length };
      }
      return out;
    };
    const page = await request(app).get('/board').expect(200);
    expect(countsOn(page.text)).toEqual(await expected());
    expect(countsOn(page.text).contradicts).toEqual({ open: 2, total: 2 });
    expect(page.text).toContain('href="/board?relation=contradicts&amp;status=queue"');
    const [first] = await linkOf('contradicts', '357 votes');
    await setStatus(first.id, 'rejected');
    try {
      const after = countsOn((await request(app).get('/board').expect(200)).text);
      expect(after.contradicts).toEqual({ open: 1, total: 2 });
      expect(after).toEqual(await expected());
      const only = await request(app).get('/board?relation=contradicts').expect(200);
      expect(cardsOn(only.text).every((c) => c.relation === 'contradicts')).toBe(true);
      expect(only.text).toMatch(/<a href="\/board\?relation=contradicts&amp;status=queue" class="xr-count xr-count-contradicts" aria-current="page">/);
    } finally {
      await setStatus(first.id, 'suggested');
    }
  });

  test('reject with a reason: audited, the card leaves the queue, the reason is on the card and in the audit log; undo brings it back', async () => {
    const [link] = await linkOf('contradicts', '357 votes');
    const page = await editor.agent.get('/board').expect(200);
    expect(page.text).toContain(`<form method="post" action="/board/links/${link.id}" class="xr-decide">`);
    const res = await editor.agent
      .post(`/board/links/${link.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'reject', note: '  Not the same count: 357 is a typo  ', filter_status: 'queue' })
      .expect(303);
    expect(res.headers.location).toMatch(/^\/board\?status=queue&notice=Rejected\+contradiction\+%23\d+.*&undo=1#board-notice$/);
    const row = await db.selectFrom('claim_link').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect([row.status, row.decided_by, row.decision_note]).toEqual(['rejected', 'ed', 'Not the same count: 357 is a typo']);
    const events = await db.selectFrom('audit_event').selectAll().where('action', '=', 'claim_link.reject').where('target_id', '=', link.id).execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after_json!)).toMatchObject({ status: 'rejected', decision_note: 'Not the same count: 357 is a typo' });
    expect(JSON.parse(events[0].before_json!)).toMatchObject({ status: 'suggested', decision_note: null });

    const queue = await editor.agent.get(res.headers.location.replace(/#.*/, '')).expect(200);
    expect(cardsOn(queue.text).map((c) => c.id)).not.toContain(link.id);
    expect(queue.text).toContain('Rejected contradiction #');
    expect(queue.text).toContain('<form method="post" action="/board/undo"');
    const rejected = await request(app).get('/board?status=rejected').expect(200);
    expect(cardsOn(rejected.text).map((c) => c.id)).toContain(link.id);
    expect(rejected.text).toContain('<span class="xr-note-label">Editor’s reason:</span> Not the same count: 357 is a typo');
    const audit = await editor.agent.get('/audit').expect(200);
    expect(audit.text).toContain(`rejected contradiction ${link.id}: “Not the same count: 357 is a typo”`);

    const undo = await editor.agent
      .post('/board/undo')
      .type('form')
      .send({ _csrf: csrfFrom(queue.text), filter_status: 'queue' })
      .expect(303);
    expect(new URLSearchParams(undo.headers.location.replace(/^[^?]*\?|#.*$/g, '')).get('notice')).toBe(
      `Undone: rejected contradiction ${link.id}: “Not the same count: 357 is a typo”`,
    );
    const back = await db.selectFrom('claim_link').selectAll().where('id', '=', link.id).executeTakeFirstOrThrow();
    expect([back.status, back.decided_by, back.decision_note]).toEqual(['suggested', null, null]);
    expect(cardsOn((await request(app).get('/board').expect(200)).text).map((c) => c.id)).toContain(link.id);
  });

  test('confirm with a reason keeps the card in the queue, after the open ones, with its reason; without a reason too', async () => {
    const [a, b] = await linkOf('contradicts', '357 votes');
    const page = await editor.agent.get('/board').expect(200);
    await editor.agent
      .post(`/board/links/${a.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'confirm', note: 'Checked with the count sheet' })
      .expect(303);
    await editor.agent
      .post(`/board/links/${b.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'confirm', note: '' })
      .expect(303);
    try {
      const rows = await db.selectFrom('claim_link').select(['id', 'status', 'decision_note']).where('id', 'in', [a.id, b.id]).orderBy('id').execute();
      expect(rows).toEqual([
        { id: a.id, status: 'confirmed', decision_note: 'Checked with the count sheet' },
        { id: b.id, status: 'confirmed', decision_note: null },
      ]);
      const board = await request(app).get('/board').expect(200);
      const cards = cardsOn(board.text);
      expect(cards.filter((c) => c.relation === 'contradicts').map((c) => c.status)).toEqual(['confirmed', 'confirmed']);
      expect(board.text).toContain('Checked with the count sheet');
      const api = await request(app).get('/api/v1/links?relation=contradicts').expect(200);
      expect(api.body.links.map((l: { decision_note: string | null }) => l.decision_note)).toEqual(
        expect.arrayContaining(['Checked with the count sheet', null]),
      );
      expect(api.body.counts).toEqual(expect.arrayContaining([{ relation: 'contradicts', open: 0, total: 2 }]));
    } finally {
      await setStatus(a.id, 'suggested');
      await setStatus(b.id, 'suggested');
    }
  });

  test('the decision API takes a reason too; writes need an editor and the CSRF token; bad input is a 400 naming the field', async () => {
    const [link] = await linkOf(
      'variant_of',
      'There’s about five people who own all of our media. Those five people happen to be right wing, a lot of them happen to be Zionists, you can see straight away where they’re coming from.',
    );
    const r = await editor.agent
      .post(`/api/v1/links/${link.id}`)
      .set('x-csrf-token', editor.csrf)
      .send({ status: 'confirmed', note: 'Same speech, transcribed differently' })
      .expect(200);
    expect(r.body).toMatchObject({ id: link.id, status: 'confirmed', decision_note: 'Same speech, transcribed differently' });
    await setStatus(link.id, 'suggested');
    const page = await researcher.agent.get('/board').expect(200);
    expect(page.text).not.toContain('class="xr-decide"');
    await researcher.agent
      .post(`/board/links/${link.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'confirm' })
      .expect(403);
    await editor.agent.post(`/board/links/${link.id}`).type('form').send({ action: 'confirm' }).expect(403);
    const bad = await editor.agent.post(`/board/links/${link.id}`).type('form').send({ _csrf: editor.csrf, action: 'maybe' }).expect(400);
    expect(bad.text).toContain('action');
    const long = await editor.agent
      .post(`/api/v1/links/${link.id}`)
      .set('x-csrf-token', editor.csrf)
      .send({ status: 'rejected', note: 'x'.repeat(1001) })
      .expect(400);
    expect(long.body.error.details[0].field).toBe('note');
    await editor.agent.post('/board/links/999999').type('form').send({ _csrf: editor.csrf, action: 'reject' }).expect(404);
    expect((await db.selectFrom('claim_link').select('status').where('id', '=', link.id).executeTakeFirstOrThrow()).status).toBe('suggested');
  });

  test('entity suggestions have Confirm / Reject with a reason too', async () => {
    const el = await db.selectFrom('entity_link').select('id').where('relation', '=', 'place_conflict').executeTakeFirstOrThrow();
    const page = await editor.agent.get('/board').expect(200);
    expect(page.text).toContain(`action="/board/entity-links/${el.id}"`);
    await editor.agent
      .post(`/board/entity-links/${el.id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), action: 'reject', note: 'Boundary change, both right' })
      .expect(303);
    const row = await db.selectFrom('entity_link').selectAll().where('id', '=', el.id).executeTakeFirstOrThrow();
    expect([row.status, row.decision_note]).toEqual(['rejected', 'Boundary change, both right']);
    expect((await request(app).get('/board').expect(200)).text).not.toContain(`id="entity-link-${el.id}"`);
    expect((await request(app).get('/board?status=rejected').expect(200)).text).toContain('Boundary change, both right');
    await db.updateTable('entity_link').set({ status: 'suggested', decided_by: null, decided_at: null, decision_note: null }).where('id', '=', el.id).execute();
  });

  test('the entity filter takes a name (any alias, any case) with suggestions; old ?entity=ID links still work', async () => {
    const mohamad = (await db.selectFrom('entity').select('id').where('name', '=', 'Leanne Mohamad').executeTakeFirstOrThrow()).id;
    const byName = await request(app).get('/board?entity_name=leanne%20mohamad').expect(200);
    expect(byName.text).toContain(`Showing links about <a href="/entities/${mohamad}">Leanne Mohamad</a>`);
    expect(byName.text).toContain('value="Leanne Mohamad"');
    expect(byName.text).toContain('528 votes');
    expect(byName.text).not.toContain('38,000 Palestinians');
    const byId = await request(app).get(`/board?entity=${mohamad}`).expect(200);
    expect(cardsOn(byId.text)).toEqual(cardsOn(byName.text));
    expect(byId.text).toContain('value="Leanne Mohamad"');
    // no numeric id box any more: a text box with a datalist of names
    expect(byId.text).not.toMatch(/<input type="number" name="entity"/);
    expect(byId.text).toMatch(/<input type="text" name="entity_name" value="Leanne Mohamad" list="board-entities"/);
    expect(byId.text).toMatch(/<datalist id="board-entities">.*<option value="Leanne Mohamad">/s);

    const typo = await request(app).get('/board?entity_name=Mohamed').expect(200);
    expect(typo.text).toContain('Nobody and nothing called “Mohamed”');
    expect(cardsOn(typo.text)).toEqual([]);
    const nobody = await request(app).get('/board?entity_name=Zebedee%20Quux').expect(200);
    expect(nobody.text).toContain('Nobody and nothing called “Zebedee Quux”');

    const suggest = await request(app).get('/api/v1/board/entities?q=mohama').expect(200);
    expect(suggest.body.entities[0]).toEqual({ id: mohamad, name: 'Leanne Mohamad', kind: 'person' });
    const part = await request(app).get('/api/v1/board/entities?q=moh').expect(200);
    expect(part.body.entities).toContainEqual({ id: mohamad, name: 'Leanne Mohamad', kind: 'person' });
    const byAlias = await request(app).get('/api/v1/board/entities?q=qauyum').expect(200);
    expect(byAlias.body.entities.map((e: { name: string }) => e.name)).toContain('Azhar Qauyum');
    const none = await request(app).get('/api/v1/board/entities?q=zzzzqqq').expect(200);
    expect(none.body.entities).toEqual([]);
    await request(app)
      .get(`/api/v1/board/entities?q=${'x'.repeat(101)}`)
      .expect(400);
  });

  test('a name two entities share asks which one; the id the form carries keeps the choice while the name is unchanged', async () => {
    const person = (await db.selectFrom('entity').select('id').where('name', '=', 'Leanne Mohamad').executeTakeFirstOrThrow()).id;
    const twin = (
      await db
        .insertInto('entity')
        .values({ kind: 'organisation', name: 'Leanne Mohamad', created_at: new Date().toISOString() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('entity_alias')
      .values({ entity_id: twin, alias: 'Leanne Mohamad', alias_norm: normaliseAlias('Leanne Mohamad') })
      .execute();
    try {
      const ask = await request(app).get('/board?entity_name=Leanne%20Mohamad').expect(200);
      expect(ask.text).toContain('“Leanne Mohamad” is more than one name in the sources: choose');
      expect(ask.text).toContain(`href="/board?entity=${person}&amp;status=queue"`);
      expect(ask.text).toContain(`href="/board?entity=${twin}&amp;status=queue"`);
      expect(cardsOn(ask.text)).toEqual([]);
      const chosen = await request(app).get(`/board?entity=${person}`).expect(200);
      expect(chosen.text).toContain(`<input type="hidden" name="entity" value="${person}">`);
      const resubmitted = await request(app).get(`/board?entity=${person}&entity_name=Leanne%20Mohamad&status=all`).expect(200);
      expect(resubmitted.text).toContain(`Showing links about <a href="/entities/${person}">Leanne Mohamad</a>`);
      expect(cardsOn(resubmitted.text)).toEqual(cardsOn((await request(app).get(`/board?entity=${person}&status=all`).expect(200)).text));
      const retyped = await request(app).get(`/board?entity=${person}&entity_name=Azhar%20Qayum`).expect(200);
      expect(retyped.text).toMatch(/Showing links about <a href="\/entities\/\d+">Azhar Qayum<\/a>/);
    } finally {
      await db.deleteFrom('entity_alias').where('entity_id', '=', twin).execute();
      await db.deleteFrom('entity').where('id', '=', twin).execute();
    }
  });

  test('cards show official marks: matches official, and differs from official with both numbers', async () => {
    const page = await request(app).get('/board?relation=contradicts').expect(200);
    expect(page.text).toContain('differs from official: reported 357, official 528');
    expect(page.text).toContain('matches official: 528 (House of Commons Library)');
    const api = await request(app).get('/api/v1/links?relation=contradicts').expect(200);
    const sides = api.body.links.flatMap((l: { a: unknown; b: unknown }) => [l.a, l.b]) as {
      exact: string;
      official: { status: string; official: number; reported: number } | null;
    }[];
    expect(sides.find((s) => s.exact === '357 votes')!.official).toMatchObject({ status: 'differs', official: 528, reported: 357 });
  });

  test('the claim page shows its official mark', async () => {
    const c357 = await db.selectFrom('claim').select('id').where('exact', '=', '357 votes').executeTakeFirstOrThrow();
    const c528 = await db.selectFrom('claim').select('id').where('exact', '=', '528 votes').executeTakeFirstOrThrow();
    expect((await request(app).get(`/claims/${c357.id}`).expect(200)).text).toContain('differs from official: reported 357, official 528');
    expect((await request(app).get(`/claims/${c528.id}`).expect(200)).text).toContain('matches official: 528 (House of Commons Library)');
    const api = await request(app).get(`/api/v1/claims/${c357.id}`).expect(200);
    expect(api.body.official).toMatchObject({ status: 'differs', official: 528, reported: 357, source: 'House of Commons Library' });
  });
});
