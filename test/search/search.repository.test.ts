import request from 'supertest';
import { sql } from 'kysely';
import { normaliseAlias } from '../../src/core/names.js';
import { parseSearchQuery } from '../../src/search/fts-query.js';
import { ftsClaimId, ftsMatches } from '../../src/storage/claim-fts.js';
import { matchesNearly } from '../../src/search/near-match.js';
import { COUNT_CAP, type SearchFilters } from '../../src/search/search-types.js';
import { searchClaims } from '../../src/storage/search.repository.js';
import { resolveSpeaker } from '../../src/storage/speaker.repository.js';
import type { DB } from '../../src/storage/connect.js';
import { copyDb, corpusDb, snapshotDb, type DbSnapshot } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

const now = new Date().toISOString();

async function addEntity(db: DB, name: string, aliases: string[] = []): Promise<number> {
  const id = (await db.insertInto('entity').values({ kind: 'person', name, created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  await db
    .insertInto('entity_alias')
    .values([name, ...aliases].map((alias) => ({ entity_id: id, alias, alias_norm: normaliseAlias(alias) })))
    .execute();
  return id;
}

async function addClaim(db: DB, sourceId: number, speakerId: number | null, speakerName: string, exact: string, start: number): Promise<number> {
  return (
    await db
      .insertInto('claim')
      .values({
        source_id: sourceId,
        kind: 'quote',
        exact,
        start,
        end: start + 5,
        prefix: '',
        suffix: '',
        speaker_entity_id: speakerId,
        speaker_text: speakerName,
        speaker_name: speakerName,
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
}

async function addSameAs(db: DB, a: number, b: number, status: 'suggested' | 'confirmed' | 'rejected'): Promise<void> {
  await db
    .insertInto('entity_link')
    .values({
      relation: 'same_as',
      entity_a: a,
      entity_b: b,
      label_a: 'a',
      label_b: 'b',
      evidence_json: '{}',
      status,
      score: 0.9,
      reason: 'test',
      pair_key: `same_as:${a}:${b}`,
      created_at: now,
    })
    .execute();
}

interface RefRow {
  id: number;
  source_id: number;
  start: number;
  speaker_entity_id: number | null;
  speaker_name: string | null;
  kind: string;
  verdict: string;
  outlet: string | null;
  published_at: string | null;
}

/** The obvious, slow answer: every claim read into memory and filtered and sorted in JavaScript. */
async function referenceSearch(db: DB, f: SearchFilters): Promise<RefRow[]> {
  const rows = (
    await sql<RefRow>`SELECT c.id, c.source_id, c.start, c.speaker_entity_id, c.speaker_name, c.kind, c.verdict, s.outlet, s.published_at FROM claim c JOIN source s ON s.id = c.source_id`.execute(
      db,
    )
  ).rows;
  const words = parseSearchQuery(f.q);
  const matching = words.parts.length
    ? new Set((await sql<{ id: number }>`SELECT ${ftsClaimId(db)} AS id FROM claim_fts WHERE ${ftsMatches(db, words)}`.execute(db)).rows.map((r) => r.id))
    : null;
  const speakers = f.speaker ? new Set((await resolveSpeaker(db, f.speaker)).map((e) => e.id)) : null;
  const out = rows.filter(
    (r) =>
      (!matching || matching.has(r.id)) &&
      (!speakers || (speakers.size ? speakers.has(r.speaker_entity_id ?? -1) : r.speaker_name?.toLowerCase() === f.speaker!.trim().toLowerCase())) &&
      (!f.outlet || r.outlet?.toLowerCase() === f.outlet.toLowerCase()) &&
      (!f.kind || r.kind === f.kind) &&
      (!f.verdict || r.verdict === f.verdict) &&
      (!f.from || (r.published_at !== null && r.published_at.slice(0, f.from.length) >= f.from)) &&
      (!f.to || (r.published_at !== null && r.published_at.slice(0, f.to.length) <= f.to)),
  );
  const stored = matching ? out.sort((a, b) => b.id - a.id) : out.sort((a, b) => b.source_id - a.source_id || b.start - a.start);
  // newest first is by publication date, undated last; within a date, most recently stored first (a stable sort)
  return f.sort === 'relevance'
    ? stored
    : stored.sort((a, b) =>
        a.published_at === b.published_at ? 0 : a.published_at === null ? 1 : b.published_at === null ? -1 : a.published_at < b.published_at ? 1 : -1,
      );
}

describe('searchClaims against a plain reference implementation', () => {
  let db: DB;
  // the setup runs once; each test gets a copy of the database it leaves
  let snapshot: DbSnapshot;
  beforeAll(async () => {
    db = await corpusDb();
    // one person split over two linked entities, with claims in several sources, so speaker merges are exercised
    const sources = (await db.selectFrom('source').select('id').orderBy('id').execute()).map((s) => s.id);
    const a = await addEntity(db, 'Ottoline Frabjous');
    const b = await addEntity(db, 'Ottoline Frabjuos');
    await addSameAs(db, a, b, 'suggested');
    for (const [i, sourceId] of sources.entries()) {
      await addClaim(db, sourceId, a, 'Ottoline Frabjous', `The vote is a frabjous day number ${i}`, 1 + i);
      await addClaim(db, sourceId, b, 'Ottoline Frabjuos', `Another frabjous vote, ${i}`, 2 + i);
    }
    snapshot = await snapshotDb(db);
  });
  beforeEach(async () => {
    db = await copyDb(snapshot);
  });
  afterEach(() => db.destroy());

  const cases: SearchFilters[] = [
    {},
    { q: 'vote' },
    { q: 'Muslim*' },
    { q: '"Muslim vote"' },
    { q: 'vote', outlet: 'middle east eye' },
    { outlet: 'Middle East Eye' },
    { outlet: 'BuzzFeed News' },
    { outlet: 'Middle East Eye', from: '2024-07', to: '2024-07' },
    { from: '2024' },
    { to: '2021-12' },
    { from: '2021-06-01', to: '2024-12-31' },
    { speaker: 'Ottoline Frabjous' },
    { speaker: 'Ottoline Frabjous', q: 'vote' },
    { speaker: 'Ottoline Frabjous', q: 'frabjous', outlet: 'Middle East Eye' },
    { speaker: 'Ottoline Frabjous', from: '2024' },
    { speaker: 'Ahmed' },
    { speaker: 'Ahmed', q: 'Muslim*' },
    { speaker: 'Nobody Atall' },
    { kind: 'figure' },
    { kind: 'quote', q: 'vote' },
    { verdict: 'unverified', outlet: 'Middle East Eye' },
  ];

  it.each(cases)('%j gives the same claims in the same order, page by page, with the same count', async (f) => {
    const expected = await referenceSearch(db, f);
    const key = (r: { id: number; source_id: number; start: number }) => (f.q ? `${r.id}` : `${r.source_id}:${r.start}`);
    const got: { id: number; source_id: number; start: number }[] = [];
    for (let page = 0; page * 7 < expected.length + 7; page++) {
      const res = await searchClaims(db, f, { limit: 7, offset: page * 7 });
      expect(res.total).toBe(Math.min(expected.length, COUNT_CAP));
      got.push(...res.hits);
    }
    // ties in (source, start) may come in either order, so compare the order of sort keys and the set of ids
    expect(got.map(key)).toEqual(expected.map(key));
    expect(new Set(got.map((h) => h.id))).toEqual(new Set(expected.map((r) => r.id)));
    expect(got.length).toBe(expected.length);
  });

  it('ranks by relevance on request, with the same matches as newest first', async () => {
    const sourceId = (await db.selectFrom('source').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const best = await addClaim(db, sourceId, null, 'Someone', 'zorbling zorbling zorbling', 500);
    const weak = await addClaim(db, sourceId, null, 'Someone', `zorbling once among ${'many other words '.repeat(20)}`, 501);
    const newest = await searchClaims(db, { q: 'zorbling' }, { limit: 10, offset: 0 });
    const ranked = await searchClaims(db, { q: 'zorbling', sort: 'relevance' }, { limit: 10, offset: 0 });
    expect(newest.hits.map((h) => h.id)).toEqual([weak, best]);
    expect(ranked.hits.map((h) => h.id)).toEqual([best, weak]);
    expect(ranked.hits[0].segments.filter((s) => s.mark).map((s) => s.text)).toEqual(['zorbling', 'zorbling', 'zorbling']);
  });
});

describe('speaker names: aliases, same_as links, merges and typos', () => {
  let db: DB;
  let sourceId: number;
  beforeEach(async () => {
    db = await corpusDb();
    sourceId = (await db.selectFrom('source').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  });
  afterEach(() => db.destroy());

  const idsFor = async (speaker: string) => (await searchClaims(db, { speaker }, { limit: 100, offset: 0 })).hits.map((h) => h.id).sort((x, y) => x - y);

  /** The corpus quotes nobody as Starmer (he is spoken to and about), so an editor's manual claim gives him one. */
  async function giveStarmerAClaim(): Promise<void> {
    const keir = await db.selectFrom('entity').select('id').where('name', '=', 'Keir Starmer').executeTakeFirstOrThrow();
    const source = await db.selectFrom('source').select(['id', 'text']).where('text', 'like', '%Keir Starmer has been encouraged%').executeTakeFirstOrThrow();
    const exact = 'Keir Starmer has been encouraged to take “urgent action”';
    const start = source.text.indexOf(exact);
    const now = new Date().toISOString();
    await db
      .insertInto('claim')
      .values({
        source_id: source.id,
        kind: 'reported',
        exact,
        start,
        end: start + exact.length,
        prefix: source.text.slice(Math.max(0, start - 32), start),
        suffix: source.text.slice(start + exact.length, start + exact.length + 32),
        speaker_entity_id: keir.id,
        speaker_text: 'Keir Starmer',
        speaker_name: 'Keir Starmer',
        cue: null,
        value: null,
        unit: null,
        qualifier: null,
        subject: null,
        group_id: null,
        extractor: 'manual',
        confidence: 1,
        created_by: 'test-editor',
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  it('on the corpus, "Kier" reaches Keir Starmer\'s claims, and Ahmed is found by full and short name', async () => {
    await giveStarmerAClaim();
    const keir = await idsFor('Keir Starmer');
    expect(keir.length).toBeGreaterThan(0);
    const kier = await searchClaims(db, { speaker: 'Kier' }, { limit: 100, offset: 0 });
    expect(kier.hits.map((h) => h.id)).toEqual(expect.arrayContaining(keir));
    expect(kier.speakerEntities.map((e) => e.name)).toContain('Keir Starmer');
    expect(new Set(kier.hits.map((h) => h.speaker_name))).toEqual(new Set(['Keir Starmer']));
    expect(await idsFor('Sir Kier Starmer')).toEqual(keir);
    const ahmed = await idsFor('Muddassar Ahmed');
    expect(ahmed.length).toBeGreaterThan(5);
    expect(await idsFor('Ahmed')).toEqual(ahmed);
  });

  it('follows same_as links that are not rejected, and merges both ways', async () => {
    const a = await addEntity(db, 'Philippa Wrengallow');
    const b = await addEntity(db, 'Philipa Wrengalow');
    const ca = await addClaim(db, sourceId, a, 'Philippa Wrengallow', 'first claim', 10);
    const cb = await addClaim(db, sourceId, b, 'Philipa Wrengalow', 'second claim', 11);
    expect(await idsFor('Philippa Wrengallow')).toEqual([ca]);
    await addSameAs(db, b, a, 'suggested');
    expect(await idsFor('Philippa Wrengallow')).toEqual([ca, cb]);
    expect(await idsFor('Wrengalow')).toEqual([ca, cb]);
    await db.updateTable('entity_link').set({ status: 'rejected' }).where('entity_a', '=', b).execute();
    expect(await idsFor('Philippa Wrengallow')).toEqual([ca]);

    const merged = await addEntity(db, 'P. Wrengallow-Smythe');
    await db.updateTable('entity').set({ merged_into: a }).where('id', '=', merged).execute();
    const cm = await addClaim(db, sourceId, merged, 'P. Wrengallow-Smythe', 'left behind on the merged entity', 12);
    expect(await idsFor('P. Wrengallow-Smythe')).toEqual([ca, cm]);
    expect(await idsFor('Philippa Wrengallow')).toEqual([ca, cm]);
  });

  it('tolerates one typo in a word of four letters or more, only when nothing with claims matched', async () => {
    const q = await addEntity(db, 'Bartholomew Quendle', ['Quendle']);
    const cq = await addClaim(db, sourceId, q, 'Bartholomew Quendle', 'a quendle quote', 20);
    for (const typo of ['Quednle', 'Qeundle', 'Quendel', 'Quendl', 'Quenddle', 'Quxndle', 'Bartholomew Quednle', 'Bartholmew Quendle'])
      expect(await idsFor(typo)).toEqual([cq]);
    for (const far of ['Qundel', 'Qu', 'Bart Quednle', 'Xyzndle']) expect(await idsFor(far)).toEqual([]);
    // "Ahmed" matches exactly, so a one-letter neighbour with claims of its own stays out
    const ahmad = await addEntity(db, 'Ahmad Zuberi', ['Ahmad']);
    await addClaim(db, sourceId, ahmad, 'Ahmad Zuberi', 'not Ahmed', 21);
    const ahmed = await idsFor('Muddassar Ahmed');
    expect(await idsFor('Ahmed')).toEqual(ahmed);
  });

  it('shows the resolved speakers and their claims over HTTP', async () => {
    await giveStarmerAClaim();
    const app = createTestApp(db);
    const res = await request(app).get('/api/v1/claims?speaker=Kier').expect(200);
    expect(res.body.speaker_entities.map((e: { name: string }) => e.name)).toContain('Keir Starmer');
    expect(res.body.claims.some((c: { speaker_name: string }) => c.speaker_name === 'Keir Starmer')).toBe(true);
    const page = await request(app).get('/search?speaker=Kier').expect(200);
    expect(page.text).toMatch(/Speaker matched:.*Keir Starmer/);
  });
});

describe('near matches of typed names', () => {
  it('pairs every typed word with a different alias word', () => {
    expect(matchesNearly(['kier'], ['keir', 'starmer'])).toBe(true);
    expect(matchesNearly(['kier', 'starmer'], ['keir', 'starmer'])).toBe(true);
    expect(matchesNearly(['keir', 'keir'], ['keir', 'starmer'])).toBe(false);
    expect(matchesNearly(['jon'], ['jan'])).toBe(false);
  });
});
