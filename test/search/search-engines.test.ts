import request from 'supertest';
import { sql } from 'kysely';
import { normaliseAlias } from '../../src/core/names.js';
import { parseSearchQuery } from '../../src/search/fts-query.js';
import { COUNT_CAP, type SearchFilters, type SearchHit, type SearchResult } from '../../src/search/search-types.js';
import { asSearchSyntaxError } from '../../src/storage/claim-fts.js';
import type { DB } from '../../src/storage/connect.js';
import { SearchSyntaxError, searchClaims } from '../../src/storage/search.repository.js';
import { createTestApp } from '../helpers/web.js';
import { type EngineDb, PG_ADMIN_URL, postgresCorpus, sqliteCorpus } from './search-engines.js';

// The same search cases on SQLite (always) and PostgreSQL (when CLAIMTRAIL_TEST_PG_URL names a server): each case
// checks what the answer must be on every engine, and PostgreSQL's answer must equal SQLite's, claim for claim.

const now = new Date().toISOString();
const SCRIPT = '<script>alert(1)</script>';

interface Seeded {
  best: number;
  weak: number;
}

/** The claims every engine gets on top of the corpus, inserted in the same order (so ids correspond). */
async function seed(db: DB): Promise<Seeded> {
  const source = await db.selectFrom('source').select(['id', 'text']).where('text', 'like', '%Keir Starmer has been encouraged%').executeTakeFirstOrThrow();
  const keir = await db.selectFrom('entity').select('id').where('name', '=', 'Keir Starmer').executeTakeFirstOrThrow();
  const add = async (exact: string, start: number, speaker: { id: number | null; name: string }) =>
    (
      await db
        .insertInto('claim')
        .values({
          source_id: source.id,
          kind: 'quote',
          exact,
          start,
          end: start + exact.length,
          prefix: '',
          suffix: '',
          speaker_entity_id: speaker.id,
          speaker_text: speaker.name,
          speaker_name: speaker.name,
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
  // the corpus quotes nobody as Starmer, so an editor's claim gives him one (for the "Kier" typo)
  const exact = 'Keir Starmer has been encouraged to take “urgent action”';
  await add(exact, source.text.indexOf(exact), { id: keir.id, name: 'Keir Starmer' });
  const best = await add('zorbling zorbling zorbling', 500, { id: null, name: 'Someone' });
  const weak = await add(`zorbling once among ${'many other words '.repeat(20)}`, 501, { id: null, name: 'Someone' });
  await add(`He pasted ${SCRIPT} into the quibbleflux form`, 502, { id: null, name: 'Someone' });
  return { best, weak };
}

const engines: { name: 'sqlite' | 'postgres'; open: () => Promise<EngineDb> }[] = [
  { name: 'sqlite', open: sqliteCorpus },
  ...(PG_ADMIN_URL ? [{ name: 'postgres' as const, open: () => postgresCorpus('search_engines') }] : []),
];

const opened: EngineDb[] = [];
const seeded = new Map<string, Seeded>();
beforeAll(async () => {
  for (const e of engines) {
    const edb = await e.open();
    opened.push(edb);
    seeded.set(edb.engine, await seed(edb.db));
  }
}, 120_000);
afterAll(async () => {
  for (const e of opened) await e.close();
});

const all = { limit: COUNT_CAP, offset: 0 };
/** A claim as both engines name it (ids are each database's own). */
const keyOf = (h: SearchHit) => `${h.title}|${h.start}|${h.end}|${h.kind}`;
// the marked words: FTS5 marks a phrase as one run, ts_headline each of its words
const marksOf = (h: SearchHit) => h.segments.filter((s) => s.mark).flatMap((s) => s.text.toLowerCase().split(/\s+/));

/** Runs the search on every engine, checks each answer, and checks PostgreSQL gives SQLite's claims in SQLite's order. */
async function onEveryEngine(f: SearchFilters, check: (r: SearchResult, db: DB) => void | Promise<void>): Promise<void> {
  const answers: SearchResult[] = [];
  for (const { db } of opened) {
    const r = await searchClaims(db, f, all);
    for (const h of r.hits) expect(h.segments.map((s) => s.text).join('')).toBe(h.exact);
    await check(r, db);
    answers.push(r);
  }
  const [reference, ...others] = answers;
  for (const r of others) {
    expect(r.total).toBe(reference.total);
    expect(r.terms).toEqual(reference.terms);
    expect(r.speakerEntities.map((e) => e.name)).toEqual(reference.speakerEntities.map((e) => e.name));
    expect(r.hits.map(keyOf)).toEqual(reference.hits.map(keyOf));
    if (!parseSearchQuery(f.q).parts.some((p) => p.kind === 'phrase')) expect(r.hits.map(marksOf)).toEqual(reference.hits.map(marksOf));
    // ts_headline marks a phrase's words wherever they are in the claim, FTS5 only where the phrase is
    else r.hits.forEach((h, i) => expect(marksOf(h)).toEqual(expect.arrayContaining(marksOf(reference.hits[i]))));
  }
}

let everything = 0;
beforeAll(async () => {
  everything = (await searchClaims(opened[0].db, {}, all)).total;
  expect(everything).toBeGreaterThan(50);
});

describe('search cases on every engine', () => {
  const containsWord = (word: RegExp) => (r: SearchResult) => {
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.some((h) => h.segments.some((s) => s.mark && word.test(s.text)))).toBe(true);
  };

  it.each<[string, SearchFilters, (r: SearchResult) => void]>([
    ['words, ANDed', { q: 'Muslim vote' }, containsWord(/^(muslim|vote)/i)],
    ['a stemmed word', { q: 'votes' }, containsWord(/^vot/i)],
    ['a phrase', { q: '"Muslim vote"' }, containsWord(/^muslim\b/i)],
    ['a prefix', { q: 'Musl*' }, containsWord(/^muslim/i)],
    ['a prefix and a word', { q: 'elect* Labour' }, containsWord(/^elect/i)],
    ['a word found in a title or outlet only', { q: 'BuzzFeed' }, (r) => expect(r.total).toBeGreaterThan(0)],
    ['a word nobody used', { q: 'xylophonic' }, (r) => expect(r.total).toBe(0)],
  ])('%s: %j', async (_name, f, check) => {
    await onEveryEngine(f, check);
  });

  const twoThousand = Array.from({ length: 400 }, (_, i) => ['vote', '&|!', '"x', 'NEAR(', "a'b:*"][i % 5])
    .join(' ')
    .slice(0, 2000);
  it.each([
    ['"unbalanced', 1],
    ['AND', 0],
    ['*', 0],
    ['NEAR(', 0],
    ['NEAR(vote gaza, 2)', 1],
    ['a:b', 1],
    ['^', 0],
    ['&|!():*<->', 0],
    ['', 0],
    ["vote & !labour | 'x':* <2> (a)", 1],
    ["'", 0],
    ['\\', 0],
    [twoThousand, 1],
  ])('hostile %j is harmless (words understood: %d or more)', async (q, minTerms) => {
    await onEveryEngine({ q }, (r) => {
      expect(r.terms.length).toBeGreaterThanOrEqual(minTerms);
      // nothing understood: the search is every claim
      if (!r.terms.length) expect(r.total).toBe(Math.min(everything, COUNT_CAP));
    });
  });

  it.each<[string, SearchFilters, (h: SearchHit) => boolean]>([
    ['outlet, any case', { outlet: 'middle EAST eye' }, (h) => h.outlet === 'Middle East Eye'],
    ['outlet and words', { outlet: 'Middle East Eye', q: 'vote*' }, (h) => h.outlet === 'Middle East Eye'],
    ['a month', { from: '2024-07', to: '2024-07' }, (h) => h.published_at!.startsWith('2024-07')],
    ['from a year', { from: '2024' }, (h) => h.published_at! >= '2024'],
    ['up to a month', { to: '2021-12' }, (h) => h.published_at!.slice(0, 7) <= '2021-12'],
    ['kind', { kind: 'figure' }, (h) => h.kind === 'figure'],
    ['kind and words', { kind: 'quote', q: 'vote' }, (h) => h.kind === 'quote'],
    ['speaker by a short alias', { speaker: 'Ahmed' }, (h) => h.speaker_name === 'Muddassar Ahmed'],
    ['speaker and a prefix', { speaker: 'ahmed', q: 'Muslim*' }, (h) => h.speaker_name === 'Muddassar Ahmed'],
    ['speaker typed with a typo', { speaker: 'Kier' }, (h) => h.speaker_name === 'Keir Starmer'],
    ['a speaker name no entity has, any case', { speaker: 'SOMEONE' }, (h) => h.speaker_name === 'Someone'],
    ['min_confidence', { min_confidence: 0.8 }, (h) => h.confidence >= 0.8],
    ['min_confidence and words', { min_confidence: 0.9, q: 'vote' }, (h) => h.confidence >= 0.9],
  ])('filter: %s %j', async (_name, f, holds) => {
    await onEveryEngine(f, (r) => {
      expect(r.total).toBeGreaterThan(0);
      expect(r.hits.filter((h) => !holds(h))).toEqual([]);
    });
  });

  it('the typo "Kier" resolves to Keir Starmer', async () => {
    await onEveryEngine({ speaker: 'Kier' }, (r) => expect(r.speakerEntities.map((e) => e.name)).toContain('Keir Starmer'));
  });

  it('min_confidence leaves out less certain claims', async () => {
    await onEveryEngine({ min_confidence: 0.8 }, (r) => expect(r.total).toBeLessThan(Math.min(everything, COUNT_CAP)));
  });

  it('pages add up to the whole answer, in the same order', async () => {
    for (const f of [{ q: 'vote' }, {}, { outlet: 'Middle East Eye' }] as SearchFilters[]) {
      for (const { db } of opened) {
        const whole = await searchClaims(db, f, all);
        const paged: SearchHit[] = [];
        for (let offset = 0; offset < whole.total; offset += 7) paged.push(...(await searchClaims(db, f, { limit: 7, offset })).hits);
        expect(paged.map((h) => h.id)).toEqual(whole.hits.map((h) => h.id));
      }
    }
  });

  it('orders newest stored first, or by relevance with ties newest first', async () => {
    for (const { engine, db } of opened) {
      const { best, weak } = seeded.get(engine)!;
      const newest = await searchClaims(db, { q: 'zorbling' }, all);
      const ranked = await searchClaims(db, { q: 'zorbling', sort: 'relevance' }, all);
      expect(newest.hits.map((h) => h.id)).toEqual([weak, best]);
      expect(ranked.hits.map((h) => h.id)).toEqual([best, weak]);
      expect(ranked.hits[0].segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['zorbling', 'zorbling', 'zorbling']);
    }
  });

  it('highlights keep markup as text, and the page escapes it', async () => {
    await onEveryEngine({ q: 'quibbleflux' }, async (r, db) => {
      expect(r.hits).toHaveLength(1);
      expect(r.hits[0].segments).toEqual([
        { text: `He pasted ${SCRIPT} into the `, mark: false },
        { text: 'quibbleflux', mark: true },
        { text: ' form', mark: false },
      ]);
      const page = await request(createTestApp(db)).get('/search').query({ q: 'quibbleflux' }).expect(200);
      expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt; into the <mark>quibbleflux</mark> form');
      expect(page.text).not.toContain(SCRIPT);
      const api = await request(createTestApp(db)).get('/api/v1/claims').query({ q: 'quibbleflux' }).expect(200);
      expect(api.body.claims[0].exact).toContain(SCRIPT);
    });
  });

  it('an engine error about the search words is a SearchSyntaxError, other errors stay what they are', async () => {
    for (const { engine, db } of opened) {
      // a raw expression the renderers never write: the engine's own refusal
      const bad = engine === 'sqlite' ? sql`SELECT rowid FROM claim_fts WHERE claim_fts MATCH ${'AND'}` : sql`SELECT to_tsquery('english', ${'&|!'})`;
      const e = await bad.execute(db).catch((err: unknown) => err);
      expect(asSearchSyntaxError(e)).toBeInstanceOf(SearchSyntaxError);
      const other = await sql`SELECT * FROM no_such_table`.execute(db).catch((err: unknown) => err);
      expect(asSearchSyntaxError(other)).toBe(other);
    }
  });

  it('speaker aliases are stored normalised the same way on every engine', async () => {
    for (const { db } of opened) {
      const aliases = await db.selectFrom('entity_alias').select('alias_norm').where('alias_norm', '=', normaliseAlias('Keir Starmer')).execute();
      expect(aliases.length).toBeGreaterThan(0);
    }
  });
});
