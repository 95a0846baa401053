// The load benchmark's engine (bench/load.bench.ts prints it; test/reliability/load.shared.test.ts asserts on it):
// the real server on a temp database, N logged-in clients of mixed reads and verdict saves for S seconds, while
// `claimtrail ingest` (the CLI, a child process) writes to the same file. Loopback only; bounded in count and time.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';

export interface LoadOptions {
  clients: number;
  seconds: number;
  /** the folder `claimtrail ingest` reads while the clients run */
  ingestDir: string;
  /** the checkout whose server and CLI to run (default: this one), e.g. an export of an older commit */
  root?: string;
  /** progress lines (default: none) */
  log?: (line: string) => void;
}

export interface LoadResult {
  clients: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** the same, for the verdict saves alone (each waits for the write lock the ingest takes in turns) */
  saveP50Ms: number;
  saveP95Ms: number;
  /** HTTP status → count, for every response that was not a success or redirect; "network" for failed connections */
  errorsByStatus: Record<string, number>;
  /** 5xx responses and failed connections */
  serverErrors: number;
  verdictSaves: number;
  /** 409: another client saved the same claim first (expected under concurrency; not an error) */
  verdictConflicts: number;
  ingest: { exitCode: number | null; seconds: number; added: number; unchanged: number; rejected: number; rejectedSample: { file: string; reason: string }[] };
}

const PASSWORD = 'load bench passphrase';
const USER = 'load-bench-editor';
const WORDS = ['government', 'said', 'market', 'film', 'election', 'minister', 'growth', 'players', 'music', 'company'];
const VERDICTS = ['verified', 'disputed', 'needs_context', 'unverified'];

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const root = options.root ?? new URL('..', import.meta.url).pathname;
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), 'claimtrail-load-'));
  const dbPath = join(dir, 'load.db');
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawn(process.execPath, [join(root, 'bin/claimtrail.js'), '--db', dbPath, ...args], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  let server: ChildProcess | null = null;
  try {
    log('seeding: corpus/ and an editor account');
    await finished(cli(['ingest', join(root, 'corpus')]), 120_000);
    await finished(cli(['user', 'add', USER, '--role', 'editor'], { CLAIMTRAIL_PASSWORD: PASSWORD }), 60_000);
    const ids = readIds(dbPath);

    server = spawn(process.execPath, ['--import', 'tsx', new URL('./load-server.ts', import.meta.url).pathname, dbPath, String(options.clients + 10), root], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const port = await listeningPort(server);
    const base = `http://127.0.0.1:${port}`;
    log(`server on ${base}; logging in ${options.clients} clients`);
    const sessions = await Promise.all(Array.from({ length: options.clients }, () => logIn(base)));

    const stats: Stats = { latencies: [], saveLatencies: [], errors: {}, saves: 0, conflicts: 0 };
    log(`ingest of ${options.ingestDir} and ${options.clients} clients for ${options.seconds} s`);
    const ingestStart = performance.now();
    const ingest = cli(['ingest', options.ingestDir, '--json']);
    const ingestDone = collect(ingest, 15 * 60_000);
    const t0 = performance.now();
    const deadline = t0 + options.seconds * 1000;
    await Promise.all(sessions.map((s) => clientLoop(base, s, ids, deadline, stats)));
    const elapsed = (performance.now() - t0) / 1000;
    log('load done; waiting for the ingest to finish');
    const out = await ingestDone;
    const ingestSeconds = (performance.now() - ingestStart) / 1000;
    const summary = parseSummary(out.stdout);

    const sorted = stats.latencies.sort((a, b) => a - b);
    const saves = stats.saveLatencies.sort((a, b) => a - b);
    const pct = (p: number, xs = sorted) => (xs.length ? Number(xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))].toFixed(1)) : 0);
    const serverErrors = Object.entries(stats.errors).reduce((n, [status, k]) => n + (status === 'network' || Number(status) >= 500 ? k : 0), 0);
    return {
      clients: options.clients,
      seconds: Number(elapsed.toFixed(1)),
      requests: sorted.length,
      requestsPerSecond: Number((sorted.length / elapsed).toFixed(1)),
      p50Ms: pct(50),
      p95Ms: pct(95),
      saveP50Ms: pct(50, saves),
      saveP95Ms: pct(95, saves),
      errorsByStatus: stats.errors,
      serverErrors,
      verdictSaves: stats.saves,
      verdictConflicts: stats.conflicts,
      ingest: {
        exitCode: out.code,
        seconds: Number(ingestSeconds.toFixed(1)),
        added: summary?.added.length ?? 0,
        unchanged: summary?.unchanged.length ?? 0,
        rejected: summary ? summary.rejected.length : -1,
        rejectedSample: summary?.rejected.slice(0, 5) ?? [{ file: '(ingest)', reason: `no summary; stderr: ${out.stderr.slice(-500)}` }],
      },
    };
  } finally {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await finished(server, 10_000).catch(() => server?.kill('SIGKILL'));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Ids {
  sources: number[];
  claims: number[];
}

function readIds(dbPath: string): Ids {
  const db = new SQLite(dbPath, { readonly: true });
  try {
    const sources = db
      .prepare('SELECT id FROM source ORDER BY id')
      .all()
      .map((r) => (r as { id: number }).id);
    const claims = db
      .prepare('SELECT id FROM claim ORDER BY id LIMIT 500')
      .all()
      .map((r) => (r as { id: number }).id);
    if (!sources.length || !claims.length) throw new Error('the seeded database has no sources or claims');
    return { sources, claims };
  } finally {
    db.close();
  }
}

interface Session {
  cookies: Map<string, string>;
  csrf: string;
}

const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
const cookieHeader = (s: Session) => [...s.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

function keepCookies(s: Session, res: Response): void {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair.indexOf('=');
    s.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

function csrfOf(html: string): string {
  const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf-token in the page');
  return m[1];
}

/** GET /login for the form's token, POST /login, then the session's token from a page. */
async function logIn(base: string): Promise<Session> {
  const s: Session = { cookies: new Map(), csrf: '' };
  const form = await fetch(`${base}/login`);
  keepCookies(s, form);
  const body = new URLSearchParams({ _csrf: csrfOf(await form.text()), name: USER, password: PASSWORD });
  const res = await fetch(`${base}/login`, { method: 'POST', body, headers: { cookie: cookieHeader(s) }, redirect: 'manual' });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`login failed: HTTP ${res.status}`);
  keepCookies(s, res);
  const home = await fetch(`${base}/`, { headers: { cookie: cookieHeader(s) } });
  s.csrf = csrfOf(await home.text());
  return s;
}

type Stats = { latencies: number[]; saveLatencies: number[]; errors: Record<string, number>; saves: number; conflicts: number };

async function timed(stats: Stats, url: string, init: RequestInit): Promise<{ status: number; body: string } | null> {
  const t = performance.now();
  try {
    const res = await fetch(url, { ...init, redirect: 'manual' });
    const body = await res.text();
    stats.latencies.push(performance.now() - t);
    if (init.method === 'POST') stats.saveLatencies.push(performance.now() - t);
    if (res.status >= 400 && res.status !== 409) stats.errors[res.status] = (stats.errors[res.status] ?? 0) + 1;
    return { status: res.status, body };
  } catch {
    stats.latencies.push(performance.now() - t);
    stats.errors.network = (stats.errors.network ?? 0) + 1;
    return null;
  }
}

/** One client: reads (sources, a source, search, a claim) and verdict saves (read the version, then save) until the deadline. */
async function clientLoop(base: string, s: Session, ids: Ids, deadline: number, stats: Stats): Promise<void> {
  const headers = { cookie: cookieHeader(s) };
  while (performance.now() < deadline) {
    const r = Math.random();
    if (r < 0.2) await timed(stats, `${base}/`, { headers });
    else if (r < 0.4) await timed(stats, `${base}/sources/${pick(ids.sources)}`, { headers });
    else if (r < 0.6) await timed(stats, `${base}/search?q=${pick(WORDS)}`, { headers });
    else if (r < 0.75) await timed(stats, `${base}/claims/${pick(ids.claims)}`, { headers });
    else {
      const id = pick(ids.claims);
      const got = await timed(stats, `${base}/api/v1/claims/${id}`, { headers });
      if (got?.status !== 200) continue;
      const version = (JSON.parse(got.body) as { version: number }).version;
      const saved = await timed(stats, `${base}/api/v1/claims/${id}/annotations`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'x-csrf-token': s.csrf },
        body: JSON.stringify({ verdict: pick(VERDICTS), note: 'load bench', version }),
      });
      if (saved?.status === 201) stats.saves++;
      else if (saved?.status === 409) stats.conflicts++;
    }
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}): ${err}`));
    });
  });
}

function collect(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return finished(child, timeoutMs).then((code) => ({ code, stdout, stderr }));
}

function finished(child: ChildProcess, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.stdout?.resume();
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child process took more than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

function parseSummary(stdout: string): { added: unknown[]; unchanged: unknown[]; rejected: { file: string; reason: string }[] } | null {
  const start = stdout.indexOf('{');
  try {
    return start === -1 ? null : JSON.parse(stdout.slice(start));
  } catch {
    return null;
  }
}
