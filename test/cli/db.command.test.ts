import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../../src/storage/connect.js';
import { corpusFileDb, tempDir } from '../helpers/db.js';
import { runCli } from '../reliability/cli-run.js';

describe('claimtrail db copy / db verify', () => {
  let from: string;

  beforeAll(async () => {
    const { db, path } = await corpusFileDb();
    await db.destroy();
    from = path;
  });

  it('copies into a new file, prints the table, refuses a second copy, and verify catches a row edited afterwards', async () => {
    const to = join(tempDir(), 'copy.db');
    const copy = await runCli(from, ['db', 'copy', '--from', from, '--to', to]);
    expect(copy.stderr).toBe('');
    expect(copy.code).toBe(0);
    const lines = copy.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^table\s+rows\s+checksum\s+ok$/);
    expect(lines.find((l) => l.startsWith('claim '))).toMatch(/^claim\s+\d{3,}\s+[0-9a-f]{16}\s+ok$/);
    expect(lines.at(-1)).toMatch(new RegExp(`^copied \\d+ rows in \\d+ tables from ${from} to ${to} in [\\d.]+ s \\(\\d+ rows/s\\); verified: \\d+ tables`));

    const again = await runCli(from, ['db', 'copy', '--from', from, '--to', to]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(new RegExp(`${to} is not empty: table "\\w+" has rows`));

    const ok = await runCli(from, ['db', 'verify', '--from', from, '--to', to, '--json']);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout) as {
      ok: boolean;
      tables: { table: string; rows: number; checksum: string; ok: boolean; target: { rows: number; checksum: string } }[];
    };
    expect(report.ok).toBe(true);
    expect(report.tables.find((t) => t.table === 'claim')!.checksum).toMatch(/^[0-9a-f]{64}$/);

    const db = await openDatabase(to);
    await sql`UPDATE source SET title = title || '!' WHERE id = (SELECT min(id) FROM source)`.execute(db);
    await db.destroy();
    const bad = await runCli(from, ['db', 'verify', '--from', from, '--to', to]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^source\s+\d+\s+[0-9a-f]{16}\s+DIFFERS \(target: \d+ rows, [0-9a-f]{16}\)$/m);
    expect(bad.stdout).toMatch(/^claim\s+\d+\s+[0-9a-f]{16}\s+ok$/m);
    expect(bad.stdout.trim().split('\n').at(-1)).toBe('DIFFERENT: source');

    const replaced = await runCli(from, ['db', 'copy', '--from', from, '--to', to, '--replace', '--json']);
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout)).toMatchObject({ ok: true, from, to });
  }, 60_000);

  it('refuses a missing source file without creating it, and the same database on both sides', async () => {
    const missing = join(tempDir(), 'missing.db');
    const r = await runCli(from, ['db', 'copy', '--from', missing, '--to', join(tempDir(), 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--from: no database file ${missing}`);
    const same = await runCli(from, ['db', 'verify', '--from', from, '--to', from]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('--from and --to are the same database');
  }, 30_000);
});
