import { join } from 'node:path';
import { tempDir } from '../helpers/db.js';
import { runCli, startCli, waitFor } from './cli-run.js';
import { progressOf, snapshotStore } from './storage-snapshot.js';

const BBC = new URL('../../../shared/data/bbc-news-greene2006/bbc/', import.meta.url).pathname;

describe('kill -9 during an ingest of the BBC set, then a re-run', () => {
  it('ends with the same sources, claims, claim links and entity links as a clean ingest', async () => {
    const cleanDb = join(tempDir(), 'clean.db');
    expect((await runCli(cleanDb, ['ingest', BBC])).code).toBe(0);
    const expected = snapshotStore(cleanDb);
    expect(expected.counts.sources).toBe(2127);
    expect(expected.counts.claimLinks).toBeGreaterThan(0);
    expect(expected.counts.entityLinks).toBeGreaterThan(0);

    const crashDb = join(tempDir(), 'crash.db');
    const run = startCli(crashDb, ['ingest', BBC]);
    let killedInTime: boolean;
    try {
      killedInTime = await waitFor(run.child, () => progressOf(crashDb).sources >= 500, 600_000);
    } finally {
      run.child.kill('SIGKILL');
    }
    expect((await run.done).signal).toBe('SIGKILL');
    expect(killedInTime).toBe(true);
    const atCrash = progressOf(crashDb);
    expect(atCrash.crossrefDone).toBe(0);

    const rerun = await runCli(crashDb, ['ingest', BBC]);
    expect(rerun.code).toBe(0);
    expect(progressOf(crashDb)).toEqual({ sources: 2127, crossrefDone: 2127 });
    expect(snapshotStore(crashDb)).toEqual(expected);
  }, 1_800_000);
});
