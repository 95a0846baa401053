import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { CORPUS_DIR, tempDir } from '../helpers/db.js';
import { runCli } from './cli-run.js';

const ACTOR = `cli:${userInfo().username}`;
// each CLI run starts Node with tsx: seconds apiece on a busy machine
const CLI_TIMEOUT = 180_000;

function auditRows(dbPath: string): { actor: string; action: string; target_type: string; target_id: number | null; after: Record<string, unknown> }[] {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    return (
      db.prepare('SELECT actor, action, target_type, target_id, after_json FROM audit_event ORDER BY id').all() as {
        actor: string;
        action: string;
        target_type: string;
        target_id: number | null;
        after_json: string;
      }[]
    ).map(({ after_json, ...r }) => ({ ...r, after: JSON.parse(after_json) as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

describe('the CLI: hostile files end in exit status 1 with the file named; every write is audited as cli:<OS user>', () => {
  it(
    'ingest of a folder with an alias bomb: exit 1 (not 2), the file and reason on stderr, the good file stored and audited',
    async () => {
      const dir = tempDir();
      const dbPath = join(tempDir(), 'cli.db');
      const bomb = `---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nBody.\n`;
      writeFileSync(join(dir, 'bomb.md'), bomb);
      writeFileSync(join(dir, 'good.txt'), 'Rail fares rise again\n\nFares will rise by 3.5 percent in March, the operator said on Monday.\n');
      const r = await runCli(dbPath, ['ingest', dir]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`rejected: ${join(dir, 'bomb.md')}: front matter: too many YAML aliases`);
      expect(r.stdout).toContain('added 1 (');
      expect(r.stdout).toContain('rejected 1');

      const audit = auditRows(dbPath);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        actor: ACTOR,
        action: 'ingest.run',
        target_type: 'ingest',
        after: { paths: [dir], added: 1, unchanged: 0, rejected: 1 },
      });
      expect(audit[0].after.rejected_files).toEqual([{ file: join(dir, 'bomb.md'), reason: expect.stringContaining('too many YAML aliases') }]);
      expect((audit[0].after.source_ids as number[]).length).toBe(1);
    },
    CLI_TIMEOUT,
  );

  it(
    'user add, reextract and crossref each write one audit row naming the OS user',
    async () => {
      const dbPath = join(tempDir(), 'cli.db');
      expect((await runCli(dbPath, ['ingest', CORPUS_DIR])).code).toBe(0);
      const added = await runCli(dbPath, ['user', 'add', 'alice', '--role', 'editor'], { CLAIMTRAIL_PASSWORD: 'a long passphrase' });
      expect(added.code).toBe(0);
      expect((await runCli(dbPath, ['reextract', '--source', '1'])).code).toBe(0);
      expect((await runCli(dbPath, ['crossref'])).code).toBe(0);

      const audit = auditRows(dbPath);
      expect(audit.map((a) => [a.actor, a.action])).toEqual([
        [ACTOR, 'ingest.run'],
        [ACTOR, 'user.add'],
        [ACTOR, 'reextract.run'],
        [ACTOR, 'crossref.run'],
      ]);
      expect(audit[0].after).toMatchObject({ added: 5, unchanged: 0, rejected: 0 });
      expect(audit[1]).toMatchObject({ target_type: 'app_user', after: { name: 'alice', role: 'editor' } });
      expect(JSON.stringify(audit[1].after)).not.toContain('scrypt'); // never the password hash
      expect(audit[2]).toMatchObject({ target_type: 'source', target_id: 1, after: { source_ids: [1], sources: 1 } });
      expect(audit[3]).toMatchObject({ target_type: 'crossref', after: { sources: 5 } });
    },
    CLI_TIMEOUT,
  );

  it(
    'a failed write is not audited: user add of an existing name exits 2 and adds no row',
    async () => {
      const dbPath = join(tempDir(), 'cli.db');
      const env = { CLAIMTRAIL_PASSWORD: 'a long passphrase' };
      expect((await runCli(dbPath, ['user', 'add', 'bob', '--role', 'researcher'], env)).code).toBe(0);
      const again = await runCli(dbPath, ['user', 'add', 'bob', '--role', 'researcher'], env);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('user "bob" already exists');
      expect(auditRows(dbPath).map((a) => a.action)).toEqual(['user.add']);
    },
    CLI_TIMEOUT,
  );
});
