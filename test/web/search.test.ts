import request from 'supertest';
import type { Express } from 'express';
import { normaliseAlias } from '../../src/core/names.js';
import type { DB } from '../../src/storage/connect.js';
import { copyDb, corpusDb, snapshotDb, type DbSnapshot } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

const HOSTILE = [
  '"',
  '""',
  '"""',
  '"unbalanced',
  'unbalanced"',
  'AND',
  'OR',
  'NOT',
  'AND OR NOT',
  'vote AND',
  'OR vote',
  '*',
  '**',
  '*vote',
  'vote**',
  'NEAR(',
  'NEAR(vote',
  'NEAR(vote gaza, 2)',
  '-',
  '--',
  '-vote',
  'vote -gaza',
  ':',
  'exact:',
  'exact:vote',
  '{exact speaker}: vote',
  '^',
  '^vote',
  '(',
  ')',
  '(vote',
  'vote)',
  '()',
  '[',
  ']',
  '{',
  '}',
  '+',
  '+vote',
  "'",
  "''",
  "'; DROP TABLE claim; --",
  '\\',
  '\\"',
  '%',
  '_',
  '%_%',
  '\u0000',
  '\uE000vote\uE001',
  '<script>alert(1)</script>',
  '&amp;',
  '🙂',
  '‮',
  'ü',
  'a'.repeat(5000),
  'vote '.repeat(200),
  '"a" "b" "c"',
  'rowid:1',
  'claim_fts',
  'MATCH',
  "vote' OR 1=1",
  '*:*',
  'NEAR/2',
  'x AND (y OR',
  '""vote""',
];

describe('search over HTTP', () => {
  let db: DB;
  let app: Express;
  let planted: number;
  // the setup runs once; each test gets a copy of the database it leaves
  let snapshot: DbSnapshot;
  beforeAll(async () => {
    db = await corpusDb();
    const now = new Date().toISOString();
    // a claim of our own, with markup in its text and an alias-only speaker, so escaping and alias search are exact
    const sourceId = (await db.selectFrom('source').select('id').where('outlet', '=', 'Middle East Eye').executeTakeFirstOrThrow()).id;
    const entityId = (
      await db.insertInto('entity').values({ kind: 'person', name: 'Zebedee Quarnstrom', created_at: now }).returning('id').executeTakeFirstOrThrow()
    ).id;
    await db
      .insertInto('entity_alias')
      .values([
        { entity_id: entityId, alias: 'Zebedee Quarnstrom', alias_norm: normaliseAlias('Zebedee Quarnstrom') },
        { entity_id: entityId, alias: 'Zeb the Quiet', alias_norm: normaliseAlias('Zeb the Quiet') },
      ])
      .execute();
    planted = (
      await db
        .insertInto('claim')
        .values({
          source_id: sourceId,
          kind: 'quote',
          exact: 'Our <b>xylophonic</b> plan & "script" wins',
          start: 0,
          end: 10,
          prefix: '',
          suffix: '',
          speaker_entity_id: entityId,
          speaker_text: 'he',
          speaker_name: 'Zebedee Quarnstrom',
          cue: 'said',
          extractor: 'manual',
          confidence: 1,
          created_by: 'test',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const other = (await db.selectFrom('claim').select('id').where('id', '!=', planted).executeTakeFirstOrThrow()).id;
    await db
      .insertInto('claim_link')
      .values({
        claim_a: other,
        claim_b: planted,
        relation: 'contradicts',
        status: 'suggested',
        score: 0.9,
        reason: 'test',
        decided_by: null,
        decided_at: null,
        created_at: now,
      })
      .execute();
    snapshot = await snapshotDb(db);
  });
  beforeEach(async () => {
    db = await copyDb(snapshot);
    app = createTestApp(db);
  });
  afterEach(() => db.destroy());

  it('finds claims by words, with matched words marked and everything else escaped', async () => {
    const api = await request(app).get('/api/v1/claims?q=xylophonic').expect(200);
    expect(api.body.total).toBe(1);
    expect(api.body.claims[0].segments).toEqual([
      { text: 'Our <b>', mark: false },
      { text: 'xylophonic', mark: true },
      { text: '</b> plan & "script" wins', mark: false },
    ]);
    expect(api.body.claims[0].conflicts).toHaveLength(1);
    const page = await request(app).get('/search?q=xylophonic').expect(200);
    expect(page.text).toContain('Our &lt;b&gt;<mark>xylophonic</mark>&lt;/b&gt; plan &amp; &quot;script&quot; wins');
    expect(page.text).toContain('contradicted by');
  });

  it('finds a speaker by any alias', async () => {
    for (const name of ['Zeb the Quiet', 'zebedee quarnstrom', 'Quarnstrom']) {
      const res = await request(app)
        .get(`/api/v1/claims?speaker=${encodeURIComponent(name)}`)
        .expect(200);
      expect(res.body.claims.map((c: { id: number }) => c.id)).toEqual([planted]);
    }
  });

  it('on the corpus, "Muddassar Ahmed" and "Ahmed" both find Ahmed\'s quotes', async () => {
    const full = await request(app).get('/api/v1/claims?speaker=Muddassar+Ahmed&size=100').expect(200);
    const short = await request(app).get('/api/v1/claims?speaker=Ahmed&size=100').expect(200);
    expect(full.body.total).toBeGreaterThan(5);
    expect(short.body.total).toBe(full.body.total);
    expect(new Set(full.body.claims.map((c: { speaker_name: string }) => c.speaker_name))).toEqual(new Set(['Muddassar Ahmed']));
    const withWords = await request(app).get('/api/v1/claims?speaker=Ahmed&q=crowdfunding').expect(200);
    expect(withWords.body.total).toBeGreaterThan(0);
    expect(withWords.body.total).toBeLessThanOrEqual(full.body.total);
  });

  it('supports phrases, prefixes, filters, grouping and pagination with shareable URLs', async () => {
    const phrase = await request(app).get('/api/v1/claims?q=%22Muslim+vote%22').expect(200);
    expect(phrase.body.total).toBeGreaterThan(0);
    const prefix = await request(app).get('/api/v1/claims?q=xyloph*').expect(200);
    expect(prefix.body.claims.map((c: { id: number }) => c.id)).toContain(planted);
    const outlet = await request(app).get('/api/v1/claims?q=vote&outlet=Middle+East+Eye&size=100').expect(200);
    expect(new Set(outlet.body.claims.map((c: { outlet: string }) => c.outlet))).toEqual(new Set(['Middle East Eye']));
    const kind = await request(app).get('/api/v1/claims?kind=figure&size=100').expect(200);
    expect(kind.body.claims.every((c: { kind: string }) => c.kind === 'figure')).toBe(true);
    const dated = await request(app).get('/api/v1/claims?from=2024-07&to=2024-07&size=100').expect(200);
    expect(dated.body.claims.every((c: { published_at: string }) => c.published_at === '2024-07')).toBe(true);
    const p1 = await request(app).get('/api/v1/claims?size=5&page=1').expect(200);
    const p2 = await request(app).get('/api/v1/claims?size=5&page=2').expect(200);
    expect(p1.body.claims).toHaveLength(5);
    expect(p2.body.claims[0].id).not.toBe(p1.body.claims[0].id);
    const grouped = await request(app).get('/api/v1/claims?speaker=Ahmed&group=source').expect(200);
    expect(grouped.body.groups.length).toBeGreaterThan(0);
    const page = await request(app).get('/search?q=vote&size=5&group=speaker').expect(200);
    expect(page.text).toMatch(/href="\/search\?q=vote&amp;group=speaker&amp;size=5&amp;page=2"/);
    expect(page.text).toContain('href="/export?q=vote&amp;format=csv"');
    await request(app).get('/api/v1/claims?kind=bogus').expect(400);
    await request(app).get('/api/v1/claims?from=2024-13').expect(400);
    for (const bad of ['July+4', '12%2F05%2F2024', '2024-02-30', '2024-07-05T10:00:00Z']) {
      const res = await request(app).get(`/api/v1/claims?to=${bad}`).expect(400);
      expect(JSON.stringify(res.body)).toMatch(/to.*(not a date: use YYYY, YYYY-MM or YYYY-MM-DD|that date does not exist)/);
    }
    await request(app).get('/search?from=yesterday').expect(400);
  });

  it('never answers a hostile query with a 500', async () => {
    for (const q of HOSTILE) {
      for (const path of ['/api/v1/claims', '/search']) {
        const res = await request(app)
          .get(path)
          .query({ q, speaker: q.slice(0, 200) });
        if (![200, 400].includes(res.status)) throw new Error(`${path} q=${JSON.stringify(q.slice(0, 40))} gave ${res.status}`);
        if (path === '/search') expect(res.text).not.toContain('<script>alert(1)</script>');
      }
    }
    await request(app).get('/api/v1/claims?q=a&q=b').expect(400);
  });

  it('suggests speakers as you type and lists speakers', async () => {
    const res = await request(app).get('/api/v1/speakers/suggest?q=zeb').expect(200);
    expect(res.body.speakers).toEqual([expect.objectContaining({ name: 'Zebedee Quarnstrom', claims: 1 })]);
    const ahm = await request(app).get('/api/v1/speakers/suggest?q=ahm').expect(200);
    expect(ahm.body.speakers[0].name).toBe('Muddassar Ahmed');
    expect((await request(app).get('/api/v1/speakers/suggest').expect(200)).body.speakers).toEqual([]);
    const list = await request(app).get('/speakers').expect(200);
    expect(list.text).toMatch(/<a href="\/people\/\d+">Muddassar Ahmed<\/a>/);
  });

  it('shows a person page with every quote, newest first, and a timeline readable without JavaScript', async () => {
    const api = await request(app).get('/api/v1/claims?speaker=Muddassar+Ahmed').expect(200);
    const id = api.body.speaker_entities[0].id;
    const person = await request(app).get(`/api/v1/people/${id}`).expect(200);
    expect(person.body.claims.length).toBe(api.body.total);
    const page = await request(app).get(`/people/${id}`).expect(200);
    expect(page.text).toContain('<h1>Muddassar Ahmed</h1>');
    expect(page.text).toContain('No dated claims to chart.');
    expect(page.text).toContain('Without a month (not charted):'); // BuzzFeed's date is a year only
    expect(page.text).toMatch(/BuzzFeed News: \d+ claims/);
    const zeb = await request(app).get(`/api/v1/claims?speaker=Zeb+the+Quiet`).expect(200);
    const zpage = await request(app).get(`/people/${zeb.body.speaker_entities[0].id}`).expect(200);
    expect(zpage.text).toContain('<svg viewBox=');
    expect(zpage.text).toMatch(/<rect [^>]*><title>Jul 2024: 1 claim in Middle East Eye<\/title><\/rect>/);
    await request(app).get('/people/999999').expect(404);
    await request(app).get('/people/abc').expect(400);
  });

  it('leaves out inferred speakers when asked for certain ones only', async () => {
    const sourceId = (await db.selectFrom('source').select('id').where('outlet', '=', 'Middle East Eye').executeTakeFirstOrThrow()).id;
    const now = new Date().toISOString();
    const inferred = (
      await db
        .insertInto('claim')
        .values({
          source_id: sourceId,
          kind: 'quote',
          exact: 'quibblesome inferred words',
          start: 0,
          end: 10,
          prefix: '',
          suffix: '',
          speaker_entity_id: null,
          speaker_text: 'he',
          speaker_name: 'Zebedee Quarnstrom',
          cue: 'said',
          extractor: 'test',
          confidence: 0.55,
          created_by: 'test',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const all = await request(app).get('/api/v1/claims?q=quibblesome').expect(200);
    expect(all.body.claims.map((c: { id: number; confidence: number }) => [c.id, c.confidence])).toEqual([[inferred, 0.55]]);
    const certain = await request(app).get('/api/v1/claims?q=quibblesome&min_confidence=0.8').expect(200);
    expect(certain.body.total).toBe(0);
    const page = await request(app).get('/search?q=quibblesome').expect(200);
    expect(page.text).toContain('(inferred speaker)');
    expect((await request(app).get('/search?q=quibblesome&min_confidence=0.8').expect(200)).text).not.toContain('quibblesome inferred');
    await request(app).get('/api/v1/claims?min_confidence=2').expect(400);
    await db.deleteFrom('claim').where('id', '=', inferred).execute();
  });

  it('describes every /api/v1 route in an OpenAPI 3.1 document', async () => {
    const res = await request(app).get('/api/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const p of [
      '/api/v1/claims',
      '/api/v1/speakers/suggest',
      '/api/v1/lists',
      '/api/v1/lists/{id}/items',
      '/api/v1/lists/{id}/items/{claimId}',
      '/api/v1/export',
      '/api/v1/sources/{id}',
    ]) {
      expect(res.body.paths[p]).toBeDefined();
    }
    const params = res.body.paths['/api/v1/claims'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['q', 'speaker', 'outlet', 'kind', 'verdict', 'from', 'to', 'page', 'size', 'group']));
    expect(res.body.paths['/api/v1/lists'].post.requestBody.content['application/json'].schema.required).toEqual(['name']);
  });
});
