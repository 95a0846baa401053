import { parseHTML } from 'linkedom';
import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { corpusDb } from '../helpers/db.js';
import { createTestApp, loginAs } from '../helpers/web.js';

let db: DB;
let app: Express;

beforeEach(async () => {
  db = await corpusDb();
  app = createTestApp(db);
});
afterEach(() => db.destroy());

/** A quote with a speaker entity, from the Labour Muslim Network article (Angela Rayner). */
async function quoteWithSpeaker() {
  return db.selectFrom('claim').selectAll().where('kind', '=', 'quote').where('speaker_entity_id', 'is not', null).orderBy('id').executeTakeFirstOrThrow();
}

const text = (html: string, selector: string) => parseHTML(html).document.querySelector(selector)?.textContent ?? null;

describe('claim page', () => {
  it('shows the claim in its paragraph, speaker link, provenance and a link to its place in the article', async () => {
    const c = await quoteWithSpeaker();
    const source = await db.selectFrom('source').selectAll().where('id', '=', c.source_id).executeTakeFirstOrThrow();
    const res = await (await loginAs(app, db, 'reader1', 'researcher')).agent.get(`/claims/${c.id}`).expect(200);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('blockquote.context mark')?.textContent).toBe(c.exact);
    const para = document.querySelector('blockquote.context')!.textContent!;
    expect(source.text.includes(para)).toBe(true);
    expect(para.length).toBeGreaterThan(c.exact.length);
    expect(document.querySelector(`a[href="/entities/${c.speaker_entity_id}"]`)?.textContent).toBe(c.speaker_name);
    expect(res.text).toContain(`[${c.start}, ${c.end})`);
    expect(res.text).toContain(c.extractor);
    expect(document.querySelector(`a[href="/sources/${c.source_id}#claim-${c.id}"]`)).not.toBeNull();
    expect(text(res.text, '#current-verdict')).toBe('Unverified');
    // researchers see no annotation form
    expect(document.querySelector('form.annotate-form')).toBeNull();
  });

  it('the source page carries a stable anchor per claim and paragraph offsets that reproduce the stored text', async () => {
    const c = await quoteWithSpeaker();
    const source = await db.selectFrom('source').selectAll().where('id', '=', c.source_id).executeTakeFirstOrThrow();
    const page = await request(app).get(`/sources/${c.source_id}`).expect(200);
    const { document } = parseHTML(page.text);
    const claims = await db.selectFrom('claim').select(['id', 'start']).where('source_id', '=', c.source_id).execute();
    for (const k of claims) expect(document.getElementById(`claim-${k.id}`)).not.toBeNull();
    const paras = [...document.querySelectorAll('#article-text p[data-start]')];
    expect(paras.length).toBeGreaterThan(3);
    for (const p of paras) {
      const start = Number(p.getAttribute('data-start'));
      expect(source.text.slice(start, start + p.textContent!.length)).toBe(p.textContent);
    }
    for (const a of document.querySelectorAll('#article-text a.hl[data-start]')) {
      const start = Number(a.getAttribute('data-start'));
      expect(source.text.slice(start, start + a.textContent!.length)).toBe(a.textContent);
    }
  });

  it('lists claim links in either direction with relation, status and a link to the other claim', async () => {
    const [a, b, x] = await db.selectFrom('claim').select(['id', 'exact']).where('kind', '=', 'figure').orderBy('id').limit(3).execute();
    const now = new Date().toISOString();
    await db
      .insertInto('claim_link')
      .values([
        {
          claim_a: a.id,
          claim_b: b.id,
          relation: 'contradicts',
          status: 'confirmed',
          score: 0.9,
          reason: 'same seat, different name',
          decided_by: 'ed',
          decided_at: now,
          created_at: now,
        },
        { claim_a: x.id, claim_b: a.id, relation: 'corroborates', status: 'suggested', score: 0.7, reason: 'same figure', created_at: now },
      ])
      .execute();
    const res = await request(app).get(`/claims/${a.id}`).expect(200);
    const { document } = parseHTML(res.text);
    const items = [...document.querySelectorAll('ul.claim-links li')];
    expect(items).toHaveLength(2);
    const all = items.map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(all.join('|')).toMatch(/contradicts confirmed/);
    expect(all.join('|')).toMatch(/corroborates suggested/);
    expect(document.querySelector(`ul.claim-links a[href="/claims/${b.id}"]`)).not.toBeNull();
    expect(document.querySelector(`ul.claim-links a[href="/claims/${x.id}"]`)).not.toBeNull();
    const api = await request(app).get(`/api/v1/claims/${a.id}`).expect(200);
    expect(api.body.links.map((l: { other_claim_id: number }) => l.other_claim_id).sort()).toEqual([b.id, x.id].sort());
  });

  it('404s on a claim that does not exist, 400s on a non-id', async () => {
    const st = request(app);
    await st.get('/claims/999999').expect(404);
    await st.get('/claims/abc').expect(400);
    const api = await st.get('/api/v1/claims/999999').expect(404);
    expect(api.body.error.message).toMatch(/claim 999999 not found/);
  });
});
