// Over ../shared (not shipped): two `claimtrail ingest` processes of the whole BBC set into one database at once
// (issue 11). On a SQLite file in the shared suite; on PostgreSQL when CLAIMTRAIL_TEST_PG_URL is set (.ci/run runs
// this file again on its throwaway cluster). Either way: each of the 2,127 distinct articles stored once.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { DB } from '../../src/storage/connect.js';
import { createTempFileDb, TEST_ENGINE } from '../helpers/db.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/claimtrail.js');
const BBC = new URL('../../../shared/data/bbc-news-greene2006/bbc/', import.meta.url).pathname;
const execFileP = promisify(execFile);

type Summary = { added: { claims: number }[]; unchanged: unknown[]; rejected: unknown[] };

const ingest = async (db: string, dirs = [BBC]): Promise<Summary> =>
  JSON.parse((await execFileP(process.execPath, [BIN, '--db', db, 'ingest', '--json', ...dirs], { cwd: ROOT, env: process.env, maxBuffer: 64 << 20 })).stdout);

async function countSources(db: DB): Promise<{ sources: number; distinct: number }> {
  const r = await db
    .selectFrom('source')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('content_sha256').distinct().as('distinct')])
    .executeTakeFirstOrThrow();
  return { sources: Number(r.n), distinct: Number(r.distinct) };
}

describe(`two ingest processes of the BBC set at once (${TEST_ENGINE})`, () => {
  it('store its 2,127 distinct articles exactly once, with every claim indexed for search', async () => {
    const { db, path } = await createTempFileDb();
    try {
      const runs = await Promise.all([ingest(path), ingest(path)]);
      expect(await countSources(db)).toEqual({ sources: 2127, distinct: 2127 });
      // between them the two added each article once and found the rest already there; nothing was refused
      expect(runs.flatMap((r) => r.rejected)).toEqual([]);
      expect(runs.reduce((n, r) => n + r.added.length, 0)).toBe(2127);
      expect(runs.reduce((n, r) => n + r.unchanged.length, 0)).toBe(2 * 2225 - 2127);
      const claims = Number(
        (
          await db
            .selectFrom('claim')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(claims).toBe(runs.reduce((n, r) => n + r.added.reduce((m, a) => m + a.claims, 0), 0));
      const indexed = Number(
        (
          await db
            .selectFrom('claim_fts' as never)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(indexed).toBe(claims);
    } finally {
      await db.destroy();
    }
  }, 900_000);

  it('store each article of different shares of the set once, whichever writes first (a bulk share beside small ones)', async () => {
    const { db, path } = await createTempFileDb();
    try {
      // business alone is over the bulk-ingest size (500 files); the others write beside it at once
      const shares = [['business'], ['entertainment'], ['politics'], ['sport', 'tech']].map((dirs) => dirs.map((d) => join(BBC, d)));
      const runs = await Promise.all(shares.map((dirs) => ingest(path, dirs)));
      expect(runs.flatMap((r) => r.rejected)).toEqual([]);
      expect(await countSources(db)).toEqual({ sources: 2127, distinct: 2127 });
      expect(runs.reduce((n, r) => n + r.added.length, 0)).toBe(2127);
    } finally {
      await db.destroy();
    }
  }, 900_000);
});
