import SQLite from 'better-sqlite3';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTempFileDb } from '../helpers/db.js';
import { createTestApp, loginAs } from '../helpers/web.js';

describe('the web app while another process holds the write lock', () => {
  let db: DB;
  let path: string;
  beforeEach(async () => {
    ({ db, path } = await createTempFileDb());
    await ingestPaths(db, [CORPUS_DIR]);
  });
  afterEach(() => db.destroy());

  it('a verdict save waits for the lock and succeeds (no 500 "database is locked"); reads answer meanwhile', async () => {
    const app = createTestApp(db);
    const { agent, csrf } = await loginAs(app, db, 'ed', 'editor');
    const claim = await db.selectFrom('claim').select(['id', 'version']).orderBy('id').executeTakeFirstOrThrow();

    // another process (an ingest) takes the write lock and keeps it for 600 ms
    const other = new SQLite(path, { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');
    other.prepare("INSERT INTO entity (kind, name, created_at) VALUES ('person', 'Batch Writer', '2024-01-01')").run();
    setTimeout(() => other.exec('COMMIT'), 600);

    const save = agent
      .post(`/api/v1/claims/${claim.id}/annotations`)
      .set('x-csrf-token', csrf)
      .send({ verdict: 'disputed', note: 'checked', version: claim.version });
    const read = agent.get('/api/v1/sources');
    const [saved, listed] = await Promise.all([save, read]);
    other.close();
    expect(saved.status).toBe(201);
    expect(listed.status).toBe(200);
    const after = await db.selectFrom('claim').select('verdict').where('id', '=', claim.id).executeTakeFirstOrThrow();
    expect(after.verdict).toBe('disputed');
    expect(await db.selectFrom('audit_event').select('actor').where('action', '=', 'claim.annotate').execute()).toEqual([{ actor: 'ed' }]);
  });
});
