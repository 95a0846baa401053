import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { runLoad } from '../../bench/load-run.js';
import { tempDir } from '../helpers/db.js';

const BBC = new URL('../../../shared/data/bbc-news-greene2006/bbc/', import.meta.url).pathname;

/** A few hundred BBC files (links to them, in a temp folder; nothing is copied). */
function bbcSample(perCategory: number): string {
  const dir = join(tempDir(), 'bbc-sample');
  mkdirSync(dir);
  for (const category of readdirSync(BBC, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(join(BBC, category.name))
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .slice(0, perCategory)) {
      symlinkSync(join(BBC, category.name, name), join(dir, `${category.name}-${name}`));
    }
  }
  return dir;
}

describe('bench:load in small: editors at work while the CLI ingests', () => {
  it('no server errors and no rejected files', async () => {
    const r = await runLoad({ clients: 6, seconds: 10, ingestDir: bbcSample(60) });
    expect(r.requests).toBeGreaterThan(20);
    expect(r.verdictSaves).toBeGreaterThan(0);
    expect(r.errorsByStatus).toEqual({});
    expect(r.serverErrors).toBe(0);
    expect(r.ingest).toMatchObject({ exitCode: 0, rejected: 0 });
    expect(r.ingest.added + r.ingest.unchanged).toBe(300); // the BBC set repeats some articles
  }, 900_000);
});
