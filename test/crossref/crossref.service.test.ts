import { crossrefAll } from '../../src/crossref/crossref.service.js';
import { decideClaimLinks, decideEntityLinks } from '../../src/crossref/decisions.service.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, corpusDb } from '../helpers/db.js';

async function links(db: DB) {
  return db
    .selectFrom('claim_link')
    .innerJoin('claim as a', 'a.id', 'claim_link.claim_a')
    .innerJoin('claim as b', 'b.id', 'claim_link.claim_b')
    .select([
      'claim_link.id',
      'claim_link.relation',
      'claim_link.status',
      'claim_link.reason',
      'a.exact as exact_a',
      'b.exact as exact_b',
      'a.value as value_a',
      'b.value as value_b',
      'a.source_id as source_a',
      'b.source_id as source_b',
    ])
    .execute();
}

describe('cross-referencing the seed corpus', () => {
  let db: DB;
  beforeEach(async () => {
    db = await corpusDb();
  });
  afterEach(() => db.destroy());

  test("Ilford North's 528-vote margin is corroborated across two outlets", async () => {
    const found = (await links(db)).filter((l) => l.relation === 'corroborates' && l.value_a === 528 && l.value_b === 528);
    expect(found).toHaveLength(1);
    expect(found[0].source_a).not.toBe(found[0].source_b);
    expect(found[0].reason).toMatch(/Ilford North/);
  });

  test('the 38,000 deaths are corroborated across two outlets despite different qualifiers', async () => {
    const found = (await links(db)).filter((l) => l.relation === 'corroborates' && l.value_a === 38000 && l.value_b === 38000);
    expect(found).toHaveLength(1);
    expect(found[0].reason).toMatch(/at least 38,000/);
    expect(found[0].reason).toMatch(/more than 38,000/);
  });

  test('Perry Barr 507 (twice in one article) is never linked to itself or to Ilford North', async () => {
    const found = (await links(db)).filter((l) => l.value_a === 507 || l.value_b === 507);
    expect(found).toEqual([]);
  });

  test('every link joins two different sources', async () => {
    for (const l of await links(db)) expect(l.source_a).not.toBe(l.source_b);
  });

  test('Qayum / Qauyum is suggested as one person', async () => {
    const rows = await db.selectFrom('entity_link').selectAll().where('relation', '=', 'same_as').execute();
    const labels = rows.map((r) => [r.label_a, r.label_b].sort().join(' / '));
    expect(labels).toContain('Azhar Qauyum / Azhar Qayum');
  });

  test('"Sir Kier" is suggested as Keir Starmer', async () => {
    const rows = await db.selectFrom('entity_link').selectAll().where('relation', '=', 'same_as').execute();
    expect(rows.map((r) => [r.label_a, r.label_b].sort().join(' / '))).toContain('Keir Starmer / Kier');
  });

  test("Ajmal Masroor's seat is flagged: Bethnal Green and Bow vs Bethnal Green and Stepney", async () => {
    const rows = await db
      .selectFrom('entity_link')
      .innerJoin('entity', 'entity.id', 'entity_link.entity_a')
      .select(['entity.name', 'entity_link.label_a', 'entity_link.label_b', 'entity_link.reason', 'entity_link.evidence_json'])
      .where('relation', '=', 'place_conflict')
      .execute();
    const masroor = rows.filter((r) => r.name === 'Ajmal Masroor');
    expect(masroor).toHaveLength(1);
    expect([masroor[0].label_a, masroor[0].label_b].map((l) => l.replace('&', 'and')).sort()).toEqual(['Bethnal Green and Bow', 'Bethnal Green and Stepney']);
    const ev = JSON.parse(masroor[0].evidence_json);
    const source = await db.selectFrom('source').select('text').where('id', '=', ev.a[0].source_id).executeTakeFirstOrThrow();
    expect(source.text.slice(ev.a[0].start, ev.a[0].end)).toBe(masroor[0].label_a);
  });

  test('a rejected suggestion is not re-created by a re-run, and nothing is duplicated', async () => {
    const before = await links(db);
    const target = before.find((l) => l.value_a === 528)!;
    await decideClaimLinks(db, [target.id], 'rejected', 'tester');
    const sameAs = await db.selectFrom('entity_link').select('id').where('relation', '=', 'same_as').execute();
    await decideEntityLinks(db, [sameAs[0].id], 'rejected', 'tester');
    const r = await crossrefAll(db);
    expect(r.claimLinksAdded).toBe(0);
    expect(r.entityLinksAdded).toBe(0);
    const after = await links(db);
    expect(after).toHaveLength(before.length);
    expect(after.find((l) => l.id === target.id)!.status).toBe('rejected');
    const audit = await db.selectFrom('audit_event').selectAll().where('target_type', '=', 'claim_link').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].before_json!).status).toBe('suggested');
    expect(JSON.parse(audit[0].after_json!).status).toBe('rejected');
  });

  test('re-ingesting the same files adds nothing', async () => {
    const n = (await links(db)).length;
    const s = await ingestPaths(db, [CORPUS_DIR]);
    expect(s.added).toHaveLength(0);
    expect(await links(db)).toHaveLength(n);
  });
});
