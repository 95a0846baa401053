import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { COMMANDS } from '../../src/cli/main.js';
import { claimToJson } from '../../src/cli/extract.command.js';
import { extractClaims } from '../../src/extract/index.js';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { CORPUS_DIR, newDbPath, tempDir } from '../helpers/db.js';

// The compiled command line, as `npx claimtrail` runs it (jest's global setup builds dist/ when it is stale).
const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = join(ROOT, 'bin/claimtrail.js');
const IMPORT_LOG = new URL('../helpers/import-log.mjs', import.meta.url).pathname;
const ARTICLE = join(CORPUS_DIR, '000-jc-tmv-founders.md');

const execFileP = promisify(execFile);
const run = (args: string[], env: Record<string, string> = {}) => execFileP(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...env } });

/** Runs the bin and returns what it printed and the packages under node_modules/ it loaded. */
async function runLogged(args: string[]) {
  const log = join(tempDir(), 'imports.log');
  const out = await execFileP(process.execPath, ['--import', IMPORT_LOG, BIN, ...args], { cwd: ROOT, env: { ...process.env, IMPORT_LOG: log } });
  const urls = readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  return { ...out, urls, packages };
}

describe('bin/claimtrail.js', () => {
  it('prints the help from the command table and loads no command module', async () => {
    const { stdout, stderr, urls, packages } = await runLogged(['--help']);
    for (const c of COMMANDS) expect(stdout).toContain(`  ${c.name} ${c.usage}`);
    expect(stderr).toBe('');
    expect([...packages]).toEqual(['commander']);
    expect(urls.filter((u) => u.includes('/dist/src/')).map((u) => u.replace(/.*\/dist\//, ''))).toEqual(['src/cli/main.js', 'src/core/paths.js']);
  });

  it('prints the version from package.json', async () => {
    const { stdout } = await run(['--version']);
    expect(stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('runs compiled code from dist/, never the TypeScript', async () => {
    const { urls } = await runLogged(['--help']);
    expect(urls.some((u) => u.endsWith('.ts'))).toBe(false);
    expect(urls.some((u) => u.includes('/node_modules/tsx/'))).toBe(false);
  });

  it('extracts the same claims as the TypeScript does, without loading the database or the web stack', async () => {
    const { stdout, packages } = await runLogged(['extract', '--format', 'jsonl', ARTICLE]);
    const parsed = parseArticle(readFileSync(ARTICLE), ARTICLE);
    if (!parsed.ok) throw new Error(parsed.reason);
    const expected = extractClaims(parsed.article.text, parsed.article.paragraphs, parsed.article.sentences).claims.map(claimToJson);
    expect(expected.length).toBeGreaterThan(10);
    expect(
      stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(JSON.parse(JSON.stringify(expected)));
    for (const p of ['kysely', 'better-sqlite3', 'express', 'nunjucks', '@citation-js']) expect(packages).not.toContain(p);
  });

  it("shows a command's own options for `help COMMAND` and `COMMAND --help`", async () => {
    for (const args of [
      ['help', 'export'],
      ['export', '--help'],
    ]) {
      const { stdout } = await run(args);
      expect(stdout).toContain('Usage: claimtrail export [options]');
      expect(stdout).toContain('--format <format>');
      expect(stdout).toContain('--min-confidence <n>');
    }
  });

  it('refuses an unknown command with a suggestion and exit status 1', async () => {
    const err = await run(['extrat', 'x.md']).catch((e: { code: number; stderr: string }) => e);
    expect(err).toMatchObject({ code: 1 });
    expect((err as { stderr: string }).stderr).toContain("unknown command 'extrat'");
    expect((err as { stderr: string }).stderr).toContain('Did you mean extract?');
  });

  it('ingests with the compiled migrations and exports with the copied Chicago style', async () => {
    const db = await newDbPath();
    const ingest = await run(['--db', db, 'ingest', CORPUS_DIR]);
    expect(ingest.stdout).toMatch(/^added 5 \(\d+ claims\), unchanged 0, rejected 0/m);
    const { stdout, stderr, packages } = await runLogged(['--db', db, 'export', '--format', 'markdown', '--style', 'chicago']);
    expect(stdout).toContain('(Chicago author-date)');
    expect(stderr).toMatch(/^exported \d+ claims as markdown/);
    for (const p of ['express', 'linkedom']) expect(packages).not.toContain(p);
  });

  it('starts: ingests corpus/ into a fresh database and serves pages, styles included, from dist/', async () => {
    const db = await newDbPath();
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, '--db', db, 'start', '--port', String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const home = await waitForPage(`http://127.0.0.1:${port}/`, () => output);
      expect(home).toContain('Revealed: Labour voters targeted by radical Islamist group');
      const css = await fetch(`http://127.0.0.1:${port}/static/app.css`);
      expect(css.status).toBe(200);
      expect(await css.text()).toContain('{');
      expect(output).toMatch(/added 5 \(\d+ claims\)/);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPage(url: string, output: () => string): Promise<string> {
  const deadline = Date.now() + 20000;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return await res.text();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no page at ${url}; the server printed:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
