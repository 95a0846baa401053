import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import { parseHTML } from 'linkedom';
import request from 'supertest';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { closeApp } from '../../src/web/app.js';
import { copyDb, corpusDb, snapshotDb, tempDir, type DbSnapshot } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

interface Row {
  id: number;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
  claim_count: number;
  conflict_count: number;
}

let db: DB;
let app: Express;
const byFile: Record<string, number> = {};

const list = async (query: string): Promise<{ total: number; sources: Row[] }> => (await request(app).get(`/api/v1/sources${query}`).expect(200)).body;
const files = (rows: Row[]) => rows.map((r) => Object.keys(byFile).find((f) => byFile[f] === r.id));

// Made up for the test: a majority that contradicts the corpus's (528 in Ilford North), so there is a conflict.
const CONTRADICTING = [
  '---',
  'title: Ilford recount ends in relief',
  'outlet: Test Gazette',
  'published: 2024-07-06',
  '---',
  '',
  "In Ilford North, Labour's Wes Streeting held on by 538 votes against independent Leanne Mohamad at the general election on 4 July.",
].join('\n');

// the setup runs once; each test gets a copy of the database it leaves
let snapshot: DbSnapshot;
beforeAll(async () => {
  db = await corpusDb();
  const dir = tempDir();
  writeFileSync(join(dir, 'ilf-recount.md'), CONTRADICTING);
  await ingestPaths(db, [dir]);
  for (const s of await db.selectFrom('source').select(['id', 'file']).execute()) byFile[s.file!.split('/').pop()!.slice(0, 3)] = s.id;
  snapshot = await snapshotDb(db);
}, 60_000);
beforeEach(async () => {
  db = await copyDb(snapshot);
  app = createTestApp(db);
});
afterEach(async () => {
  await closeApp(app);
  await db.destroy();
});

describe('the sources list: order', () => {
  // the corpus: 003 2024-07, 000 2024-06, 004 2017; 001 and 002 have no date; ilf (the made-up one) 2024-07-06
  it('is newest first with undated sources last (newest stored first among them)', async () => {
    const { sources, total } = await list('');
    expect(total).toBe(6);
    expect(files(sources)).toEqual(['ilf', '003', '000', '004', '002', '001']);
  });

  it('oldest first still puts undated sources last', async () => {
    expect(files((await list('?sort=oldest')).sources)).toEqual(['004', '000', '003', 'ilf', '001', '002']);
  });

  it('by title, untitled last', async () => {
    const { sources } = await list('?sort=title');
    const titles = sources.map((s) => s.title);
    expect(titles.at(-1)).toBeNull();
    const named = titles.filter((t): t is string => t !== null);
    expect(named).toEqual([...named].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
  });

  it('by most claims and by most conflicts, with counts that agree with the claims and links stored', async () => {
    const { sources } = await list('?sort=claims');
    const counts = sources.map((s) => s.claim_count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const s of sources) {
      const n = await db
        .selectFrom('claim')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('source_id', '=', s.id)
        .executeTakeFirstOrThrow();
      expect(s.claim_count).toBe(Number(n.n));
    }
    const links = await db
      .selectFrom('claim_link')
      .select(['claim_a', 'claim_b'])
      .where('relation', '=', 'contradicts')
      .where('status', '!=', 'rejected')
      .execute();
    const contradicted = new Set(links.flatMap((l) => [l.claim_a, l.claim_b]));
    expect(contradicted.size).toBeGreaterThan(0);
    const claimSource = new Map((await db.selectFrom('claim').select(['id', 'source_id']).execute()).map((c) => [c.id, c.source_id]));
    const expected = new Map<number, number>();
    for (const id of contradicted) expected.set(claimSource.get(id)!, (expected.get(claimSource.get(id)!) ?? 0) + 1);
    const byConflicts = (await list('?sort=conflicts')).sources;
    expect(byConflicts.map((s) => s.conflict_count)).toEqual(byConflicts.map((s) => expected.get(s.id) ?? 0));
    expect(byConflicts.map((s) => s.conflict_count)).toEqual([...byConflicts.map((s) => s.conflict_count)].sort((a, b) => b - a));
  });

  it('refuses an unknown order, naming the choices', async () => {
    const res = await request(app).get('/api/v1/sources?sort=random').expect(400);
    expect(res.body.error.message).toMatch(/sort: one of newest, oldest, title, claims, conflicts/);
    const page = await request(app).get('/?sort=random').expect(400);
    expect(page.text).toContain('sort: one of newest');
  });
});

describe('the sources list: finding', () => {
  it('finds sources by words of the title or the outlet, every word', async () => {
    expect(files((await list('?q=perry')).sources)).toEqual([]); // "Perry Barr" is in the text, not the title
    expect(files((await list('?q=khalid+mahmood')).sources)).toEqual(['003']);
    expect(files((await list('?q=jewish')).sources)).toEqual(['000']);
    expect(files((await list('?q=GAZETTE+ilford')).sources)).toEqual(['ilf']);
    expect(files((await list('?q=muslim+crowdfunding')).sources)).toEqual(['004']);
    expect(files((await list('?q=muslim')).sources).sort()).toEqual(['002', '004']);
    expect((await list('?q=100%25')).total).toBe(0); // % is a character, not a wildcard
  });

  it('filters by outlet (any case) and by dates, leaving undated sources out of a date range', async () => {
    expect(files((await list('?outlet=buzzfeed+news')).sources)).toEqual(['004']);
    expect(files((await list('?from=2024')).sources)).toEqual(['ilf', '003', '000']);
    expect(files((await list('?from=2024-07-01&outlet=test+gazette')).sources)).toEqual(['ilf']);
    expect(files((await list('?from=2024&to=2024-06')).sources)).toEqual(['000']);
    expect(files((await list('?to=2023')).sources)).toEqual(['004']);
    await request(app).get('/api/v1/sources?from=yesterday').expect(400);
  });

  it('pages, with the filters kept in the page links', async () => {
    const first = await list('?size=2');
    const third = await list('?size=2&page=3');
    expect(first.total).toBe(6);
    expect(first.sources).toHaveLength(2);
    expect(files(third.sources)).toEqual(['002', '001']);
    const page = await request(app).get('/?sort=oldest&size=2&page=2').expect(200);
    const { document } = parseHTML(page.text);
    expect(document.querySelector('a[rel=next]')!.getAttribute('href')).toBe('/?sort=oldest&size=2&page=3');
    expect(document.querySelector('a[rel=prev]')!.getAttribute('href')).toBe('/?sort=oldest&size=2&page=1');
    expect(document.querySelector('.pager span')!.textContent).toBe('Page 2 of 3');
  });

  it('renders the form with what was asked, counts per source, and cells labelled for phone cards', async () => {
    const page = await request(app).get('/?q=muslim&sort=claims').expect(200);
    const { document } = parseHTML(page.text);
    expect(document.querySelector('input[name=q]')!.getAttribute('value')).toBe('muslim');
    expect(document.querySelector('select[name=sort] option[selected]')!.getAttribute('value')).toBe('claims');
    const rows = [...document.querySelectorAll('table.sources-table tbody tr')];
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect([...r.querySelectorAll('td')].map((td) => td.getAttribute('data-label'))).toEqual([
        'Title',
        'Outlet',
        'Published',
        'Length',
        'Claims',
        'Conflicts',
      ]);
    const undated = await request(app).get('/?q=alliance').expect(200);
    expect(parseHTML(undated.text).document.querySelector('td[data-label=Published]')!.textContent).toBe('undated');
    const none = await request(app).get('/?q=zebra').expect(200);
    expect(none.text).toContain('No source matches');
  });
});

describe('speakers and people', () => {
  it('filters speakers by a part of the name, server-side, as a page and as JSON', async () => {
    const all = (await request(app).get('/api/v1/speakers').expect(200)).body;
    const some = (await request(app).get('/api/v1/speakers?name=masr').expect(200)).body;
    expect(some.total).toBeGreaterThan(0);
    expect(some.total).toBeLessThan(all.total);
    for (const s of some.speakers) expect(s.name.toLowerCase()).toContain('masr');
    const page = await request(app).get('/speakers?name=MASR').expect(200);
    const { document } = parseHTML(page.text);
    expect(document.querySelector('input[name=name]')!.getAttribute('value')).toBe('MASR');
    expect([...document.querySelectorAll('tbody tr td[data-label=Name] a')].map((a) => a.textContent)).toEqual(
      some.speakers.map((s: { name: string }) => s.name),
    );
    const none = await request(app).get('/speakers?name=nobody+at+all').expect(200);
    expect(none.text).toContain('No speaker’s name contains');
  });

  it('lists a person’s claims newest first with undated sources last', async () => {
    // a speaker quoted both in dated and in undated sources
    const mixed = await db
      .selectFrom('claim as c')
      .innerJoin('source as s', 's.id', 'c.source_id')
      .select('c.speaker_entity_id')
      .where('c.speaker_entity_id', 'is not', null)
      .groupBy('c.speaker_entity_id')
      .having((eb) => eb.and([eb(eb.fn.count('s.published_at'), '>', 0), eb(eb.fn.countAll(), '>', eb.fn.count('s.published_at'))]))
      .executeTakeFirstOrThrow();
    const person = (await request(app).get(`/api/v1/people/${mixed.speaker_entity_id}`).expect(200)).body;
    const dates = person.claims.map((c: { published_at: string | null }) => c.published_at);
    const firstUndated = dates.indexOf(null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(dates.slice(firstUndated).every((d: string | null) => d === null)).toBe(true);
    const dated = dates.slice(0, firstUndated) as string[];
    expect(dated).toEqual([...dated].sort().reverse());
  });

  it('search newest first is by publication date, claims of undated sources last', async () => {
    for (const query of ['q=votes', 'kind=quote']) {
      const res = await request(app).get(`/api/v1/claims?${query}&size=100`).expect(200);
      expect(res.body.total).toBeLessThanOrEqual(100);
      const dates = res.body.claims.map((c: { published_at: string | null }) => c.published_at);
      const firstUndated = dates.indexOf(null);
      expect(firstUndated).toBeGreaterThan(0);
      expect(dates.slice(firstUndated).every((d: string | null) => d === null)).toBe(true);
      const dated = dates.slice(0, firstUndated) as string[];
      expect(dated).toEqual([...dated].sort().reverse());
    }
  });
});

describe('phone layout hooks', () => {
  it('the sources, speakers and entities tables are marked to stack as cards', async () => {
    for (const path of ['/', '/speakers', '/entities']) {
      const { document } = parseHTML((await request(app).get(path).expect(200)).text);
      const table = document.querySelector('table.list')!;
      expect(table.className).toContain('stack-cards');
      for (const td of table.querySelectorAll('tbody td')) expect(td.getAttribute('data-label')).toBeTruthy();
    }
  });
});
