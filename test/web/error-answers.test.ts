import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Express } from 'express';
import request from 'supertest';
import { openDatabase, type DB } from '../../src/storage/connect.js';
import { closeApp } from '../../src/web/app.js';
import { startArticleServer } from '../helpers/article-server.js';
import { createTestDb, describeSqliteOnly, tempDir } from '../helpers/db.js';
import { slowDocument } from '../reliability/web-slow-document.js';
import { createTestApp, loginAs, type LoggedIn } from '../helpers/web.js';

/** The body and status of a JSON error answer: always {error: {code, message[, details]}}, nothing else. */
function expectError(res: request.Response, status: number, code: string, message: RegExp | string) {
  expect(res.status).toBe(status);
  expect(res.type).toBe('application/json');
  expect(Object.keys(res.body)).toEqual(['error']);
  expect(Object.keys(res.body.error).sort()).toEqual(res.body.error.details === undefined ? ['code', 'message'] : ['code', 'details', 'message']);
  expect(res.body.error.code).toBe(code);
  if (typeof message === 'string') expect(res.body.error.message).toBe(message);
  else expect(res.body.error.message).toMatch(message);
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+|node_modules|\/work\//);
}

describe('real failures answer with their code, status and message', () => {
  let db: DB;
  let app: Express;
  let editor: LoggedIn;
  let researcher: LoggedIn;
  beforeAll(async () => {
    db = await createTestDb();
    app = createTestApp(db);
    editor = await loginAs(app, db, 'erin', 'editor');
    researcher = await loginAs(app, db, 'rita', 'researcher');
  });
  afterAll(async () => {
    await closeApp(app);
    await db.destroy();
  });

  it('404: an unknown claim, as JSON and as a page', async () => {
    expectError(await request(app).get('/api/v1/claims/987654'), 404, 'not_found', 'claim 987654 not found');
    const page = await request(app).get('/claims/987654').expect(404);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain('claim 987654 not found');
    expect(page.text).toContain('<title>Not found');
  });

  it('400: an id that is not digits names the field', async () => {
    const res = await request(app).get('/api/v1/claims/0x10');
    expectError(res, 400, 'invalid_input', /^invalid input: id: must be .*\(got "0x10"\)$/);
    expect(res.body.error.details).toEqual([{ field: 'id', reason: expect.stringMatching(/^must be /) }]);
  });

  it('400: a malformed JSON body', async () => {
    const res = await editor.agent.post('/api/v1/lists').set('x-csrf-token', editor.csrf).type('json').send('{"name": "x",');
    expectError(res, 400, 'bad_request', /^malformed JSON body: /);
  });

  it('400: a body that breaks the schema (zod) lists the fields', async () => {
    const res = await editor.agent.post('/api/v1/lists').set('x-csrf-token', editor.csrf).send({ name: 42 });
    expectError(res, 400, 'invalid_input', /^invalid input: name: /);
    expect(res.body.error.details).toEqual([{ field: 'name', reason: expect.any(String) }]);
  });

  it('401: the audit log without a login', async () => {
    expectError(await request(app).get('/api/v1/audit'), 401, 'unauthorized', 'log in to do this');
  });

  it('403: a role that may not do it', async () => {
    const res = await researcher.agent.post('/api/v1/claims/1/annotations').set('x-csrf-token', researcher.csrf).send({ verdict: 'verified', version: 1 });
    expectError(res, 403, 'forbidden', 'your role (researcher) may not do this; it needs editor');
  });

  it('403: a write without its CSRF token, and with a wrong one', async () => {
    expectError(await editor.agent.post('/api/v1/lists').send({ name: 'No token' }), 403, 'stale_form', /^this form has no CSRF token/);
    expectError(await editor.agent.post('/api/v1/lists').set('x-csrf-token', 'forged').send({ name: 'Forged' }), 403, 'stale_form', /^this form expired/);
    expect(await db.selectFrom('citation_list').select('name').where('name', 'in', ['No token', 'Forged']).execute()).toEqual([]);
  });

  it('409: a list name already taken', async () => {
    await editor.agent.post('/api/v1/lists').set('x-csrf-token', editor.csrf).send({ name: 'Budget' }).expect(201);
    expectError(
      await editor.agent.post('/api/v1/lists').set('x-csrf-token', editor.csrf).send({ name: 'Budget' }),
      409,
      'conflict',
      'a list named "Budget" already exists',
    );
  });

  it('413: a JSON body over the limit', async () => {
    const res = await editor.agent
      .post('/api/v1/lists')
      .set('x-csrf-token', editor.csrf)
      .send({ name: 'Big', description: 'x'.repeat(1024 * 1024 + 10) });
    expectError(res, 413, 'too_large', 'the form is larger than the limit of 1 MB: nothing was saved');
  });

  it('422: a page that cannot be added (a loopback address is refused before any request)', async () => {
    const res = await editor.agent.post('/api/v1/sources').set('x-csrf-token', editor.csrf).send({ url: 'http://127.0.0.1:9/article' });
    expectError(res, 422, 'rejected', /^refused: 127\.0\.0\.1, a loopback address/);
    expect(res.body.error.details).toEqual({ field: 'url', reason: res.body.error.message });
  });
});

describe('422 extract_timeout: a fetched page that takes longer than the budget to extract', () => {
  it('is refused by name with its own code', async () => {
    const BUDGET_MS = 200;
    const { text } = slowDocument(BUDGET_MS * 4);
    const site = await startArticleServer({
      '/slow-article.txt': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      },
    });
    const db = await createTestDb();
    const app = createTestApp(db, { fetchAllowPrivate: true, extractBudgetMs: BUDGET_MS, extractThreads: 1, maxUploadBytes: 64 * 1024 * 1024 });
    try {
      const { agent, csrf } = await loginAs(app, db, 'erin', 'editor');
      const res = await agent
        .post('/api/v1/sources')
        .set('x-csrf-token', csrf)
        .send({ url: `${site.url}/slow-article.txt` });
      expectError(res, 422, 'extract_timeout', /\/slow-article\.txt took longer than 200 ms to extract; it was stopped and not stored$/);
      expect(await db.selectFrom('source').select('id').execute()).toEqual([]);
    } finally {
      await closeApp(app);
      await db.destroy();
      await site.close();
    }
  }, 60_000);
});

describeSqliteOnly('503: the write lock stays taken by another process (a second SQLite connection holds BEGIN IMMEDIATE)', () => {
  it('answers busy with Retry-After, saves nothing, and the next try succeeds', async () => {
    const path = join(tempDir(), 'busy.db');
    const db = await openDatabase(path, { busyWaitMs: 300 });
    const app = createTestApp(db);
    try {
      const { agent, csrf } = await loginAs(app, db, 'erin', 'editor');
      const other = new SQLite(path, { timeout: 0 });
      other.exec('BEGIN IMMEDIATE');
      let res: request.Response;
      try {
        res = await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: 'While busy' });
      } finally {
        other.exec('ROLLBACK');
        other.close();
      }
      expectError(res, 503, 'busy', /^the database is busy with other writes: nothing was saved; try again in a few seconds/);
      expect(res.headers['retry-after']).toBe('5');
      expect(await db.selectFrom('citation_list').select('name').where('name', 'in', ['No token', 'Forged']).execute()).toEqual([]);
      await agent.post('/api/v1/lists').set('x-csrf-token', csrf).send({ name: 'While busy' }).expect(201);
    } finally {
      await closeApp(app);
      await db.destroy();
    }
  });
});
