import { BatchWriter, type UnitOutcome } from '../../src/storage/batch-writer.js';
import type { DB } from '../../src/storage/connect.js';
import { createTempFileDb } from '../helpers/db.js';

const row = (name: string) => ({ kind: 'person' as const, name, created_at: '2024-01-01T00:00:00Z' });
const names = async (db: DB) => (await db.selectFrom('entity').select('name').orderBy('id').execute()).map((r) => r.name);

describe('BatchWriter: a savepoint per unit, commits in groups', () => {
  let db: DB;
  beforeEach(async () => {
    db = (await createTempFileDb()).db;
  });
  afterEach(() => db.destroy());

  it('rolls back only the unit that failed, keeping the units before and after it', async () => {
    let rollbacks = 0;
    const writer = new BatchWriter(db, { maxItems: 100, maxMs: 60_000, onRollback: () => rollbacks++ });
    const outcomes: UnitOutcome<unknown>[] = [];
    await writer.add(
      (trx) => trx.insertInto('entity').values(row('First')).execute(),
      (o) => outcomes.push(o),
    );
    await writer.add(
      async (trx) => {
        await trx.insertInto('entity').values(row('Half-written')).execute();
        throw new Error('extraction failed half way');
      },
      (o) => outcomes.push(o),
    );
    await writer.add(
      (trx) => trx.insertInto('entity').values(row('Third')).execute(),
      (o) => outcomes.push(o),
    );
    expect(outcomes).toEqual([]); // nothing is reported before its group is committed
    await writer.flush();
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect((outcomes[1] as { error: Error }).error.message).toBe('extraction failed half way');
    expect(rollbacks).toBe(1);
    expect(await names(db)).toEqual(['First', 'Third']);
  });

  it('writes a group as soon as it is full; what is still queued is not written', async () => {
    const writer = new BatchWriter(db, { maxItems: 2, maxMs: 60_000 });
    for (const name of ['A', 'B', 'C'])
      await writer.add(
        (trx) => trx.insertInto('entity').values(row(name)).execute(),
        () => {},
      );
    expect(await names(db)).toEqual(['A', 'B']);
    writer.discard();
    await writer.flush();
    expect(await names(db)).toEqual(['A', 'B']);
  });

  it('holds no transaction between groups, so another statement on the connection can write', async () => {
    const writer = new BatchWriter(db, { maxItems: 100, maxMs: 60_000 });
    await writer.add(
      (trx) => trx.insertInto('entity').values(row('Queued')).execute(),
      () => {},
    );
    await db.insertInto('entity').values(row('Meanwhile')).execute();
    await writer.flush();
    expect(await names(db)).toEqual(['Meanwhile', 'Queued']);
  });
});
