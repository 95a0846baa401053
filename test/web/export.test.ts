import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { Express } from 'express';
import { Cite } from '../../src/export/citation-js.js';
import { missingClaimReviewFields } from '../../src/export/claimreview.js';
import { parseRis } from '../../src/export/ris.js';
import type { DB } from '../../src/storage/connect.js';
import { copyDbToFile, corpusDb, snapshotDb, tempDir, type DbSnapshot } from '../helpers/db.js';
import { createTestApp, loginAs } from '../helpers/web.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

describe('exports over HTTP and from the CLI', () => {
  let db: DB;
  let dbPath: string;
  let app: Express;
  let listId: number;
  let ahmedCount: number;
  let snapshot: DbSnapshot;
  // the list and the review made once, then each test gets a database file of its own with them in it
  beforeAll(async () => {
    db = await corpusDb();
    app = createTestApp(db);
    const { agent, csrf } = await loginAs(app, db, 'rita', 'researcher');
    listId = (await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: 'Ahmed quotes' }).expect(201)).body.id;
    const claims = await db.selectFrom('claim').select('id').where('speaker_name', '=', 'Muddassar Ahmed').orderBy('id').execute();
    ahmedCount = claims.length;
    for (const c of claims.slice(0, 3)) await agent.post(`/api/v1/lists/${listId}/items`).set('x-csrf-token', csrf).send({ claim_id: c.id }).expect(201);
    const target = claims[0].id;
    const now = new Date().toISOString();
    await db.insertInto('annotation').values({ claim_id: target, author: 'eddie', verdict: 'verified', note_markdown: 'checked', created_at: now }).execute();
    await db.updateTable('claim').set({ verdict: 'verified' }).where('id', '=', target).execute();
    snapshot = await snapshotDb(db);
  });
  beforeEach(async () => {
    ({ db, path: dbPath } = await copyDbToFile(snapshot));
    app = createTestApp(db);
  });
  afterEach(() => db.destroy());

  it('exports a search in every format with the row count in a header', async () => {
    for (const format of ['csl', 'bibtex', 'ris', 'csv', 'markdown', 'html', 'claimreview']) {
      const res = await request(app)
        .get(`/export?format=${format}&speaker=Ahmed`)
        .buffer(true)
        .parse((r, cb) => {
          let s = '';
          r.on('data', (c: Buffer) => (s += c.toString()));
          r.on('end', () => cb(null, s));
        })
        .expect(200);
      expect(res.headers['x-claimtrail-count']).toBe(String(format === 'claimreview' ? 1 : ahmedCount));
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="claimtrail-search-/);
      const body = res.body as string;
      if (format === 'csl') expect(JSON.parse(body)).toHaveLength(ahmedCount);
      if (format === 'csv') expect(body.trim().split('\r\n')).toHaveLength(ahmedCount + 1);
      if (format === 'bibtex') expect(new Cite(body).data).toHaveLength(ahmedCount);
      if (format === 'ris') expect(parseRis(body)).toHaveLength(ahmedCount);
      if (format === 'claimreview') {
        const doc = JSON.parse(body);
        expect(doc.numberOfItems).toBe(1);
        expect(missingClaimReviewFields(doc.itemListElement[0])).toEqual([]);
        expect(doc.itemListElement[0].editor).toEqual({ '@type': 'Person', name: 'eddie' });
      }
    }
    await request(app).get('/export?format=pdf').expect(400);
    await request(app).get('/api/v1/export?format=csv&list=999999').expect(404);
  });

  it('exports a list in list order, and the list page and search page link every format', async () => {
    const csv = await request(app).get(`/export?format=csv&list=${listId}`).expect(200);
    expect(csv.headers['x-claimtrail-count']).toBe('3');
    expect(csv.text.trim().split('\r\n')).toHaveLength(4);
    const md = await request(app).get(`/export?format=markdown&list=${listId}&style=chicago`).expect(200);
    expect(md.text).toContain('3 claims from 1 source (Chicago author-date)');
    const page = await request(app).get(`/lists/${listId}`).expect(200);
    for (const f of ['csl', 'bibtex', 'ris', 'csv', 'claimreview']) expect(page.text).toContain(`/export?list=${listId}&amp;format=${f}"`);
    expect(page.text).toContain(`/export?list=${listId}&amp;format=html&amp;style=chicago"`);
  });

  it('streams a large export without holding it in one string', async () => {
    const src = await db.selectFrom('source').select(['id']).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    const rows = Array.from({ length: 3000 }, (_, i) => ({
      source_id: src.id,
      kind: 'quote' as const,
      exact: `bulkword claim number ${i}`,
      start: 0,
      end: 1,
      prefix: '',
      suffix: '',
      speaker_entity_id: null,
      speaker_text: null,
      speaker_name: null,
      cue: null,
      extractor: 'manual',
      confidence: 1,
      created_by: 'test',
      created_at: now,
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500)
      await db
        .insertInto('claim')
        .values(rows.slice(i, i + 500))
        .execute();
    const res = await request(app).get('/export?format=csv&q=bulkword').expect(200);
    expect(res.headers['x-claimtrail-count']).toBe('3000');
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const lines = res.text.trim().split('\r\n');
    expect(lines).toHaveLength(3001);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).toBe(3000);
  });

  it('exports from the CLI to stdout or a file, with the count on stderr', async () => {
    const cli = join(ROOT, 'bin/claimtrail.js');
    const out = await run(process.execPath, [cli, '--db', dbPath, 'export', '--format', 'csl', '--speaker', 'Muddassar Ahmed'], { cwd: ROOT });
    expect(JSON.parse(out.stdout)).toHaveLength(ahmedCount);
    expect(out.stderr).toContain(`exported ${ahmedCount} claims as csl`);
    const file = join(tempDir(), 'list.ris');
    const toFile = await run(process.execPath, [cli, '--db', dbPath, 'export', '--format', 'ris', '--list', 'Ahmed quotes', '-o', file], { cwd: ROOT });
    expect(toFile.stdout).toBe('');
    expect(toFile.stderr).toContain('exported 3 claims as ris');
    expect(parseRis(readFileSync(file, 'utf8'))).toHaveLength(3);
    await expect(run(process.execPath, [cli, '--db', dbPath, 'export', '--format', 'ris', '--list', 'nope'], { cwd: ROOT })).rejects.toThrow(
      /no citation list named "nope"/,
    );
  }, 120_000); // each CLI run starts node: seconds on a busy shared machine
});
