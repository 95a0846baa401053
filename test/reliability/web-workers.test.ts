import type { ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { runCli, startCli, waitFor } from './cli-run.js';

// `claimtrail serve --workers 2` as a user runs it (the real CLI, real processes, real HTTP on 127.0.0.1): every
// request goes over a new connection, so the cluster's round robin spreads them over both workers, and each answer
// names its process (CLAIMTRAIL_WORKER_HEADER). State a user's requests depend on must hold whichever worker answers.
// On PostgreSQL too when CLAIMTRAIL_TEST_PG_URL (an admin URL) is set: the test makes and drops its own database.

const PASSWORD = 'a long passphrase for alice';
const PG_ADMIN = process.env.CLAIMTRAIL_TEST_PG_URL;
const SLOW = 180_000; // two processes start on a shared 2-core machine

interface Answer {
  status: number;
  pid: number;
  body: string;
  cookies: Record<string, string>;
  location?: string;
}

/** One request on a connection of its own (no keep-alive: the next one may reach the other worker). */
function send(port: number, method: 'GET' | 'POST', path: string, cookies: Record<string, string>, form?: Record<string, string>): Promise<Answer> {
  const body = form ? new URLSearchParams(form).toString() : undefined;
  const headers: Record<string, string> = {
    cookie: Object.entries(cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; '),
  };
  if (body !== undefined) Object.assign(headers, { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(Buffer.byteLength(body)) });
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => {
        const set = (res.headers['set-cookie'] ?? []).map((c) => /^([^=]+)=([^;]*)/.exec(c)!).map((m) => [m[1], m[2]]);
        resolve({
          status: res.statusCode!,
          pid: Number(res.headers['x-claimtrail-worker']),
          body: text,
          cookies: Object.fromEntries(set),
          location: res.headers.location,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const csrfOf = (html: string) => /<meta name="csrf-token" content="([^"]+)"/.exec(html)![1];

/** A database target of the test's own, and how to drop it. */
interface Target {
  db: string;
  drop: () => Promise<void>;
}

function sqliteTarget(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-workers-'));
  return Promise.resolve({ db: join(dir, 'kb.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) });
}

async function postgresTarget(): Promise<Target> {
  const name = `workers_test_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN!);
  url.pathname = `/${name}`;
  return {
    db: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const engines: [string, () => Promise<Target>][] = [
  ['SQLite', sqliteTarget],
  ...(PG_ADMIN ? [['PostgreSQL', postgresTarget] as [string, () => Promise<Target>]] : []),
];

describe.each(engines)('serve --workers 2 on %s', (_engine, makeTarget) => {
  let target: Target;
  let server: { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> };
  let output = () => '';
  let port = 0;
  let session: Record<string, string> = {};

  const workerPids = () => [...output().matchAll(/worker (\d+) listening/g)].map((m) => Number(m[1]));

  beforeAll(async () => {
    target = await makeTarget();
    const added = await runCli(target.db, ['user', 'add', 'alice', '--role', 'editor'], { CLAIMTRAIL_PASSWORD: PASSWORD });
    expect(added.code).toBe(0);
    let stdout = '';
    server = startCli(target.db, ['serve', '--workers', '2', '--port', '0'], {
      CLAIMTRAIL_WORKER_HEADER: '1',
      CLAIMTRAIL_LOGIN_FAILURES_PER_ACCOUNT: '3',
    }) as typeof server;
    server.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    output = () => stdout;
    const up = await waitFor(server.child, () => /serving .* at http:\/\/127\.0\.0\.1:(\d+) with 2 workers/.test(stdout), 120_000);
    if (!up) throw new Error(`the server did not start:\n${stdout}\n${(await server.done).stderr}`);
    port = Number(/at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)![1]);

    // log in once, through whichever worker answers
    const form = await send(port, 'GET', '/login', {});
    const login = await send(port, 'POST', '/login', form.cookies, { _csrf: csrfOf(form.body), name: 'alice', password: PASSWORD, next: '/' });
    expect(login.status).toBe(303);
    session = { ct_session: login.cookies.ct_session };
    expect(session.ct_session).toBeTruthy();
  }, SLOW);

  afterAll(async () => {
    try {
      if (server && server.child.exitCode === null) {
        const pids = workerPids();
        server.child.kill('SIGTERM');
        const { code } = await server.done;
        expect(code).toBe(0); // stopped cleanly, every worker with it
        for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
      }
    } finally {
      await target?.drop();
    }
  }, SLOW);

  it(
    'answers one session from both workers: the session lives in the database',
    async () => {
      const answers = [];
      // an editor's page: anonymous, it is a 401
      for (let i = 0; i < 16; i++) answers.push(await send(port, 'GET', '/sources/new', session));
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.body).toContain('<span class="who">alice <small>(editor)</small></span>');
      }
      expect(new Set(answers.map((a) => a.pid)).size).toBe(2);
    },
    SLOW,
  );

  it(
    'takes a form posted to one worker with the CSRF token of a page another worker served, and refuses a wrong token on both',
    async () => {
      const page = await send(port, 'GET', '/sources/new', session);
      const csrf = csrfOf(page.body);
      const posts = [];
      for (let i = 0; i < 6; i++) posts.push(await send(port, 'POST', '/lists', session, { _csrf: csrf, name: `desk list ${i}` }));
      expect(posts.map((p) => p.status)).toEqual([303, 303, 303, 303, 303, 303]);
      expect(new Set(posts.map((p) => p.pid)).size).toBe(2);
      expect(posts.some((p) => p.pid !== page.pid)).toBe(true);

      const refused = [];
      for (let i = 0; i < 4; i++) refused.push(await send(port, 'POST', '/lists', session, { _csrf: `${csrf.slice(0, -2)}xx`, name: 'forged' }));
      expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
      expect(new Set(refused.map((r) => r.pid)).size).toBe(2);

      for (const [i, p] of posts.entries()) {
        const list = await send(port, 'GET', p.location!, session);
        expect(list.status).toBe(200);
        expect(list.body).toContain(`desk list ${i}`);
      }
    },
    SLOW,
  );

  it(
    'holds the login-failure limit across workers, even for attempts sent all at once',
    async () => {
      const form = await send(port, 'GET', '/login', {});
      const attempt = () => send(port, 'POST', '/login', form.cookies, { _csrf: csrfOf(form.body), name: 'mallory', password: 'wrong guess 123' });
      const burst = await Promise.all(Array.from({ length: 8 }, attempt));
      expect(burst.map((a) => a.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
      expect(new Set(burst.map((a) => a.pid)).size).toBe(2);
      const later = [];
      for (let i = 0; i < 4; i++) later.push(await attempt());
      expect(later.map((a) => a.status)).toEqual([429, 429, 429, 429]);
      expect(new Set(later.map((a) => a.pid)).size).toBe(2);
    },
    SLOW,
  );

  it(
    'replaces a worker that is killed, and goes on serving the same session',
    async () => {
      const seen = new Set<number>();
      for (let i = 0; i < 8 && seen.size < 2; i++) seen.add((await send(port, 'GET', '/', session)).pid);
      const [victim, survivor] = [...seen];
      expect(survivor).toBeDefined();
      process.kill(victim, 'SIGKILL');
      const replacement = new RegExp(`worker ${victim} died \\(signal SIGKILL\\); started worker (\\d+) in its place`);
      expect(await waitFor(server.child, () => replacement.test(output()), 60_000)).toBe(true);
      const fresh = Number(replacement.exec(output())![1]);
      expect(await waitFor(server.child, () => workerPids().includes(fresh), 60_000)).toBe(true);

      const answers = [];
      for (let i = 0; i < 12; i++) answers.push(await send(port, 'GET', '/sources/new', session));
      for (const a of answers) {
        expect(a.status).toBe(200);
        expect(a.body).toContain('<span class="who">alice');
      }
      expect(new Set(answers.map((a) => a.pid))).toEqual(new Set([survivor, fresh]));
    },
    SLOW,
  );
});

describe('serve --workers that cannot serve', () => {
  it(
    'refuses a count that is not one (exit 2, before the database is touched)',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimtrail-workers-'));
      try {
        for (const [args, env, message] of [
          [['--workers', '0'], {}, '--workers: "0" is not a number of processes (1 to 256)'],
          [['--workers', 'two'], {}, '--workers: "two" is not a number of processes (1 to 256)'],
          [[], { CLAIMTRAIL_WEB_WORKERS: '0' }, 'CLAIMTRAIL_WEB_WORKERS must be a whole number from 1 to 256 (got "0")'],
        ] as [string[], Record<string, string>, string][]) {
          const r = await runCli(join(dir, 'never.db'), ['serve', ...args], env);
          expect(r.code).toBe(2);
          expect(r.stderr.trim()).toBe(`claimtrail: ${message}`);
        }
        expect(existsSync(join(dir, 'never.db'))).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it(
    'stops every worker with exit status 1 when they cannot listen (the port is taken), instead of replacing them forever',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimtrail-workers-'));
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      try {
        const port = (taken.address() as AddressInfo).port;
        const r = await runCli(join(dir, 'kb.db'), ['serve', '--workers', '2', '--port', String(port)]);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
        expect(r.stdout).toMatch(/worker \d+ stopped before it could serve \(exit status 1\); stopping/);
        expect(r.stdout).not.toMatch(/in its place/);
      } finally {
        taken.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});

describe('start --workers 2', () => {
  it(
    'ingests the corpus once, in the primary, then both workers serve what it stored',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimtrail-workers-'));
      const corpus = join(dir, 'corpus');
      mkdirSync(corpus);
      copyFileSync(new URL('../fixtures/dev-news/01-ap-politics-senate.txt', import.meta.url).pathname, join(corpus, 'senate.txt'));
      let stdout = '';
      const server = startCli(join(dir, 'kb.db'), ['start', '--workers', '2', '--port', '0', '--corpus', corpus], { CLAIMTRAIL_WORKER_HEADER: '1' });
      server.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      try {
        const up = await waitFor(server.child, () => / with 2 workers/.test(stdout), 120_000);
        if (!up) throw new Error(`start did not serve:\n${stdout}\n${(await server.done).stderr}`);
        expect(stdout.match(/^added \d+ \(/gm)).toEqual(['added 1 (']);
        const port = Number(/at http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)![1]);
        const pages = [];
        for (let i = 0; i < 6; i++) pages.push(await send(port, 'GET', '/', {}));
        expect(new Set(pages.map((p) => p.pid)).size).toBe(2);
        for (const p of pages) expect(p.body).toContain('/sources/1');
      } finally {
        server.child.kill('SIGTERM');
        expect((await server.done).code).toBe(0);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
