import { authenticate, findSessionUser } from '../../src/storage/user.repository.js';
import { openDatabase } from '../../src/storage/connect.js';
import { corpusDb, corpusFileDb, copyDb, copyDbToFile, freshDb, snapshotDb } from './db.js';
import { insertClaim, insertEntity, insertLink, insertSignedInUser, insertSource, TEST_PASSWORD } from './factories.js';
import { createTestApp, csrfFrom, loginAs } from './web.js';

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
    const count = async (db: typeof a) =>
      Number(
        (
          await db
            .selectFrom('claim')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n = await count(a);
    expect(n).toBeGreaterThan(50);
    expect(await a.selectFrom('source').select('id').execute()).toHaveLength(5);
    await a.deleteFrom('claim').execute();
    expect(await count(a)).toBe(0);
    expect(await count(b)).toBe(n);
    await Promise.all([a.destroy(), b.destroy()]);
  });

  test('snapshotDb() copies a database as it is at that moment and closes it; copyDb() copies are independent', async () => {
    const db = await freshDb();
    await db.insertInto('app_user').values({ name: 'before', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    const snap = await snapshotDb(db);
    await expect(db.selectFrom('app_user').select('name').execute()).rejects.toThrow();
    const [a, b] = await Promise.all([copyDb(snap), copyDb(snap)]);
    await a.insertInto('app_user').values({ name: 'after', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    expect((await a.selectFrom('app_user').select('name').orderBy('name').execute()).map((u) => u.name)).toEqual(['after', 'before']);
    expect((await b.selectFrom('app_user').select('name').execute()).map((u) => u.name)).toEqual(['before']);
    await Promise.all([a.destroy(), b.destroy()]);
  });

  test('copyDbToFile() opens a snapshot at a path another connection can open too', async () => {
    const db = await freshDb();
    await db.insertInto('app_user').values({ name: 'shared', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
    const { db: copy, path } = await copyDbToFile(await snapshotDb(db));
    const other = await openDatabase(path);
    try {
      await other.insertInto('app_user').values({ name: 'second', role: 'editor', password_hash: 'x', created_at: '2025-01-01T00:00:00Z' }).execute();
      expect((await copy.selectFrom('app_user').select('name').orderBy('name').execute()).map((u) => u.name)).toEqual(['second', 'shared']);
    } finally {
      await other.destroy();
      await copy.destroy();
    }
  });

  test('corpusFileDb() is a file of its own with the corpus in it', async () => {
    const a = await corpusFileDb();
    const b = await corpusFileDb();
    expect(a.path).not.toBe(b.path);
    expect(await a.db.selectFrom('source').select('id').execute()).toHaveLength(5);
    await Promise.all([a.db.destroy(), b.db.destroy()]);
  });
});

test('destroy() closes a copy: queries after it fail (a test can break a database on purpose)', async () => {
  const db = await freshDb();
  await db.destroy();
  await expect(db.selectFrom('source').select('id').execute()).rejects.toThrow();
});

describe('row factories', () => {
  test('a source, entity, two claims that keep the provenance rule, a link and a user', async () => {
    const db = await freshDb();
    const src = await insertSource(db, 'Ann Smith said: "Taxes will fall."\n\nShe promised 500 new homes.');
    const speaker = await insertEntity(db, 'Ann Smith');
    const quote = await insertClaim(db, src, '"Taxes will fall."', { speaker_entity_id: speaker, speaker_name: 'Ann Smith' });
    const figure = await insertClaim(db, src, '500 new homes', { kind: 'figure', value: 500, unit: 'homes' });
    await insertLink(db, quote, figure);
    for (const c of await db.selectFrom('claim').select(['exact', 'start', 'end']).execute()) expect(src.text.slice(c.start, c.end)).toBe(c.exact);
    await expect(insertClaim(db, src, 'not in the text')).rejects.toThrow(/not in source/);
    const { userId, sessionId } = await insertSignedInUser(db, 'ed', 'editor');
    expect(await authenticate(db, 'ed', TEST_PASSWORD)).toEqual(expect.objectContaining({ id: userId, role: 'editor' }));
    expect(await findSessionUser(db, sessionId)).toEqual(expect.objectContaining({ name: 'ed' }));
    await db.destroy();
  });

  test('loginAs() hands back an agent the app treats as that user', async () => {
    const db = await freshDb();
    const app = createTestApp(db);
    const { agent, csrf } = await loginAs(app, db, 'rita', 'researcher');
    const home = await agent.get('/').expect(200);
    expect(csrfFrom(home.text)).toBe(csrf);
    expect(home.text).toContain('rita');
    await db.destroy();
  });
});
