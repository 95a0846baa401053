import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listAuditEvents } from '../../src/storage/audit.repository.js';
import { openDatabase } from '../../src/storage/connect.js';
import { listReferenceDatasets } from '../../src/storage/reference.repository.js';
import { corpusFileDb, tempDir } from '../helpers/db.js';
import { CONSTITUENCIES_CSV, CONSTITUENCIES_MAP } from './helpers.js';

const run = promisify(execFile);
const ROOT = new URL('../../', import.meta.url).pathname;

// Each CLI call starts tsx (seconds on a busy machine): the first test walks the whole import path.
describe('claimtrail reference (the real CLI)', () => {
  let dbPath: string;
  let figures: number; // the corpus's figure claims, as the current rules find them
  const cli = (...args: string[]) => run(process.execPath, ['bin/claimtrail.js', '--db', dbPath, 'reference', ...args], { cwd: ROOT });

  beforeEach(async () => {
    const { db, path } = await corpusFileDb();
    figures = Number(
      (
        await db
          .selectFrom('claim')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'figure')
          .executeTakeFirstOrThrow()
      ).n,
    );
    await db.destroy();
    dbPath = path;
  });

  test('import, import again, list, marks; audited as cli:<OS user>', async () => {
    const first = await cli('import', CONSTITUENCIES_CSV, '--map', CONSTITUENCIES_MAP);
    expect(first.stdout.trim()).toBe(`ge2024-constituencies: 3250 rows; ${figures} figures in 5 sources checked: 6 match official, 0 differ`);
    const again = await cli('import', CONSTITUENCIES_CSV, '--map', CONSTITUENCIES_MAP);
    expect(again.stdout.trim()).toBe(`ge2024-constituencies: 3250 rows (replaced 3250); ${figures} figures in 5 sources checked: 6 match official, 0 differ`);

    const list = await cli('list', '--json');
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        name: 'ge2024-constituencies',
        rows: 3250,
        marked: 6,
        source: 'House of Commons Library',
        licence: 'Open Parliament Licence v3.0',
      }),
    ]);

    const marks = (await cli('marks', '--status', 'matches')).stdout.trim().split('\n');
    expect(marks).toHaveLength(6);
    expect(marks.filter((l) => l.includes('majority of Ilford North\tmatches official: 528 (House of Commons Library)'))).toHaveLength(2);

    const db = await openDatabase(dbPath);
    try {
      const events = await listAuditEvents(db, { action: 'reference.import' });
      expect(events.map((e) => e.actor)).toEqual([`cli:${userInfo().username}`, `cli:${userInfo().username}`]);
    } finally {
      await db.destroy();
    }
  }, 240_000);

  test('a bad mapping is refused with the field named, and nothing is imported', async () => {
    const map = join(tempDir(), 'bad.map.yaml');
    writeFileSync(
      map,
      'dataset: x\nsource: S\nlicence: L\nsubject: { kind: place, columns: [Constituency name] }\nmeasures:\n  - { measure: seats, value: Majority, unit: votes }\n',
    );
    const err = await cli('import', CONSTITUENCIES_CSV, '--map', map).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 2 });
    expect((err as { stderr: string }).stderr).toMatch(/bad\.map\.yaml: measures\.0\.measure: /);
    const db = await openDatabase(dbPath);
    try {
      expect((await listReferenceDatasets(db)).map((d) => d.name)).not.toContain('x');
    } finally {
      await db.destroy();
    }
  }, 240_000);
});
