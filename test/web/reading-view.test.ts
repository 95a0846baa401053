import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import { parseHTML } from 'linkedom';
import request from 'supertest';
import { importMissingReference } from '../../src/cli/serve.command.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { reextractSources } from '../../src/pipeline/reextract.js';
import type { DB } from '../../src/storage/connect.js';
import { listReferenceDatasets } from '../../src/storage/reference.repository.js';
import { closeApp } from '../../src/web/app.js';
import { excerptOf } from '../../src/web/reading-margin.js';
import { copyDb, CORPUS_DIR, corpusDb, snapshotDb, tempDir, type DbSnapshot } from '../helpers/db.js';
import { createTestApp, loginAs } from '../helpers/web.js';

// An article (made up for the test) whose majority differs from the official 528 for Ilford North.
const DIFFERING = [
  '---',
  'title: Ilford recount ends in relief',
  'outlet: Test Gazette',
  'published: 2024-07-06',
  '---',
  '',
  "In Ilford North, Labour's Wes Streeting held on by 538 votes against independent Leanne Mohamad at the general election on 4 July.",
  '',
  '“It was far too close,” said Wes Streeting.',
].join('\n');

const MATCHES_528 = {
  status: 'matches',
  official: 528,
  reported: 528,
  source: 'House of Commons Library',
  label: 'matches official: 528 (House of Commons Library)',
};
const DIFFERS_538 = {
  status: 'differs',
  official: 528,
  reported: 538,
  source: 'House of Commons Library',
  label: 'differs from official: reported 538, official 528',
};

interface ApiClaim {
  id: number;
  kind: string;
  exact: string;
  start: number;
  end: number;
  speaker_name: string | null;
  official: Record<string, unknown> | null;
  conflicts: number[];
  source_id?: number;
}

let db: DB;
let app: Express;
let ilford: number;
let differing: number;

// the setup runs once; each test gets a copy of the database it leaves
let snapshot: DbSnapshot;
beforeAll(async () => {
  db = await corpusDb();
  // what `claimtrail start` does after its ingest: the shipped tables, once
  expect((await importMissingReference(db, CORPUS_DIR, 'cli:tester')).map((r) => r.dataset)).toEqual(['ge2024-candidates', 'ge2024-constituencies']);
  const dir = tempDir();
  writeFileSync(join(dir, 'ilford-recount.md'), DIFFERING);
  // an ingest after the import marks its new figures itself
  const summary = await ingestPaths(db, [dir]);
  differing = summary.added[0].sourceId;
  ilford = (await db.selectFrom('source').select('id').where('title', '=', 'Muslim group calls for united election alliance in UK').executeTakeFirstOrThrow())
    .id;
  snapshot = await snapshotDb(db);
}, 120_000);
beforeEach(async () => {
  db = await copyDb(snapshot);
  app = createTestApp(db);
});
afterEach(async () => {
  await closeApp(app);
  await db.destroy();
});

describe('importing the shipped reference data on start', () => {
  it('imports each dataset only when it is missing', async () => {
    const before = await listReferenceDatasets(db);
    expect(await importMissingReference(db, CORPUS_DIR, 'cli:tester')).toEqual([]);
    expect((await listReferenceDatasets(db)).map((d) => [d.name, d.importedAt])).toEqual(before.map((d) => [d.name, d.importedAt]));
  });
});

describe('official marks in the API', () => {
  it('gives every claim of a source an official field: the mark, or null', async () => {
    const res = await request(app).get(`/api/v1/sources/${ilford}`).expect(200);
    const claims = res.body.claims as ApiClaim[];
    expect(claims.length).toBe(res.body.claim_count);
    const majority = claims.find((c) => c.exact === '528 votes')!;
    expect(majority.official).toEqual(MATCHES_528);
    const marked = claims.filter((c) => c.official);
    expect(marked.map((c) => c.exact).sort()).toEqual(['1,689 votes', '1,794 votes', '528 votes', '6,391 votes']);
    for (const c of claims) {
      expect(c).toHaveProperty('official');
      expect(res.body.text.slice(c.start, c.end)).toBe(c.exact);
    }
  });

  it('marks a figure that differs, in a source ingested after the import', async () => {
    const res = await request(app).get(`/api/v1/sources/${differing}`).expect(200);
    const fig = (res.body.claims as ApiClaim[]).find((c) => c.exact === '538 votes')!;
    expect(fig.official).toEqual(DIFFERS_538);
  });

  it('filters search by official=matches|differs|any, and says what a bad value is', async () => {
    const matches = await request(app).get('/api/v1/claims?official=matches&size=100').expect(200);
    expect(matches.body.total).toBe(15);
    for (const c of matches.body.claims as ApiClaim[])
      expect(c.official).toMatchObject({ status: 'matches', label: expect.stringMatching(/^matches official: /) });
    const differs = await request(app).get('/api/v1/claims?official=differs').expect(200);
    expect(differs.body.claims.map((c: ApiClaim) => [c.source_id, c.exact, c.official])).toEqual([[differing, '538 votes', DIFFERS_538]]);
    const any = await request(app).get('/api/v1/claims?official=any&size=100').expect(200);
    expect(any.body.total).toBe(16);
    // with words too: the filter is a condition like the others
    const words = await request(app).get('/api/v1/claims?q=528&official=matches').expect(200);
    expect(words.body.claims.map((c: ApiClaim) => c.exact)).toEqual(expect.arrayContaining(['528 votes']));
    const unfiltered = await request(app).get('/api/v1/claims?kind=quote&size=5').expect(200);
    for (const c of unfiltered.body.claims as ApiClaim[]) expect(c.official).toBeNull();
    const bad = await request(app).get('/api/v1/claims?official=maybe').expect(400);
    expect(bad.body.error.message).toMatch(/official/);
  });

  it('shows the label on search hits, and the filter in the form', async () => {
    const page = await request(app).get('/search?official=differs').expect(200);
    const { document } = parseHTML(page.text);
    const hits = [...document.querySelectorAll('li.hit')];
    expect(hits).toHaveLength(1);
    expect(hits[0].querySelector('.official.off-differs')?.textContent).toContain('differs from official: reported 538, official 528');
    expect(document.querySelector('select[name=official] option[selected]')?.getAttribute('value')).toBe('differs');
  });

  it('exports only the figures the official filter keeps', async () => {
    const csv = await request(app).get('/export?format=csv&official=differs').expect(200);
    expect(csv.text).toContain('538 votes');
    expect(csv.text).not.toContain('528 votes');
  });
});

describe('the reading view', () => {
  it('lists every claim in the margin, in text order, each linked to its anchor in the text', async () => {
    const api = await request(app).get(`/api/v1/sources/${ilford}`).expect(200);
    const claims = (api.body.claims as ApiClaim[]).slice().sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
    const page = await request(app).get(`/sources/${ilford}`).expect(200);
    const { document } = parseHTML(page.text);
    const entries = [...document.querySelectorAll('aside.margin li.m-entry')];
    expect(entries.map((e) => Number(e.id.slice(2)))).toEqual(claims.map((c) => c.id));
    for (const [i, e] of entries.entries()) {
      const c = claims[i];
      const href = e.querySelector('a.m-jump')!.getAttribute('href')!;
      expect(href).toBe(`#claim-${c.id}`);
      expect(document.querySelector(`#article-text #claim-${c.id}`)).not.toBeNull();
      expect(e.querySelector('.m-exact')!.textContent).toBe(excerptOf(c.exact));
      expect(e.querySelector(`.tag.k-${c.kind}`)).not.toBeNull();
      expect(e.querySelector('.verdict')!.textContent).toBe('Unverified');
      if (c.speaker_name) expect(e.querySelector('.m-speaker')!.textContent).toBe(c.speaker_name);
    }
    // who said it: every attributed claim names its speaker in the margin
    const attributed = claims.filter((c) => c.speaker_name);
    expect(attributed.length).toBeGreaterThan(0);
    expect(entries.filter((e) => e.querySelector('strong.m-speaker')).length).toBe(attributed.length);
    const majority = claims.find((c) => c.exact === '528 votes')!;
    expect(document.querySelector(`#m-${majority.id} .official.off-matches`)!.textContent).toContain('matches official: 528 (House of Commons Library)');
  });

  it('keeps the highlights exact: the text of each claim’s highlights is its words', async () => {
    const api = await request(app).get(`/api/v1/sources/${ilford}`).expect(200);
    const { document } = parseHTML((await request(app).get(`/sources/${ilford}`).expect(200)).text);
    const article = document.querySelector('#article-text')!;
    // the article's text is the stored text's paragraphs, nothing added (markers are drawn by CSS)
    const paragraphs = [...article.querySelectorAll('p')].map((p) => p.textContent);
    for (const p of paragraphs) expect(api.body.text).toContain(p);
    for (const c of api.body.claims as ApiClaim[]) {
      const segs = [...article.querySelectorAll(`a.hl[data-claim="${c.id}"]`)];
      if (!segs.length) continue; // wholly covered by a shorter claim inside it
      for (const s of segs) {
        const start = Number(s.getAttribute('data-start'));
        expect(api.body.text.slice(start, start + s.textContent!.length)).toBe(s.textContent);
        expect(start).toBeGreaterThanOrEqual(c.start);
        expect(start + s.textContent!.length).toBeLessThanOrEqual(c.end);
      }
    }
  });

  it('marks contradicted and officially differing figures in the text with a class, and in the margin with words', async () => {
    const api = await request(app).get(`/api/v1/sources/${differing}`).expect(200);
    const fig = (api.body.claims as ApiClaim[]).find((c) => c.exact === '538 votes')!;
    const { document } = parseHTML((await request(app).get(`/sources/${differing}`).expect(200)).text);
    const hl = document.querySelector(`#article-text a.hl[data-claim="${fig.id}"]`)!;
    expect(hl.className).toMatch(/\boff-differs\b/);
    expect(hl.className).toMatch(/\bhl-end\b/);
    expect(hl.getAttribute('aria-describedby')).toBe(`m-${fig.id}`);
    expect(document.querySelector(`#m-${fig.id} .official`)!.textContent).toContain('differs from official: reported 538, official 528');

    // a contradiction found by cross-referencing shows in both places
    const contradicted = await db
      .selectFrom('claim_link')
      .innerJoin('claim', 'claim.id', 'claim_link.claim_a')
      .select(['claim_link.claim_a', 'claim_link.claim_b', 'claim.source_id'])
      .where('relation', '=', 'contradicts')
      .where('status', '!=', 'rejected')
      .executeTakeFirst();
    expect(contradicted).toBeDefined();
    const page = parseHTML((await request(app).get(`/sources/${contradicted!.source_id}`).expect(200)).text).document;
    expect(page.querySelector(`#article-text a.hl.conflicted[data-claim="${contradicted!.claim_a}"]`)).not.toBeNull();
    expect(page.querySelector(`#m-${contradicted!.claim_a} .conflict`)!.textContent).toContain(`claim ${contradicted!.claim_b}`);
  });

  it('keeps the legend, with the markers explained', async () => {
    const { document } = parseHTML((await request(app).get(`/sources/${ilford}`).expect(200)).text);
    const legend = document.querySelector('section.legend')!.textContent!;
    for (const words of ['Direct quote', 'Reported speech', 'Figure', 'contradicted', 'differs from official', 'matches official'])
      expect(legend).toContain(words);
  });
});

describe('figures are marked wherever sources are added', () => {
  it('an article pasted on the web has its figures marked', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    const text = "Ilford North: a close call\n\nIn Ilford North, Labour's Wes Streeting won by 528 votes at the general election on 4 July.";
    const res = await ed.agent
      .post('/sources/new')
      .type('form')
      .send({ _csrf: ed.csrf, format: 'txt', title: 'Ilford North: a close call', published: '2024-07-05', text })
      .expect(303);
    const id = Number(/\/sources\/(\d+)$/.exec(res.headers.location)![1]);
    const api = await request(app).get(`/api/v1/sources/${id}`).expect(200);
    expect((api.body.claims as ApiClaim[]).find((c) => c.exact === '528 votes')!.official).toEqual(MATCHES_528);
  });

  it('re-extracting a source marks its figures again', async () => {
    await db
      .deleteFrom('claim_reference')
      .where('claim_id', 'in', (eb) => eb.selectFrom('claim').select('id').where('source_id', '=', differing))
      .execute();
    await reextractSources(db, [differing]);
    const api = await request(app).get(`/api/v1/sources/${differing}`).expect(200);
    expect((api.body.claims as ApiClaim[]).find((c) => c.exact === '538 votes')!.official).toEqual(DIFFERS_538);
  });
});
