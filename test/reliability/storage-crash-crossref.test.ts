import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/db.js';
import { runCli, startCli, waitFor } from './cli-run.js';
import { progressOf, snapshotStore } from './storage-snapshot.js';

const FIRST = ['Amara', 'Brendan', 'Chiara', 'Dmitri', 'Eleanor', 'Farid', 'Greta', 'Hamish', 'Ingrid', 'Jonas', 'Kavita', 'Lorcan'];
const LAST = ['Okafor', 'Lindqvist', 'Moretti', 'Novak', 'Pemberton', 'Qureshi', 'Rasmussen', 'Sorensen', 'Thackeray', 'Umarov'];
const PLACES = ['Leeds', 'Bristol', 'Cardiff', 'Dundee', 'Exeter', 'Falkirk', 'Glasgow', 'Hull'];
const OUTLETS = ['Northern Echo Test', 'Western Daily Test', 'Capital Wire Test'];

/**
 * Generated articles in which three outlets report each story: the same quote (sometimes worded a little
 * differently), the same or a different figure, and people named in full or by title, so cross-referencing finds
 * corroborations, contradictions, variants and entity merges. Written by the test; no shared data.
 */
function writeArticles(dir: string, stories: number): number {
  let n = 0;
  for (let s = 0; s < stories; s++) {
    const first = FIRST[s % FIRST.length];
    const surname = LAST[(s * 7) % LAST.length];
    const place = PLACES[s % PLACES.length];
    const homes = 100 + ((s * 37) % 900);
    for (const [o, outlet] of OUTLETS.entries()) {
      // one outlet in five misspells the surname by one letter (Pemberton / Pembertan): an entity merge to suggest
      const person = `${first} ${o === 2 && s % 5 === 0 ? `${surname.slice(0, -2)}a${surname.slice(-1)}` : surname}`;
      const figure = o === 2 && s % 4 === 0 ? homes + 50 : homes;
      const quote =
        o === 1 && s % 3 === 0
          ? `We will build ${figure} new homes in ${place} before the winter`
          : `We will build ${figure} new homes in ${place} before winter`;
      const body = [
        `${person}, the housing minister, visited ${place} on Monday.`,
        `"${quote}," ${o === 0 ? person : `Mr ${person.split(' ')[1]}`} said.`,
        `The council said the plan would cost £${(figure * 3).toLocaleString('en-GB')},000 and create ${(figure % 70) + 30} jobs.`,
        `Local residents told the ${outlet} that rents had risen by ${(s % 9) + 2}.5 percent in a year.`,
      ].join('\n\n');
      const file = join(dir, `story-${String(s).padStart(4, '0')}-${o}.md`);
      writeFileSync(
        file,
        `---\ntitle: Housing plan for ${place} number ${s}\noutlet: ${outlet}\nurl: https://example.org/${o}/${s}\npublished: 2024-03-${String((s % 27) + 1).padStart(2, '0')}\n---\n\n${body}\n`,
      );
      n++;
    }
  }
  return n;
}

describe('kill -9 during an ingest, then a re-run: the same store as a clean ingest', () => {
  it('sources stored before the crash are cross-referenced by the re-run (claim and entity links complete)', async () => {
    const dir = join(tempDir(), 'articles');
    mkdirSync(dir);
    const files = writeArticles(dir, 100);

    const cleanDb = join(tempDir(), 'clean.db');
    const clean = await runCli(cleanDb, ['ingest', dir]);
    expect(clean.code).toBe(0);
    const expected = snapshotStore(cleanDb);
    expect(expected.counts.sources).toBe(files);
    expect(expected.counts.claimLinks).toBeGreaterThan(50);
    expect(expected.counts.entityLinks).toBeGreaterThan(0);

    const crashDb = join(tempDir(), 'crash.db');
    const run = startCli(crashDb, ['ingest', dir]);
    // kill once some groups are committed and before the cross-referencing transaction has
    let killedInTime: boolean;
    try {
      killedInTime = await waitFor(run.child, () => progressOf(crashDb).sources >= 50, 120_000);
    } finally {
      run.child.kill('SIGKILL');
    }
    const killed = await run.done;
    expect(killedInTime).toBe(true);
    expect(killed.signal).toBe('SIGKILL');
    const atCrash = progressOf(crashDb);
    expect(atCrash.sources).toBeGreaterThanOrEqual(50);
    expect(atCrash.crossrefDone).toBe(0);

    const rerun = await runCli(crashDb, ['ingest', dir]);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`unchanged ${atCrash.sources}`);
    expect(progressOf(crashDb)).toEqual({ sources: files, crossrefDone: files });
    expect(snapshotStore(crashDb)).toEqual(expected);
  }, 600_000);
});
