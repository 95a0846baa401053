import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { createTestDb, tempDir } from '../helpers/db.js';

const run = promisify(execFile);
const ARTICLE = [
  'Oil deal talks resume',
  '',
  'The firms said the deal could be worth $20 to $30 billion over five to six years.',
  '',
  'Shares rose 4% on the news.',
].join('\n');

describe('figure ranges in storage and on the command line', () => {
  let db: DB;
  let dir: string;
  beforeEach(async () => {
    db = await createTestDb();
    dir = tempDir();
    writeFileSync(join(dir, 'deal.txt'), ARTICLE);
    await ingestPaths(db, [dir]);
  });
  afterEach(() => db.destroy());

  it('stores the upper bound of a range in claim.value_max and null for a single value', async () => {
    const rows = await db.selectFrom('claim').select(['exact', 'value', 'value_max', 'unit']).where('kind', '=', 'figure').orderBy('start').execute();
    expect(rows).toEqual([
      { exact: '$20 to $30 billion', value: 20e9, value_max: 30e9, unit: 'USD' },
      { exact: 'five to six years', value: 5, value_max: 6, unit: 'years' },
      { exact: '4%', value: 4, value_max: null, unit: 'percent' },
    ]);
  });

  it('prints value_max in `claimtrail extract --format jsonl`', async () => {
    const { stdout } = await run(process.execPath, ['bin/claimtrail.js', 'extract', '--format', 'jsonl', join(dir, 'deal.txt')], { cwd: process.cwd() });
    const figures = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((c) => c.kind === 'figure');
    expect(figures.map((f) => [f.text, f.value, f.value_max])).toEqual([
      ['$20 to $30 billion', 20e9, 30e9],
      ['five to six years', 5, 6],
      ['4%', 4, null],
    ]);
  });
});
