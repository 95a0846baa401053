import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import type { Source } from '../../src/storage/database.js';
import { corpusDb } from '../helpers/db.js';
import { indexedClaimIds } from '../helpers/engine-sql.js';
import { createTestApp, loginAs } from '../helpers/web.js';

let db: DB;
let app: Express;
let ed: Awaited<ReturnType<typeof loginAs>>;
let source: Source;

beforeEach(async () => {
  db = await corpusDb();
  app = createTestApp(db);
  ed = await loginAs(app, db, 'edna', 'editor');
  source = await db.selectFrom('source').selectAll().where('file', 'like', '%001-lmn-urgent-action.md').executeTakeFirstOrThrow();
});
afterEach(() => db.destroy());

const span = (words: string) => {
  const start = source.text.indexOf(words);
  if (start < 0) throw new Error(`not in source: ${words}`);
  return { start, end: start + words.length, exact: words };
};

describe('manual claims (form, no JS)', () => {
  it('the fallback form page lists paragraph offsets and pre-fills from the query', async () => {
    const res = await ed.agent.get(`/sources/${source.id}/claims/new?start=5&end=9&exact=abcd`).expect(200);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('input[name=start]')?.getAttribute('value')).toBe('5');
    const rows = document.querySelectorAll('table.offsets tbody tr');
    expect(rows.length).toBe(JSON.parse(source.paragraphs_json).length);
  });

  it('creates a claim whose offsets reproduce the text, with speaker entity, extractor manual and created_by', async () => {
    const s = span('has promised an investigation');
    const res = await ed.agent
      .post('/claims')
      .type('form')
      .send({
        _csrf: ed.csrf,
        source_id: String(source.id),
        kind: 'reported',
        start: String(s.start),
        end: String(s.end),
        exact: s.exact,
        speaker: 'Angela Rayner',
        cue: '',
      })
      .expect(303);
    const id = Number(/^\/claims\/(\d+)$/.exec(res.headers.location)![1]);
    const c = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(source.text.slice(c.start, c.end)).toBe(c.exact);
    expect(c).toMatchObject({
      kind: 'reported',
      exact: s.exact,
      extractor: 'manual',
      created_by: 'edna',
      speaker_name: 'Angela Rayner',
      confidence: 1,
      verdict: 'unverified',
    });
    expect(c.prefix).toBe(source.text.slice(Math.max(0, s.start - 32), s.start));
    expect(c.suffix).toBe(source.text.slice(s.end, s.end + 32));
    // the extractor already knew Angela Rayner: the same entity is reused
    const entity = await db.selectFrom('entity').selectAll().where('id', '=', c.speaker_entity_id!).executeTakeFirstOrThrow();
    expect(entity.name).toBe('Angela Rayner');
    const page = await ed.agent.get(`/claims/${id}`).expect(200);
    expect(page.text).toContain('manual by edna');
    const audit = await db.selectFrom('audit_event').selectAll().where('action', '=', 'claim.create').where('target_id', '=', id).executeTakeFirstOrThrow();
    expect(audit.actor).toBe('edna');
    expect(audit.before_json).toBeNull();
    // FTS follows by trigger
    expect((await indexedClaimIds(db)).filter((c) => c === id)).toHaveLength(1);
    // the same claim again is a duplicate, not a second row
    const dup = await ed.agent
      .post('/claims')
      .type('form')
      .send({ _csrf: ed.csrf, source_id: String(source.id), kind: 'reported', start: String(s.start), end: String(s.end), exact: s.exact })
      .expect(409);
    expect(dup.text).toContain(`href="/claims/${id}"`);
  });

  it('a figure gets its value parsed from the words when none is typed', async () => {
    const other = (await db.selectFrom('source').selectAll().execute()).find((x) => x.text.includes('528'))!;
    const at = other.text.indexOf('528');
    const m = { index: at, 0: other.text.slice(at, at + 3) };
    const res = await ed.agent
      .post('/claims')
      .type('form')
      .send({
        _csrf: ed.csrf,
        source_id: String(other.id),
        kind: 'figure',
        start: String(m.index),
        end: String(m.index + m[0].length),
        exact: m[0],
        unit: 'count',
      })
      .expect(303);
    const id = Number(res.headers.location.split('/').pop());
    const c = await db.selectFrom('claim').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(c.value).toBe(528);
    expect(c.unit).toBe('count');
  });

  it('refuses offsets that do not reproduce the words (400, reason, typed values kept, nothing stored)', async () => {
    const s = span('a patently vile, Islamophobic briefing');
    const before = await db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await ed.agent
      .post('/claims')
      .type('form')
      .send({
        _csrf: ed.csrf,
        source_id: String(source.id),
        kind: 'quote',
        start: String(s.start + 1),
        end: String(s.end + 1),
        exact: s.exact,
        speaker: 'Someone Typed',
      })
      .expect(400);
    expect(res.text).toContain(`those words are at [${s.start}, ${s.end})`);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('input[name=speaker]')?.getAttribute('value')).toBe('Someone Typed');
    const past = await ed.agent
      .post('/claims')
      .type('form')
      .send({ _csrf: ed.csrf, source_id: String(source.id), kind: 'quote', start: '0', end: String(source.text.length + 5), exact: 'x' })
      .expect(400);
    expect(past.text).toMatch(/past the end of the source text/);
    const backwards = await ed.agent
      .post('/claims')
      .type('form')
      .send({ _csrf: ed.csrf, source_id: String(source.id), kind: 'quote', start: '10', end: '4', exact: 'x' })
      .expect(400);
    expect(backwards.text).toMatch(/end must be greater than start/);
    const badKind = await ed.agent
      .post('/claims')
      .type('form')
      .send({ _csrf: ed.csrf, source_id: String(source.id), kind: 'opinion', start: '0', end: '4', exact: 'x' })
      .expect(400);
    expect(badKind.text).toMatch(/kind must be one of: quote, reported, figure/);
    const after = await db
      .selectFrom('claim')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await ed.agent.post('/claims').type('form').send({ _csrf: ed.csrf, source_id: '99999', kind: 'quote', start: '0', end: '4', exact: 'x' }).expect(404);
  });
});

describe('manual claims API', () => {
  it('POST /api/v1/claims: 201 with the claim; 400 with field and reason on a mismatch; researchers 403', async () => {
    const s = span('Anybody who has made these comments');
    const ok = await ed.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', ed.csrf)
      .send({ source_id: source.id, kind: 'quote', ...s, speaker: 'Angela Rayner' })
      .expect(201);
    expect(ok.body).toMatchObject({ kind: 'quote', exact: s.exact, start: s.start, end: s.end, extractor: 'manual', created_by: 'edna' });
    expect(ok.body.provenance.made_by).toEqual({ manual: true, editor: 'edna' });
    expect(ok.headers.location).toBe(`/api/v1/claims/${ok.body.id}`);
    const bad = await ed.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', ed.csrf)
      .send({ source_id: source.id, kind: 'quote', start: s.start, end: s.end, exact: 'Nobody' })
      .expect(400);
    expect(bad.body.error.details).toEqual([{ field: 'exact', reason: expect.stringContaining(`is “${s.exact.slice(0, 6)}`) }]);
    const missing = await ed.agent.post('/api/v1/claims').set('x-csrf-token', ed.csrf).send({ kind: 'quote', start: -1 }).expect(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['end', 'exact', 'source_id', 'start']);
    const noSource = await ed.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', ed.csrf)
      .send({ source_id: 424242, kind: 'quote', ...s })
      .expect(400);
    expect(noSource.body.error.details[0].field).toBe('source_id');
    const r = await loginAs(app, db, 'rob', 'researcher');
    await r.agent
      .post('/api/v1/claims')
      .set('x-csrf-token', r.csrf)
      .send({ source_id: source.id, kind: 'quote', ...s })
      .expect(403);
  });

  it('files a typed new speaker as a person or an organisation by the one speaker rule', async () => {
    const kindOf = async (speaker: string, kind: string, words: string) => {
      const res = await ed.agent
        .post('/api/v1/claims')
        .set('x-csrf-token', ed.csrf)
        .send({ source_id: source.id, kind, ...span(words), speaker });
      expect([res.status, res.body.error]).toEqual([201, undefined]);
      return (await db.selectFrom('entity').select('kind').where('id', '=', res.body.speaker_entity_id).executeTakeFirstOrThrow()).kind;
    };
    expect(await kindOf('J. K. Testwriter', 'reported', 'promised an investigation')).toBe('person');
    // two capitalised words, but "News" makes an organisation (the old editor's rule said person)
    expect(await kindOf('Testville News', 'quote', 'an investigation')).toBe('organisation');
  });
});
