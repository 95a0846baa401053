// SQLite and PostgreSQL side by side (issue 11):
//   a. ingest of the BBC set by 1, 2 and 4 `claimtrail ingest` processes at once into one database, each given a
//      disjoint share of the files, and again with every file given to two processes at once: wall seconds,
//      articles/s, distinct sources (2,127 for the whole set: anything else is a failure), claims, links, peak RSS;
//   b. search p50/p95 at 1,000,000 claims (the mix of bench/search.bench.ts; built as it builds, in a child process);
//   c. export of 10,000 claims as CSV and CSL-JSON, ms.
// SQLite runs on temp files. PostgreSQL runs when CLAIMTRAIL_BENCH_PG_URL names a server's admin URL: the bench
// creates its own databases there (bench_…) and drops them; without it, it says PostgreSQL was skipped and why.
// On PostgreSQL, the statements of every query over 20 ms at p95 are run again under EXPLAIN (ANALYZE, BUFFERS) and
// their plans written to test-output/bench/.
// Usage: npm run bench:engines [-- --only ingest,search] [--claims 1000000] [--processes 1,2,4] [--twice 2,4] [--engines sqlite,postgres]
//   (--processes: the runs with disjoint shares; --twice: the runs with every file given to two processes, even counts)
//   exits 1 when a run ends with other than 2,127 distinct sources (or the ingest processes disagree on claims).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectFiles } from '../src/ingest/collect-files.js';
import { ingestPaths } from '../src/pipeline/ingest-paths.js';
import { openDatabase } from '../src/storage/connect.js';
import type { Engine } from '../src/storage/engine.js';
import { BBC_DIR, peakRssMb } from './bench-helpers.js';
import { type BenchTarget, benchPgUrl, pgUnreachable, redacted, targetOf } from './engine-targets.js';
import { disjointShares, doubledShares, ingestInParallel, type ParallelIngestResult } from './parallel-ingest.js';
import { explainAnalyze, percentile, recordingStatements, SEARCH_EXTRAS, searchMix, timeExport, timeSearches, topSpeaker } from './search-timing.js';
import { countClaims, synthesiseClaims } from './synthesise-claims.js';

const BBC_DISTINCT_SOURCES = 2127;
const P95_TARGET_MS = 20;
const ROOT = new URL('..', import.meta.url).pathname;
const PLANS_DIR = join(ROOT, 'test-output/bench');
const ENGINE_NAMES: Record<Engine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** What the search child prints on its last line (after RESULT). */
interface SearchFigures {
  claims: number;
  queries: number;
  p50: number;
  p95: number;
  max: number;
  perQuery: Record<string, { p50: number; p95: number }>;
  extras: Record<string, { p50: number; p95: number }>;
  csvMs: number;
  cslMs: number;
  peakRssMb: number;
  plans: string | null;
}

// ---- child processes: the 1M-claim build and the measurements, each in a process of its own (for its RSS) ----

async function buildChild(target: string, claims: number): Promise<void> {
  const db = await openDatabase(target);
  try {
    if (!(await countClaims(db))) await ingestPaths(db, [BBC_DIR]);
    const figures = await synthesiseClaims(db, claims);
    console.log(`  built: ${figures.claims} claims (from ${figures['base claims']}), copies ${figures['copy s']} s, indexes ${figures['index s']} s`);
  } finally {
    await db.destroy();
  }
}

async function measureChild(target: string, engine: Engine): Promise<void> {
  const db = await openDatabase(target);
  try {
    const claims = await countClaims(db);
    const mix = searchMix(await topSpeaker(db));
    const { times, perQuery, extraTimes } = await timeSearches(db, mix, SEARCH_EXTRAS);
    const csvMs = await timeExport(db, 'csv');
    const cslMs = await timeExport(db, 'csl');
    const summary = (xs: Record<string, number[]>) =>
      Object.fromEntries(Object.entries(xs).map(([q, ms]) => [q, { p50: percentile(ms, 50), p95: percentile(ms, 95) }]));
    const perQuerySummary = summary(perQuery);
    const extras = summary(extraTimes);
    const plans = engine === 'postgres' ? await explainSlow(db, [...mix, ...SEARCH_EXTRAS], { ...perQuerySummary, ...extras }) : null;
    const figures: SearchFigures = {
      claims,
      queries: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: Math.max(...times),
      perQuery: perQuerySummary,
      extras,
      csvMs,
      cslMs,
      peakRssMb: Number(peakRssMb()),
      plans,
    };
    console.log(`RESULT ${JSON.stringify(figures)}`);
  } finally {
    await db.destroy();
  }
}

/** Runs each query over the target at p95 once more, recording its statements; EXPLAIN ANALYZE of its two slowest. */
async function explainSlow(db: Awaited<ReturnType<typeof openDatabase>>, queries: object[], p95: Record<string, { p95: number }>): Promise<string | null> {
  const slow = queries.filter((f) => (p95[JSON.stringify(f)]?.p95 ?? 0) > P95_TARGET_MS);
  if (!slow.length) return null;
  const { searchClaims } = await import('../src/storage/search.repository.js');
  const recorder = recordingStatements(db);
  const out: string[] = [];
  for (const f of slow) {
    recorder.take();
    await searchClaims(recorder.db, f, { limit: 20, offset: 0 });
    const statements = recorder.take().sort((a, b) => b.ms - a.ms);
    out.push(
      `==== ${JSON.stringify(f)}: p95 ${p95[JSON.stringify(f)].p95.toFixed(1)} ms; its statements: ${statements.map((s) => s.ms.toFixed(1)).join(', ')} ms`,
    );
    for (const s of statements.slice(0, 2)) {
      out.push(`-- ${s.ms.toFixed(1)} ms, parameters ${clip(JSON.stringify(s.parameters))}\n${clip(s.sql)}\n`);
      out.push((await explainAnalyze(db, s)).split('\n').map(clip).join('\n'), '');
    }
  }
  mkdirSync(PLANS_DIR, { recursive: true });
  const file = join(PLANS_DIR, `pg-slow-plans-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`);
  writeFileSync(file, `${out.join('\n')}\n`);
  return file;
}

/** A line cut to 300 characters (IN lists of a thousand ids). */
const clip = (line: string) => (line.length > 300 ? `${line.slice(0, 300)}… (${line.length} characters)` : line);

function runChild(args: string[]): string {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0) throw new Error(`${args[0]} failed (exit ${child.status}): ${child.stdout.slice(-500)}`);
  return child.stdout;
}

// ---- the side-by-side tables --------------------------------------------------------------------------------

function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
  console.log(`\n${title}\n${line(header)}\n|${widths.map((w, i) => (i ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`);
  for (const r of cells.slice(1)) console.log(line(r));
}

const perEngine = (engines: Engine[], label: string) => engines.map((e) => `${ENGINE_NAMES[e]} ${label}`);

// ---- main --------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string', default: 'ingest,search' },
      claims: { type: 'string', default: '1000000' },
      processes: { type: 'string', default: '1,2,4' },
      twice: { type: 'string', default: '2,4' },
      engines: { type: 'string', default: 'sqlite,postgres' },
    },
  });
  const only = new Set(values.only.split(','));
  const wanted = values.engines.split(',') as Engine[];
  const claimsTarget = Number(values.claims);
  const counts = values.processes.split(',').map(Number);
  const twiceCounts = values.twice ? values.twice.split(',').map(Number) : [];

  const pg = benchPgUrl();
  let adminUrl: string | undefined;
  const engines: Engine[] = wanted.filter((e) => e === 'sqlite');
  if (wanted.includes('postgres')) {
    const skipped = 'skipped' in pg ? pg.skipped : await pgUnreachable(pg.url);
    if (skipped || !('url' in pg)) console.log(`PostgreSQL skipped: ${skipped}`);
    else {
      adminUrl = pg.url;
      engines.push('postgres');
      console.log(`PostgreSQL: ${redacted(adminUrl)} (the bench creates and drops its own bench_… databases)`);
    }
  }
  console.log(
    `machine: ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );

  let failed = false;
  const targets: BenchTarget[] = [];
  // the whole set ingested by one process, per engine: the base the search bench copies up to a million claims
  const bases = new Map<Engine, BenchTarget>();
  try {
    if (only.has('ingest')) {
      const files = collectFiles([BBC_DIR]).files;
      const runs: { label: string; shares: (n: number) => string[][]; n: number }[] = [
        ...counts.map((n) => ({ label: `${n} × disjoint share`, shares: (k: number) => disjointShares(files, k), n })),
        ...twiceCounts.map((n) => ({ label: `${n} × every file twice`, shares: (k: number) => doubledShares(files, k), n })),
      ];
      const results = new Map<string, Map<Engine, ParallelIngestResult>>();
      for (const run of runs) {
        const byEngine = new Map<Engine, ParallelIngestResult>();
        results.set(run.label, byEngine);
        for (const engine of engines) {
          const target = await targetOf(engine, adminUrl, `ingest${run.n}`);
          targets.push(target);
          const r = await ingestInParallel(target.target, run.shares(run.n));
          byEngine.set(engine, r);
          console.log(
            `  ${ENGINE_NAMES[engine]}, ${run.label}: ${r.wallSeconds.toFixed(1)} s, ${r.sources} sources, ${r.claims} claims, ${r.links} links (added ${r.added}, unchanged ${r.unchanged}, rejected ${r.rejected}, processes failed ${r.failed.length})`,
          );
          for (const f of r.failed) console.log(`    a process failed (exit ${f.status}): ${f.error}`);
          if (run.n === 1 && !run.label.includes('twice') && !bases.has(engine)) bases.set(engine, target);
          else {
            await target.drop();
            targets.splice(targets.indexOf(target), 1);
          }
        }
      }
      const rows = [...results].map(([label, byEngine]) => [
        label,
        ...engines.map((e) => byEngine.get(e)!.wallSeconds.toFixed(1)),
        ...engines.map((e) => (byEngine.get(e)!.filesGiven / byEngine.get(e)!.wallSeconds).toFixed(0)),
        ...engines.map((e) => byEngine.get(e)!.cpuSeconds?.toFixed(0) ?? '–'),
        ...engines.map(
          (e) => `${byEngine.get(e)!.distinctHashes}${byEngine.get(e)!.sources === BBC_DISTINCT_SOURCES ? '' : ` (rows ${byEngine.get(e)!.sources})`}`,
        ),
        ...engines.map((e) => byEngine.get(e)!.claims),
        ...engines.map((e) => byEngine.get(e)!.links),
        ...engines.map((e) => byEngine.get(e)!.peakRssMb ?? '–'),
        ...engines.map((e) => byEngine.get(e)!.failed.length),
      ]);
      table(
        `a. ingest of the BBC set (${files.length} files) by N \`claimtrail ingest\` processes at once (wall s; articles given per wall second; CPU s of the ingest processes together; distinct sources, must be ${BBC_DISTINCT_SOURCES}; claims; links; largest peak RSS of one process, MB; processes that failed)`,
        [
          'run',
          ...perEngine(engines, 's'),
          ...perEngine(engines, 'articles/s'),
          ...perEngine(engines, 'CPU s'),
          ...perEngine(engines, 'sources'),
          ...perEngine(engines, 'claims'),
          ...perEngine(engines, 'links'),
          ...perEngine(engines, 'RSS MB'),
          ...perEngine(engines, 'failed'),
        ],
        rows,
      );
      const first = [...results.values()][0];
      for (const [label, byEngine] of results)
        for (const [engine, r] of byEngine) {
          if (r.failed.length) {
            console.log(
              `FAIL: ${ENGINE_NAMES[engine]}, ${label}: ${r.failed.length} of ${r.processes} processes failed: ${r.failed.map((f) => f.error).join(' | ')}`,
            );
            failed = true;
          }
          if (r.sources !== BBC_DISTINCT_SOURCES || r.distinctHashes !== BBC_DISTINCT_SOURCES) {
            console.log(`FAIL: ${ENGINE_NAMES[engine]}, ${label}: ${r.sources} sources (${r.distinctHashes} distinct), not ${BBC_DISTINCT_SOURCES}`);
            failed = true;
          }
          const one = first?.get(engine);
          if (one && r.claims !== one.claims) console.log(`note: ${ENGINE_NAMES[engine]}, ${label}: ${r.claims} claims, the first run stored ${one.claims}`);
        }
    }

    if (only.has('search') || only.has('export')) {
      const figures = new Map<Engine, SearchFigures & { buildSeconds: number }>();
      for (const engine of engines) {
        let base = bases.get(engine);
        if (!base) {
          base = await targetOf(engine, adminUrl, 'search');
          targets.push(base);
        }
        console.log(`\n${ENGINE_NAMES[engine]}: building ${claimsTarget.toLocaleString('en')} claims…`);
        const t = performance.now();
        process.stdout.write(runChild(['--build', base.target, String(claimsTarget)]));
        const buildSeconds = (performance.now() - t) / 1000;
        const out = runChild(['--measure', base.target, engine]);
        const line = out.split('\n').find((l) => l.startsWith('RESULT '));
        if (!line) throw new Error(`the search child printed no RESULT: ${out.slice(-500)}`);
        figures.set(engine, { ...(JSON.parse(line.slice(7)) as SearchFigures), buildSeconds });
        const got = figures.get(engine)!;
        // each engine's figures as soon as they are in (the table below needs both)
        console.log(
          `  measured: p50 ${got.p50.toFixed(2)} ms, p95 ${got.p95.toFixed(2)} ms, export CSV ${got.csvMs.toFixed(0)} ms, CSL ${got.cslMs.toFixed(0)} ms`,
        );
        await base.drop();
        targets.splice(targets.indexOf(base), 1);
      }
      const f = (e: Engine) => figures.get(e)!;
      table(
        `b. search at ${claimsTarget.toLocaleString('en')} claims: a page of 20 + capped count + highlights + conflicts (ms; target p95 ≤ ${P95_TARGET_MS} ms)`,
        ['', ...engines.map((e) => ENGINE_NAMES[e])],
        [
          ['claims', ...engines.map((e) => f(e).claims)],
          ['timed queries', ...engines.map((e) => f(e).queries)],
          ['p50 ms', ...engines.map((e) => f(e).p50.toFixed(2))],
          ['p95 ms', ...engines.map((e) => `${f(e).p95.toFixed(2)}${f(e).p95 <= P95_TARGET_MS ? '' : ' (over target)'}`)],
          ['max ms', ...engines.map((e) => f(e).max.toFixed(1))],
          ['build s (ingest + copies + index)', ...engines.map((e) => f(e).buildSeconds.toFixed(0))],
          ['peak RSS MB (searching process)', ...engines.map((e) => f(e).peakRssMb)],
        ],
      );
      const queries = Object.keys(f(engines[0]).perQuery);
      table(
        'per query p50 / p95 ms',
        ['query', ...engines.map((e) => ENGINE_NAMES[e])],
        queries.map((q) => [q, ...engines.map((e) => `${f(e).perQuery[q]?.p50.toFixed(1)} / ${f(e).perQuery[q]?.p95.toFixed(1)}`)]),
      );
      table(
        'not in the mix (ranking, near-name speaker, date range): p50 / p95 ms',
        ['query', ...engines.map((e) => ENGINE_NAMES[e])],
        Object.keys(f(engines[0]).extras).map((q) => [q, ...engines.map((e) => `${f(e).extras[q]?.p50.toFixed(1)} / ${f(e).extras[q]?.p95.toFixed(1)}`)]),
      );
      table(
        `c. export of 10,000 claims (of ${claimsTarget.toLocaleString('en')}), ms`,
        ['format', ...engines.map((e) => ENGINE_NAMES[e])],
        [
          ['CSV', ...engines.map((e) => f(e).csvMs.toFixed(0))],
          ['CSL-JSON', ...engines.map((e) => f(e).cslMs.toFixed(0))],
        ],
      );
      for (const e of engines) if (f(e).plans) console.log(`\n${ENGINE_NAMES[e]}: plans of the queries over ${P95_TARGET_MS} ms at p95 in ${f(e).plans}`);
    }
  } finally {
    for (const t of targets) await t.drop();
  }
  console.log(`\npeak RSS of this (orchestrating) process: ${peakRssMb()} MB`);
  return failed ? 1 : 0;
}

if (process.argv[2] === '--build') {
  await buildChild(process.argv[3], Number(process.argv[4]));
  process.exit(0);
} else if (process.argv[2] === '--measure') {
  await measureChild(process.argv[3], process.argv[4] as Engine);
  process.exit(0);
} else process.exit(await main());
