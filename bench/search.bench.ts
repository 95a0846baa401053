// Search and export at scale: the BBC set ingested once (with extraction), then its sources and claims copied
// as distinct sources until there are at least TARGET claims (bench/synthesise-claims.ts). Prints p50/p95 search
// times for a fixed query mix, the time to export 10,000 claims as CSV and CSL-JSON, and the peak RSS of the
// searching process. The database is built in a child process so the RSS figure is the one a server answering these
// queries would see. `npm run bench:engines` runs the same on SQLite and PostgreSQL side by side.
// Usage: npm run bench:search [-- TARGET_CLAIMS]
//   SEARCH_BENCH_DB=/tmp/search-1m.db npm run bench:search   keeps the built database there and reuses it next time
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ingestPaths } from '../src/pipeline/ingest-paths.js';
import { openDatabase } from '../src/storage/connect.js';
import { BBC_DIR, createBenchDb, peakRssMb, report } from './bench-helpers.js';
import { percentile as pct, SEARCH_EXTRAS, searchMix, timeExport, timeSearches, topSpeaker } from './search-timing.js';
import { countClaims, synthesiseClaims } from './synthesise-claims.js';

/** Child process: ingest the BBC set into `path` and copy it up to `target` claims. */
async function build(path: string, target: number): Promise<void> {
  const db = await openDatabase(path);
  const t = performance.now();
  const summary = await ingestPaths(db, [BBC_DIR]);
  const ingestSeconds = (performance.now() - t) / 1000;
  const figures = await synthesiseClaims(db, target);
  report('build (child process)', {
    'BBC files': summary.added.length + summary.unchanged.length,
    'ingest s': ingestSeconds.toFixed(1),
    ...figures,
    'build peak RSS MB': peakRssMb(),
  });
  await db.destroy();
}

if (process.argv[2] === '--build') {
  await build(process.argv[3], Number(process.argv[4]));
  process.exit(0);
}

const TARGET = Number(process.argv[2] ?? 1_000_000);
const kept = process.env.SEARCH_BENCH_DB;
let path: string;
if (kept) path = kept;
else {
  const fresh = await createBenchDb();
  await fresh.db.destroy();
  path = fresh.path;
}
if (!kept || !existsSync(path)) {
  const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--build', path, String(TARGET)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`building the bench database failed (exit ${child.status})`);
} else console.log(`reusing ${path}`);

const db = await openDatabase(path);
const total = await countClaims(db);
const rssBefore = process.memoryUsage().rss;
const { times, perQuery, extraTimes } = await timeSearches(db, searchMix(await topSpeaker(db)), SEARCH_EXTRAS);
const csvMs = await timeExport(db, 'csv');
const cslMs = await timeExport(db, 'csl');

report('search (page of 20 + capped count + highlight + conflicts)', {
  claims: total,
  queries: times.length,
  'p50 ms': pct(times, 50).toFixed(2),
  'p95 ms': pct(times, 95).toFixed(2),
  'max ms': Math.max(...times).toFixed(2),
  'export 10k CSV ms': csvMs.toFixed(0),
  'export 10k CSL ms': cslMs.toFixed(0),
  'RSS at open MB': (rssBefore / 1048576).toFixed(0),
  'RSS end MB': (process.memoryUsage().rss / 1048576).toFixed(0),
  'peak RSS MB': peakRssMb(),
});
console.log('\nper query p50 / p95 ms');
for (const [q, xs] of Object.entries(perQuery)) console.log(`  ${pct(xs, 50).toFixed(2).padStart(8)} ${pct(xs, 95).toFixed(2).padStart(8)}  ${q}`);
console.log('\nnot in the mix: p50 / p95 ms');
for (const [q, xs] of Object.entries(extraTimes)) console.log(`  ${pct(xs, 50).toFixed(2).padStart(8)} ${pct(xs, 95).toFixed(2).padStart(8)}  ${q}`);
await db.destroy();
if (!kept) rmSync(dirname(path), { recursive: true, force: true });
