// Requests/s of the search page with `claimtrail serve --workers N`, for each N asked: the real CLI on a temp SQLite
// file (or a postgres:// database given with --db) seeded by `claimtrail ingest DIR`, on 127.0.0.1 and a random
// port; C keep-alive connections (the cluster hands connections out round robin) ask /search?q=WORD for S seconds
// after a warm-up. The client runs on the same machine and takes CPU from the servers: compare rows, not machines.
// Usage: npm run bench:workers [-- --workers 1,2 --seconds 15 --connections 8 --dir corpus --db URL --json]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { report } from './bench-helpers.js';

const ROOT = new URL('..', import.meta.url).pathname;
const WORDS = ['government', 'said', 'market', 'election', 'minister', 'growth', 'players', 'music', 'company', 'police', 'votes', 'party'];

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2' },
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    dir: { type: 'string', default: join(ROOT, 'corpus') },
    db: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const counts = values.workers!.split(',').map(Number);
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
// bounded: a benchmark, not a load generator
if (!counts.every((n) => Number.isInteger(n) && n >= 1 && n <= 16)) throw new Error('--workers: a list of 1 to 16');
if (!(seconds > 0 && seconds <= 300) || !(warmup >= 0 && warmup <= 60)) throw new Error('--seconds: up to 300; --warmup: up to 60');
if (!Number.isInteger(connections) || connections < 1 || connections > 64) throw new Error('--connections: 1 to 64');

const cli = (db: string, args: string[], env: Record<string, string> = {}) =>
  spawn(process.execPath, [join(ROOT, 'bin/claimtrail.js'), '--db', db, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** Starts `serve --workers n` and resolves with its port once every worker listens. */
function startServer(db: string, n: number): Promise<{ child: ChildProcess; port: number }> {
  const child = cli(db, ['serve', '--workers', String(n), '--port', '0']);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving .* at http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]) });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

interface Run {
  requests: number;
  errors: number;
  latencies: number[];
}

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

/** `connections` loops, each asking one search after another until `until` (performance.now() ms). */
async function hammer(port: number, until: number): Promise<Run> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const run: Run = { requests: 0, errors: 0, latencies: [] };
  let i = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now();
        const status = await get(agent, port, `/search?q=${WORDS[i++ % WORDS.length]}`).catch(() => 0);
        run.latencies.push(performance.now() - t0);
        run.requests++;
        if (status !== 200) run.errors++;
      }
    }),
  );
  agent.destroy();
  return run;
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};

const tmp = values.db ? null : mkdtempSync(join(tmpdir(), 'claimtrail-workers-bench-'));
const db = values.db ?? join(tmp!, 'bench.db');
const results: Record<string, unknown>[] = [];
try {
  console.error(`workers bench: ingesting ${values.dir}`);
  const ingest = cli(db, ['ingest', values.dir!]);
  if ((await exited(ingest)) === 2) throw new Error('ingest failed');
  for (const n of counts) {
    const { child, port } = await startServer(db, n);
    try {
      await hammer(port, performance.now() + warmup * 1000);
      const t0 = performance.now();
      const run = await hammer(port, t0 + seconds * 1000);
      const elapsed = (performance.now() - t0) / 1000;
      results.push({
        workers: n,
        requests: run.requests,
        'requests/s': Math.round(run.requests / elapsed),
        'p50 ms': Number(percentile(run.latencies, 50).toFixed(1)),
        'p95 ms': Number(percentile(run.latencies, 95).toFixed(1)),
        errors: run.errors,
      });
    } finally {
      child.kill('SIGTERM');
      await exited(child);
    }
  }
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify(results));
else
  for (const r of results)
    report(
      `search page, serve --workers ${r.workers}: ${connections} connections for ${seconds} s`,
      Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'workers')) as Record<string, number>,
    );
process.exitCode = results.every((r) => r.errors === 0) ? 0 : 1;
