import type { DB } from '../../src/storage/connect.js';
import { hotPathFor } from '../../src/storage/connect.js';
import { inTransaction } from '../../src/storage/transaction.js';
import { upsertEntities, upsertEntity, type EntityCache } from '../../src/storage/entity.repository.js';
import { createTestDb } from '../helpers/db.js';

const NOW = '2026-01-01T00:00:00.000Z';

describe('the one entity upsert', () => {
  let db: DB;
  beforeEach(async () => {
    db = await createTestDb();
  });
  afterEach(() => db.destroy());

  const aliases = (entityId: number) => db.selectFrom('entity_alias').select('alias_norm').where('entity_id', '=', entityId).orderBy('alias_norm').execute();

  it('finds an entity by any alias of its kind, else creates one, and adds the aliases given', async () => {
    const a = await upsertEntity(db, { kind: 'person', name: 'Keir Starmer', aliases: ['Keir Rodney Starmer'] }, NOW);
    expect(a).toMatchObject({ name: 'Keir Starmer', created: true });
    const b = await upsertEntity(db, { kind: 'person', name: 'keir  starmer', aliases: ['Starmer'] }, NOW);
    expect(b).toEqual({ id: a.id, name: 'Keir Starmer', created: false });
    expect((await aliases(a.id)).map((r) => r.alias_norm)).toEqual(['keir rodney starmer', 'keir starmer', 'starmer']);
    // another kind with the same name is another entity
    const org = await upsertEntity(db, { kind: 'organisation', name: 'Keir Starmer', aliases: [] }, NOW);
    expect(org.created).toBe(true);
    expect(org.id).not.toBe(a.id);
  });

  it('answers the batch path and the single path alike (the ingest path and an editor’s)', async () => {
    const cache: EntityCache = new Map();
    const ids = await inTransaction(db, (trx) =>
      upsertEntities(
        hotPathFor(db, trx),
        [
          { kind: 'person', name: 'Ann Lee', aliases: ['Ms Lee'] },
          { kind: 'place', name: 'Leeds', aliases: [] },
          { kind: 'person', name: '—', aliases: [] },
        ],
        NOW,
        cache,
      ),
    );
    expect([...ids.keys()]).toEqual(['Ann Lee', 'Leeds']);
    expect((await upsertEntity(db, { kind: 'person', name: 'Ms Lee', aliases: [] }, NOW)).id).toBe(ids.get('Ann Lee'));
    expect((await upsertEntity(db, { kind: 'place', name: 'LEEDS', aliases: [] }, NOW)).id).toBe(ids.get('Leeds'));
    expect(cache.get('person:ann lee')).toBe(ids.get('Ann Lee'));
    await expect(upsertEntity(db, { kind: 'person', name: '—', aliases: [] }, NOW)).rejects.toThrow(/letters or digits/);
  });

  it('with liveOnly, passes over an entity merged away', async () => {
    const old = await upsertEntity(db, { kind: 'person', name: 'Bo Diaz', aliases: [] }, NOW);
    const target = await upsertEntity(db, { kind: 'person', name: 'Bob Diaz', aliases: [] }, NOW);
    await db.updateTable('entity').set({ merged_into: target.id }).where('id', '=', old.id).execute();
    expect((await upsertEntity(db, { kind: 'person', name: 'Bo Diaz', aliases: [] }, NOW)).id).toBe(old.id);
    const live = await upsertEntity(db, { kind: 'person', name: 'Bo Diaz', aliases: [] }, NOW, { liveOnly: true });
    expect(live.created).toBe(true);
    expect([old.id, target.id]).not.toContain(live.id);
  });

  it('with fresh, always creates, and adds no alias (a split moves its own)', async () => {
    const a = await upsertEntity(db, { kind: 'person', name: 'Cy Young', aliases: [] }, NOW);
    const b = await upsertEntity(db, { kind: 'person', name: 'Cy Young', aliases: ['C. Young'] }, NOW, { fresh: true });
    expect(b.created).toBe(true);
    expect(b.id).not.toBe(a.id);
    expect(await aliases(b.id)).toEqual([]);
  });
});
