import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Express } from 'express';
import { sql } from 'kysely';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import * as oneCardPerPair from '../../migrations/0022_one_card_per_pair.js';
import { FIXTURES_DIR, tempDir } from '../helpers/db.js';
import { closeApp } from '../../src/web/app.js';
import { createCorpusApp, type LoggedIn } from '../helpers/web.js';

// Stories we wrote (test/fixtures/rephrased/) that give the seed corpus's election facts in other words, some wrong
// on purpose: 357 for Ilford North's 528 majority, 2,794 for Rachel Collinson's 1,794 votes, 162 for Blackburn's 132.
const DIR = join(FIXTURES_DIR, 'rephrased');

interface ApiLink {
  id: number;
  relation: string;
  a: { id: number; exact: string; value: number | null; source: { id: number; title: string | null } };
  b: { id: number; exact: string; value: number | null; source: { id: number; title: string | null } };
}

let db: DB;
let app: Express;
let ed: LoggedIn;
let links: ApiLink[];
let fixtureSources: Set<number>;

beforeAll(async () => {
  ({
    db,
    app,
    as: { ed },
  } = await createCorpusApp({ ed: 'editor' }));
  // one story pasted in the UI's form, the rest ingested from files: both are the real pipeline
  const wire = readFileSync(join(DIR, '01-wire-ilford-north.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  const [title, ...body] = wire.trim().split('\n');
  await ed.agent
    .post('/sources/new')
    .type('form')
    .send({ _csrf: ed.csrf, format: 'txt', title, outlet: 'Eastern Wire', published: '2024-07-06', text: body.join('\n').trim() })
    .expect(303);
  const others = tempDir();
  for (const f of ['02-broadsheet-perry-barr.md', '03-us-roundup.md', '04-local-leicester-south.md']) copyFileSync(join(DIR, f), join(others, f));
  await ingestPaths(db, [others]);
  const outlets = ['Eastern Wire', 'The Northern Ledger', 'Capital Times', 'Midlands Evening Post'];
  fixtureSources = new Set((await db.selectFrom('source').select('id').where('outlet', 'in', outlets).execute()).map((r) => r.id));
  const res = await ed.agent.get('/api/v1/links?size=500').expect(200);
  links = res.body.links;
}, 120_000);
afterAll(async () => {
  await closeApp(app);
  await db.destroy();
});

const touching = (l: ApiLink) => fixtureSources.has(l.a.source.id) || fixtureSources.has(l.b.source.id);
const values = (l: ApiLink) => [l.a.value, l.b.value].sort((x, y) => x! - y!).join(' vs ');

test('all four stories are stored', () => {
  expect(fixtureSources.size).toBe(4);
});

test('the misreported figures are flagged against every source that gives the right one, and nothing else is', () => {
  const found = links
    .filter((l) => l.relation === 'contradicts' && touching(l))
    .map(values)
    .sort();
  // 357: against corpus 002 ("came within 528 votes"), corpus 003 ("to just 528") and the US round-up ("a majority of 528 votes");
  // 162: against corpus 003 ("byjust 132 votes") and the broadsheet ("won by 132 votes")
  expect(found).toEqual(['132 vs 162', '132 vs 162', '1794 vs 2794', '357 vs 528', '357 vs 528', '357 vs 528']);
});

test('the right figures, worded differently, corroborate the corpus', () => {
  const found = new Set(links.filter((l) => l.relation === 'corroborates' && touching(l) && l.a.value === l.b.value).map((l) => l.a.value));
  for (const v of [507, 13303, 12796, 132, 1689, 41.1, 49.2, 528]) expect(found).toContain(v);
});

test('one card per pair of claims, and one per figure and other source', () => {
  const pairs = links.map((l) => [l.a.id, l.b.id].sort((x, y) => x - y).join(':'));
  expect(new Set(pairs).size).toBe(pairs.length);
  const perFigure = new Map<string, number>();
  for (const l of links.filter((x) => x.relation === 'corroborates' && x.a.value !== null)) {
    for (const k of [`${l.a.id}>${l.b.source.id}`, `${l.b.id}>${l.a.source.id}`]) perFigure.set(k, (perFigure.get(k) ?? 0) + 1);
  }
  expect([...perFigure.entries()].filter(([, n]) => n > 1)).toEqual([]);
});

test('the board shows the contradiction once, with both figures and the measure it is about', async () => {
  const page = await ed.agent.get('/board?relation=contradicts').expect(200);
  expect(page.text).toMatch(/Different figures for the same majority of [^:]*Ilford North/);
  const cards = links.filter((l) => l.relation === 'contradicts' && values(l) === '1794 vs 2794');
  expect(cards).toHaveLength(1);
});

test('migration 0022 removes duplicate cards and keeps a pair from being linked twice', async () => {
  await sql`DROP INDEX claim_link_one_per_pair`.execute(db);
  const l = links.find((x) => x.relation === 'corroborates' && x.a.value === 507)!;
  const now = new Date().toISOString();
  const row = (a: number, b: number, relation: 'corroborates' | 'contradicts', status: 'suggested' | 'confirmed' = 'suggested') => ({
    claim_a: a,
    claim_b: b,
    relation,
    status,
    score: 0.5,
    reason: 'dup',
    created_at: now,
  });
  // the same pair the other way round and with another relation (one confirmed: it must be the one kept)
  await db
    .insertInto('claim_link')
    .values([row(l.b.id, l.a.id, 'corroborates', 'confirmed'), row(l.b.id, l.a.id, 'contradicts')])
    .execute();
  // a second "507" in the same article as side a, corroborating side b again: the duplicate card of the report
  const twin = await db
    .selectFrom('claim')
    .select('id')
    .where('source_id', '=', l.a.source.id)
    .where('value', '=', 507)
    .where('id', '!=', l.a.id)
    .executeTakeFirstOrThrow();
  await db
    .insertInto('claim_link')
    .values(row(Math.min(twin.id, l.b.id), Math.max(twin.id, l.b.id), 'corroborates'))
    .execute();
  await oneCardPerPair.up(db);
  const left = await db
    .selectFrom('claim_link')
    .select(['claim_a', 'claim_b', 'status'])
    .where('claim_a', 'in', [l.a.id, l.b.id, twin.id])
    .where('claim_b', 'in', [l.a.id, l.b.id, twin.id])
    .execute();
  expect(left).toEqual([{ claim_a: l.b.id, claim_b: l.a.id, status: 'confirmed' }]);
  // the message, not the class: better-sqlite3's error comes from another realm than jest's Error
  const refused = await db
    .insertInto('claim_link')
    .values(row(l.a.id, l.b.id, 'corroborates'))
    .execute()
    .then(
      () => 'inserted',
      (e: unknown) => String((e as Error)?.message ?? e),
    );
  expect(refused).toMatch(/UNIQUE constraint failed/);
});
