import request from 'supertest';
import type { Express } from 'express';
import type { DB } from '../../src/storage/connect.js';
import { corpusDb } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

describe('sources over HTTP', () => {
  let db: DB;
  let app: Express;
  beforeEach(async () => {
    db = await corpusDb();
    app = createTestApp(db);
  });
  afterEach(() => db.destroy());

  it('lists the five corpus sources as JSON', async () => {
    const res = await request(app).get('/api/v1/sources').expect(200).expect('content-type', /json/);
    expect(res.body.total).toBe(5);
    expect(res.body.sources.map((s: { outlet: string | null }) => s.outlet).sort()).toEqual([
      'BuzzFeed News',
      'Middle East Eye',
      'The Jewish Chronicle',
      null,
      null,
    ]);
    expect(res.body.sources[0]).toEqual(expect.objectContaining({ id: expect.any(Number), title: expect.anything(), length: expect.any(Number) }));
  });

  it('gives one source with its text, paragraphs and removed furniture', async () => {
    const list = await request(app).get('/api/v1/sources').expect(200);
    const mee = list.body.sources.find((s: { outlet: string | null }) => s.outlet === 'Middle East Eye');
    const res = await request(app).get(`/api/v1/sources/${mee.id}`).expect(200);
    expect(res.body.text).toContain('Birmingham Perry Barr by the slim majority of 507 votes');
    for (const p of res.body.paragraphs) expect(res.body.text.slice(p.start, p.end).trim()).toBe(res.body.text.slice(p.start, p.end));
    expect(res.body.removed_furniture.map((r: { kind: string }) => r.kind)).toEqual(
      expect.arrayContaining(['newsletter', 'read-more', 'author-profile', 'repeated-paragraph']),
    );
  });

  it('renders the sources list and a source page by paragraphs', async () => {
    const home = await request(app).get('/').expect(200).expect('content-type', /html/);
    expect(home.text).toContain('Middle East Eye');
    const id = /href="\/sources\/(\d+)">Pro-Palestine candidate/.exec(home.text)?.[1];
    expect(id).toBeDefined();
    const page = await request(app).get(`/sources/${id}`).expect(200);
    expect(page.text).toContain('<h1>Pro-Palestine candidate pulls off shock win against Labour&#39;s Khalid Mahmood (2024)</h1>');
    expect((page.text.match(/<p[\s>]/g) ?? []).length).toBeGreaterThan(20); // <p data-start="…"> since the editors feature
    expect(page.text).toContain('pieces of page furniture removed at ingest');
  });

  it('answers unknown pages and ids with 404, as HTML or JSON', async () => {
    const html = await request(app).get('/sources/999999').expect(404);
    expect(html.text).toContain('source 999999 not found');
    const json = await request(app).get('/api/v1/sources/abc').expect(400);
    expect(json.body.error.message).toMatch(/id: must be a whole number id/);
    await request(app).get('/no/such/page').expect(404);
  });

  it('sends security headers', async () => {
    const res = await request(app).get('/').expect(200);
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
