import { existsSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { openDatabase } from '../../src/storage/connect.js';
import { describeSqliteOnly, newDbPath, tempDir } from '../helpers/db.js';
import { runCli, startCli } from '../reliability/cli-run.js';

// each run starts Node: seconds apiece on a busy machine
const CLI_TIMEOUT = 120_000;

/** stderr is one line: "claimtrail: …" */
const oneLine = (stderr: string) => {
  const lines = stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0];
};

describe('command-line failures: one line on stderr and the exit status of their code', () => {
  it(
    'a bad option (bad_request) exits 2',
    async () => {
      const r = await runCli(await newDbPath(), ['export', '--format', 'pdf']);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe('claimtrail: --format must be one of csl, bibtex, ris, csv, markdown, html, claimreview');
    },
    CLI_TIMEOUT,
  );

  it(
    'a malformed environment variable (invalid_config) exits 2 naming it, before the database is touched',
    async () => {
      const dbPath = join(tempDir(), 'never.db');
      const r = await runCli(dbPath, ['serve'], { PORT: 'eighty' });
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe('claimtrail: PORT must be a whole number from 0 to 65535 (got "eighty")');
      const flag = await runCli(dbPath, ['serve'], { CLAIMTRAIL_REQUIRE_LOGIN: 'yes' });
      expect(flag.code).toBe(2);
      expect(oneLine(flag.stderr)).toBe('claimtrail: CLAIMTRAIL_REQUIRE_LOGIN must be 1 (on) or 0 (off) (got "yes")');
      expect(existsSync(dbPath)).toBe(false);
    },
    CLI_TIMEOUT,
  );

  it(
    'a missing citation list (not_found) exits 2',
    async () => {
      const dbPath = await newDbPath();
      const r = await runCli(dbPath, ['export', '--format', 'csv', '--list', 'Nope']);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr)).toBe('claimtrail: no citation list named "Nope"');
    },
    CLI_TIMEOUT,
  );

  describeSqliteOnly('a second SQLite connection holds the write lock', () => {
    it(
      'a database whose write lock stays taken (busy) exits 75, and nothing is written',
      async () => {
        const dbPath = join(tempDir(), 'busy.db');
        await (await openDatabase(dbPath)).destroy();
        const other = new SQLite(dbPath, { timeout: 0 });
        other.exec('BEGIN IMMEDIATE');
        try {
          const { done } = startCli(dbPath, ['user', 'add', 'bob', '--role', 'editor'], {
            CLAIMTRAIL_PASSWORD: 'a long passphrase',
            CLAIMTRAIL_BUSY_WAIT_MS: '300',
          });
          const r = await done;
          expect(r.code).toBe(75);
          expect(oneLine(r.stderr)).toMatch(
            /^claimtrail: the database is busy with other writes: nothing was saved; try again in a few seconds \(another writer held the write lock for more than \d+ s\)$/,
          );
        } finally {
          other.exec('ROLLBACK');
        }
        expect(other.prepare('SELECT count(*) AS n FROM app_user').get()).toEqual({ n: 0 });
        other.close();
      },
      CLI_TIMEOUT,
    );
  });
});
