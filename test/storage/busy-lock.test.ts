import SQLite from 'better-sqlite3';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { DatabaseBusyError, isBusyError, retryOnBusy } from '../../src/storage/busy-retry.js';
import type { DB } from '../../src/storage/connect.js';
import { CORPUS_DIR, createTempFileDb, describeSqliteOnly } from '../helpers/db.js';

const entity = (name: string) => ({ kind: 'person' as const, name, created_at: '2024-01-01T00:00:00Z' });

/** A second connection (as another process would have) that takes the write lock now and commits after `ms`. */
function holdWriteLock(path: string, ms: number): { other: SQLite.Database; released: Promise<void> } {
  const other = new SQLite(path, { timeout: 0 });
  other.exec('BEGIN IMMEDIATE');
  other.prepare("INSERT INTO entity (kind, name, created_at) VALUES ('person', 'Other Writer', '2024-01-01')").run();
  const released = new Promise<void>((resolve) =>
    setTimeout(() => {
      other.exec('COMMIT');
      resolve();
    }, ms),
  );
  return { other, released };
}

describeSqliteOnly('two connections to one file: writes wait for the write lock instead of failing (SQLite BEGIN IMMEDIATE)', () => {
  let db: DB;
  let path: string;
  beforeEach(async () => {
    ({ db, path } = await createTempFileDb());
  });
  afterEach(() => db.destroy());

  it('a read-then-write transaction waits for the other writer and reads what it committed', async () => {
    const { other, released } = holdWriteLock(path, 400);
    const t0 = Date.now();
    const seen = await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('entity').select('name').execute();
      await trx.insertInto('entity').values(entity('After Read')).execute();
      return before.map((r) => r.name);
    });
    await released;
    other.close();
    // the transaction began only once the lock was free, so its read saw the other writer's row (a plain
    // BEGIN would have read first, then failed with SQLITE_BUSY on the write)
    expect(seen).toEqual(['Other Writer']);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(350);
    expect((await db.selectFrom('entity').select('name').orderBy('id').execute()).map((r) => r.name)).toEqual(['Other Writer', 'After Read']);
  });

  it('waiting does not block the event loop (a timer fires while the transaction waits)', async () => {
    const { other, released } = holdWriteLock(path, 400);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    await db.transaction().execute((trx) => trx.insertInto('entity').values(entity('Waited')).execute());
    clearInterval(timer);
    await released;
    other.close();
    expect(ticks).toBeGreaterThanOrEqual(5);
  });

  it('a bulk ingest while another process holds the lock stores every file and rejects none', async () => {
    const { other, released } = holdWriteLock(path, 600);
    const summary = await ingestPaths(db, [CORPUS_DIR]);
    await released;
    other.close();
    expect(summary.rejected).toEqual([]);
    expect(summary.added.length).toBe(5);
    expect(
      Number(
        (
          await db
            .selectFrom('source')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBe(5);
  });

  it('a bulk ingest whose lock is taken between its groups writes every group', async () => {
    // groups of one: the other connection takes the lock again and again between them
    const other = new SQLite(path, { timeout: 0 });
    let holds = 0;
    const grab = setInterval(() => {
      if (other.inTransaction) return other.exec('COMMIT');
      try {
        other.exec('BEGIN IMMEDIATE');
        holds++;
      } catch {
        // the writer has it: try again on the next tick
      }
    }, 7);
    const { BatchWriter } = await import('../../src/storage/batch-writer.js');
    const writer = new BatchWriter(db, { maxItems: 1 });
    const ok: string[] = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10)); // reading and parsing the next file, outside the lock
      await writer.add(
        (trx) =>
          trx
            .insertInto('entity')
            .values(entity(`Unit ${i}`))
            .execute(),
        (o) => o.ok && ok.push(`Unit ${i}`),
      );
    }
    await writer.flush();
    clearInterval(grab);
    if (other.inTransaction) other.exec('COMMIT');
    other.close();
    expect(holds).toBeGreaterThan(0);
    expect(ok.length).toBe(20);
    expect(await db.selectFrom('entity').select('name').where('name', 'like', 'Unit %').execute()).toHaveLength(20);
  });
});

describe('retryOnBusy', () => {
  describeSqliteOnly('a SQLite write lock that stays taken', () => {
    it('gives up with a clear error once its time budget is spent', async () => {
      const { db, path } = await createTempFileDb();
      const holder = new SQLite(path, { timeout: 0 });
      holder.exec('BEGIN IMMEDIATE');
      const waiter = new SQLite(path, { timeout: 0 });
      let retries = 0;
      const t0 = Date.now();
      await expect(retryOnBusy(() => waiter.exec('BEGIN IMMEDIATE'), { budgetMs: 300, onRetry: () => retries++ })).rejects.toThrow(DatabaseBusyError);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(300);
      expect(retries).toBeGreaterThan(2);
      holder.exec('ROLLBACK');
      holder.close();
      waiter.close();
      await db.destroy();
    });
  });

  it('throws any other error at once, without retrying', async () => {
    let calls = 0;
    await expect(
      retryOnBusy(() => {
        calls++;
        throw Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' });
      }),
    ).rejects.toThrow('UNIQUE constraint failed');
    expect(calls).toBe(1);
    expect(isBusyError(Object.assign(new Error('x'), { code: 'SQLITE_BUSY_SNAPSHOT' }))).toBe(true);
  });
});
