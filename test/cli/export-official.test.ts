import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { listOfficialMarks } from '../../src/storage/reference.repository.js';
import { CORPUS_DIR, createTempFileDb, FIXTURES_DIR } from '../helpers/db.js';
import { importGe2024 } from '../reference/helpers.js';
import { runCli } from '../reliability/cli-run.js';

/** The claim ids in a CSV export (its first column). */
const idsOf = (csv: string) =>
  csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => Number(line.split(',')[0]))
    .sort((a, b) => a - b);

describe('claimtrail export --official', () => {
  let dbPath: string;
  let marks: { claimId: number; status: string }[];

  beforeAll(async () => {
    const { db, path } = await createTempFileDb();
    dbPath = path;
    // the corpus, and a story of our own that gives 357 votes where the official majority is 528
    await ingestPaths(db, [CORPUS_DIR, `${FIXTURES_DIR}board`]);
    await importGe2024(db);
    marks = (await listOfficialMarks(db)).map((m) => ({ claimId: m.claimId, status: m.status }));
    await db.destroy();
  }, 60_000);

  const expected = (status: string) =>
    marks
      .filter((m) => status === 'any' || m.status === status)
      .map((m) => m.claimId)
      .sort((a, b) => a - b);

  test.each(['matches', 'differs', 'any'])('--official %s exports exactly the figures with that mark, as the web filter does', async (status) => {
    const r = await runCli(dbPath, ['export', '--format', 'csv', '--official', status]);
    expect(r.code).toBe(0);
    expect(expected(status).length).toBeGreaterThan(0);
    expect(idsOf(r.stdout)).toEqual(expected(status));
    expect(r.stderr).toContain(`exported ${expected(status).length} claim`);
  });

  test('the 357-vote figure is the one that differs; combined with other filters', async () => {
    const r = await runCli(dbPath, ['export', '--format', 'csv', '--official', 'differs']);
    expect(r.stdout).toContain('357 votes');
    expect(r.stdout).not.toContain('528 votes');
    const none = await runCli(dbPath, ['export', '--format', 'csv', '--official', 'differs', '--kind', 'quote']);
    expect(idsOf(none.stdout)).toEqual([]);
  });

  test('an unknown status or --official with --list is refused by name', async () => {
    const bad = await runCli(dbPath, ['export', '--format', 'csv', '--official', 'maybe']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--official must be one of matches, differs, any');
    const list = await runCli(dbPath, ['export', '--format', 'csv', '--official', 'any', '--list', 'x']);
    expect(list.code).toBe(2);
    expect(list.stderr).toContain('--official filters a search');
  });
});
