// End to end through the pipeline: read, parse and extract (worker threads), store, all BBC articles into a fresh
// temp DB. Prints articles/s (wall and CPU), peak RSS, where the time went (per step, and per table inserted into).
// Usage: npm run bench:extract [-- DIR]   BENCH_CROSSREF=1 cross-references too; BENCH_DUMP=1 prints the output's
// sha256 (bench/compare-output.ts), to show a change to the pipeline or storage keeps the output identical.
// It runs the compiled build (dist/, built first when stale), as `claimtrail ingest` does: worker threads started
// from TypeScript would each load tsx's compiler and loader thread too.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BBC_DIR, cpuSecondsSince, peakRssMb, report } from './bench-helpers.js';
import { dumpDatabase } from './compare-output.js';

const built = (await import(new URL('../bin/build.mjs', import.meta.url).href)) as { ensureBuilt: () => Promise<void> };
await built.ensureBuilt();
const dist = (file: string) => import(new URL(`../dist/src/${file}`, import.meta.url).href);
const { openDatabase, startInsertTiming, stopInsertTiming } = (await dist('storage/connect.js')) as typeof import('../src/storage/connect.js');
const { ingestPaths } = (await dist('pipeline/ingest-paths.js')) as typeof import('../src/pipeline/ingest-paths.js');
const { newTimes } = (await dist('pipeline/ingest-pipeline.js')) as typeof import('../src/pipeline/ingest-pipeline.js');
const { createExtractionPool, bulkPoolOptionsFromConfig } = (await dist('pipeline/extraction-pool.js')) as typeof import('../src/pipeline/extraction-pool.js');

const dir = process.argv[2] ?? BBC_DIR;
const path = join(mkdtempSync(join(tmpdir(), 'claimtrail-bench-')), 'bench.db');
const db = await openDatabase(path);
const times = newTimes();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
// the workers start loading their modules now, while the files are listed
const pool = createExtractionPool(bulkPoolOptionsFromConfig());
pool.warm();
startInsertTiming(db);
const summary = await ingestPaths(db, [dir], { crossref: process.env.BENCH_CROSSREF === '1', times, pool });
const inserts = stopInsertTiming(db);
const seconds = (performance.now() - t0) / 1000;
const cpuSeconds = cpuSecondsSince(cpu0);
await pool.close();
const files = summary.added.length + summary.unchanged.length + summary.rejected.length;
const claims = summary.added.reduce((n, a) => n + a.claims, 0);
const byKind = await db
  .selectFrom('claim')
  .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('kind')
  .execute();
report('ingest + extract + store', {
  files,
  added: summary.added.length,
  claims,
  ...Object.fromEntries(byKind.map((k) => [`  ${k.kind}`, k.n])),
  threads: pool.threads,
  seconds: seconds.toFixed(2),
  'CPU seconds': cpuSeconds.toFixed(2),
  'articles/s': (files / seconds).toFixed(0),
  'articles/CPU-s': (files / cpuSeconds).toFixed(0),
  'claims/s': (claims / seconds).toFixed(0),
  'peak RSS MB': peakRssMb(),
});
// read+parse and extract run in the workers (thread time summed over them); store and crossref on the main thread
const steps = { 'read+parse': times.readParse, extract: times.extract, store: times.store, 'cross-reference': times.crossref };
const total = Object.values(steps).reduce((a, b) => a + b, 0);
report(
  'where the time went (s, share of all steps; workers summed)',
  Object.fromEntries(Object.entries(steps).map(([k, v]) => [k, `${v.toFixed(2)}  ${((100 * v) / total).toFixed(0)}%`])),
);
const insertTotal = [...inserts.values()].reduce((a, t) => a + t.ms, 0);
report(
  'store: inserts per table (s, rows, share of insert time; claim includes its search index triggers)',
  Object.fromEntries(
    [...inserts]
      .sort((a, b) => b[1].ms - a[1].ms)
      .map(([table, t]) => [table, `${(t.ms / 1000).toFixed(2)}  ${t.rows}  ${((100 * t.ms) / insertTotal).toFixed(0)}%`]),
  ),
);
console.log(`  other store work (queries, search index per group, savepoints, commits): ${Math.max(0, times.store - insertTotal / 1000).toFixed(2)} s`);
if (process.env.BENCH_DUMP === '1') console.log(`\noutput sha256 ${createHash('sha256').update(dumpDatabase(path)).digest('hex')}`);
await db.destroy();
rmSync(path, { force: true });
