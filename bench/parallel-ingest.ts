// N `claimtrail ingest` processes at once into one database (the compiled CLI, as a newsroom would run it), each given
// its share of the files; then what the database holds. Used by bench/engines.bench.ts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openDatabase } from '../src/storage/connect.js';

const ROOT = new URL('..', import.meta.url).pathname;
const CLI = join(ROOT, 'bin/claimtrail.js');
const TIME = '/usr/bin/time';

/** Round-robin shares: file i goes to share i mod n (each share a mix of the set's sections). */
export function disjointShares(files: readonly string[], n: number): string[][] {
  const shares: string[][] = Array.from({ length: n }, () => []);
  for (const [i, f] of files.entries()) shares[i % n].push(f);
  return shares;
}

/** Every file to exactly two of the n processes (n even): processes i and i + n/2 get the same share of n/2. */
export function doubledShares(files: readonly string[], n: number): string[][] {
  if (n % 2) throw new Error('doubled shares need an even number of processes');
  const half = disjointShares(files, n / 2);
  return [...half, ...half];
}

export interface ParallelIngestResult {
  processes: number;
  filesGiven: number;
  wallSeconds: number;
  added: number;
  unchanged: number;
  rejected: number;
  /** processes that ended with neither 0 nor 1 (the command failed): their exit status and last error line */
  failed: { status: number | null; error: string }[];
  /** the largest peak RSS of one ingest process, MB (null without /usr/bin/time) */
  peakRssMb: number | null;
  /** CPU seconds (user + system) of all the ingest processes together, not the server's (null without /usr/bin/time) */
  cpuSeconds: number | null;
  sources: number;
  distinctHashes: number;
  claims: number;
  links: number;
  mentions: number;
}

interface ChildSummary {
  added: unknown[];
  unchanged: unknown[];
  rejected: { file: string; reason: string }[];
}

type ChildOutcome = { ok: true; summary: ChildSummary } | { ok: false; status: number | null; error: string };

/** Runs one `claimtrail ingest --json` per share at once into `target` (migrated first), waits for all, counts. */
export async function ingestInParallel(target: string, shares: string[][]): Promise<ParallelIngestResult> {
  // migrate before the clock starts: the processes then measure ingest, not a race to create the schema
  await (await openDatabase(target)).destroy();
  const scratch = mkdtempSync(join(tmpdir(), 'claimtrail-bench-rss-'));
  const withTime = existsSync(TIME);
  try {
    const t0 = performance.now();
    const outcomes = await Promise.all(shares.map((files, i) => runIngest(target, files, withTime ? join(scratch, `rss-${i}`) : null)));
    const summaries = outcomes.flatMap((o) => (o.ok ? [o.summary] : []));
    const wallSeconds = (performance.now() - t0) / 1000;
    // /usr/bin/time's last line: "maxRSS_KB user_s system_s"
    const usage = withTime
      ? shares.map((_, i) =>
          readFileSync(join(scratch, `rss-${i}`), 'utf8')
            .trim()
            .split('\n')
            .pop()!
            .split(' ')
            .map(Number),
        )
      : [];
    const db = await openDatabase(target);
    try {
      const one = async (q: ReturnType<typeof sql<{ n: number }>>) => Number((await q.execute(db)).rows[0].n);
      return {
        processes: shares.length,
        filesGiven: shares.reduce((n, s) => n + s.length, 0),
        wallSeconds,
        added: summaries.reduce((n, s) => n + s.added.length, 0),
        unchanged: summaries.reduce((n, s) => n + s.unchanged.length, 0),
        rejected: summaries.reduce((n, s) => n + s.rejected.length, 0),
        failed: outcomes.flatMap((o) => (o.ok ? [] : [{ status: o.status, error: o.error }])),
        peakRssMb: usage.length ? Math.round(Math.max(...usage.map((u) => u[0])) / 1024) : null,
        cpuSeconds: usage.length ? usage.reduce((n, u) => n + u[1] + u[2], 0) : null,
        sources: await one(sql<{ n: number }>`SELECT count(*) AS n FROM source`),
        distinctHashes: await one(sql<{ n: number }>`SELECT count(DISTINCT content_sha256) AS n FROM source`),
        claims: await one(sql<{ n: number }>`SELECT count(*) AS n FROM claim`),
        links: await one(sql<{ n: number }>`SELECT count(*) AS n FROM claim_link`),
        mentions: await one(sql<{ n: number }>`SELECT count(*) AS n FROM mention`),
      };
    } finally {
      await db.destroy();
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** One `claimtrail ingest --json --db target FILES…` (under /usr/bin/time when `rssFile` is given); its summary. */
function runIngest(target: string, files: string[], rssFile: string | null): Promise<ChildOutcome> {
  const args = ['--db', target, 'ingest', '--json', ...files];
  const [cmd, argv] = rssFile ? [TIME, ['-f', '%M %U %S', '-o', rssFile, process.execPath, CLI, ...args]] : [process.execPath, [CLI, ...args]];
  return new Promise((resolve, reject) => {
    // no terminal: the CLI draws no progress bar
    const child = spawn(cmd, argv, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      // 1: some file was rejected (the others are stored); anything else is a failed run, reported as such
      const error = err.trim().split('\n').pop() ?? '';
      if (code !== 0 && code !== 1) return resolve({ ok: false, status: code, error });
      try {
        resolve({ ok: true, summary: JSON.parse(out) as ChildSummary });
      } catch {
        resolve({ ok: false, status: code, error: `no JSON summary: ${out.slice(0, 200)} ${error}` });
      }
    });
  });
}
