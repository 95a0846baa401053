import { jest } from '@jest/globals';
import request from 'supertest';
import { sql } from 'kysely';
import type { DB } from '../../src/storage/connect.js';
import { searchClaims, SearchSyntaxError } from '../../src/storage/search.repository.js';
import { createTestDb, describeSqliteOnly } from '../helpers/db.js';
import { createTestApp } from '../helpers/web.js';

// The query is rebuilt from quoted words, so the real index never refuses it: an index without positions
// (detail=none), which FTS5 refuses phrase queries on, stands in for words FTS5 cannot understand.
async function dbWithoutPositions(): Promise<DB> {
  const db = await createTestDb();
  await sql`DROP TABLE claim_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE claim_fts USING fts5(exact, speaker, outlet, title, detail = none)`.execute(db);
  return db;
}

describeSqliteOnly('words FTS5 refuses (an FTS5 table without positions stands in for them)', () => {
  let db: DB;
  beforeAll(async () => {
    db = await dbWithoutPositions();
  });
  afterAll(() => db.destroy());

  it('are a SearchSyntaxError from storage, carrying SQLite’s message', async () => {
    const e = await searchClaims(db, { q: '"prime minister"' }, { limit: 20, offset: 0 }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(SearchSyntaxError);
    expect((e as Error).message).toMatch(/fts5/i);
  });

  it('answer 400 from the API and the search page, naming the problem', async () => {
    const app = createTestApp(db);
    const api = await request(app).get('/api/v1/claims').query({ q: '"prime minister"' }).expect(400);
    expect(JSON.stringify(api.body)).toContain('the search words could not be understood');
    const page = await request(app).get('/search').query({ q: '"prime minister"' }).expect(400);
    expect(page.text).toContain('the search words could not be understood');
    await request(app).get('/api/v1/claims').query({ q: 'minister' }).expect(200);
  });
});

describe('a search that fails', () => {
  it('other database errors stay what they are (a server error, not the input’s fault)', async () => {
    const broken = await createTestDb();
    await sql`DROP TABLE claim_fts`.execute(broken);
    const e = await searchClaims(broken, { q: 'minister' }, { limit: 20, offset: 0 }).catch((err: unknown) => err);
    expect((e as Error).message).toMatch(/no such table: claim_fts|relation "claim_fts" does not exist/);
    expect(e).not.toBeInstanceOf(SearchSyntaxError);
    // the app logs a 500's error: keep the test's output clean
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      await request(createTestApp(broken)).get('/api/v1/claims').query({ q: 'minister' }).expect(500);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
    await broken.destroy();
  });
});
