import { BatchWriter } from '../../src/storage/batch-writer.js';
import type { DB } from '../../src/storage/connect.js';
import { createTempFileDb } from '../helpers/db.js';

const row = (name: string) => ({ kind: 'person' as const, name, created_at: '2024-01-01T00:00:00Z' });

describe('BatchWriter: a savepoint per unit, commits in groups', () => {
  let db: DB;
  beforeEach(async () => {
    db = (await createTempFileDb()).db;
  });
  afterEach(() => db.destroy());

  it('rolls back only the unit that failed, keeping the units before and after it', async () => {
    const writer = new BatchWriter(db, 100, 60_000);
    await writer.run((trx) => trx.insertInto('entity').values(row('First')).execute());
    await expect(
      writer.run(async (trx) => {
        await trx.insertInto('entity').values(row('Half-written')).execute();
        throw new Error('extraction failed half way');
      }),
    ).rejects.toThrow('extraction failed half way');
    await writer.run((trx) => trx.insertInto('entity').values(row('Third')).execute());
    await writer.commit();
    const names = (await db.selectFrom('entity').select('name').orderBy('id').execute()).map((r) => r.name);
    expect(names).toEqual(['First', 'Third']);
  });

  it('commits when the group is full, so a later rollback keeps what was committed', async () => {
    const writer = new BatchWriter(db, 2, 60_000);
    for (const name of ['A', 'B', 'C']) await writer.run((trx) => trx.insertInto('entity').values(row(name)).execute());
    await writer.rollback(); // C was pending; A and B were committed as a group of two
    const names = (await db.selectFrom('entity').select('name').orderBy('id').execute()).map((r) => r.name);
    expect(names).toEqual(['A', 'B']);
  });
});
