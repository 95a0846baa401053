import { corpusDb, copyDb, freshDb, snapshotDb, corpusFileDb } from './db.js';

// The helpers every other test builds on: each call is a database of its own.
describe('test databases', () => {
  test('freshDb() is migrated and empty, and writes to one copy stay in it', async () => {
    const a = await freshDb();
    const b = await freshDb();
    expect(await a.selectFrom('source').select('id').execute()).toEqual([]);
    await a.insertInto('app_user').values({ name: 'only-in-a', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    expect(await b.selectFrom('app_user').select('name').execute()).toEqual([]);
    await Promise.all([a.destroy(), b.destroy()]);
  });

  test('corpusDb() has the corpus ingested and is independent of other copies', async () => {
    const a = await corpusDb();
    const b = await corpusDb();
    const count = async (db: typeof a) => Number((await db.selectFrom('claim').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const n = await count(a);
    expect(n).toBeGreaterThan(50);
    expect(await a.selectFrom('source').select('id').execute()).toHaveLength(5);
    await a.deleteFrom('claim').execute();
    expect(await count(a)).toBe(0);
    expect(await count(b)).toBe(n);
    await Promise.all([a.destroy(), b.destroy()]);
  });

  test('snapshotDb()/copyDb() copy a database as it is at that moment', async () => {
    const db = await freshDb();
    await db.insertInto('app_user').values({ name: 'before', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    const snap = snapshotDb(db);
    await db.insertInto('app_user').values({ name: 'after', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    const copy = copyDb(snap);
    expect((await copy.selectFrom('app_user').select('name').execute()).map((u) => u.name)).toEqual(['before']);
    await Promise.all([db.destroy(), copy.destroy()]);
  });

  test('corpusFileDb() is a file of its own with the corpus in it', async () => {
    const a = await corpusFileDb();
    const b = await corpusFileDb();
    expect(a.path).not.toBe(b.path);
    expect(await a.db.selectFrom('source').select('id').execute()).toHaveLength(5);
    await Promise.all([a.db.destroy(), b.db.destroy()]);
  });
});
