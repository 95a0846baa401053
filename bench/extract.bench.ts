// End to end: read, decode, normalise, extract and store all BBC articles into a fresh temp DB.
// Prints articles/s, claims/s and peak RSS. Usage: npm run bench:extract [-- DIR]
import { rmSync } from 'node:fs';
import { ingestPaths } from '../src/ingest/ingest-files.js';
import { createBenchDb, BBC_DIR, cpuSecondsSince, peakRssMb, report } from './bench-helpers.js';

const dir = process.argv[2] ?? BBC_DIR;
const { db, path } = await createBenchDb();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const summary = await ingestPaths(db, [dir], { crossref: process.env.BENCH_CROSSREF === '1' });
const seconds = (performance.now() - t0) / 1000;
const cpuSeconds = cpuSecondsSince(cpu0);
const files = summary.added.length + summary.unchanged.length + summary.rejected.length;
const claims = summary.added.reduce((n, a) => n + a.claims, 0);
const byKind = await db.selectFrom('claim').select(['kind', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute();
report('ingest + extract + store', {
  files,
  added: summary.added.length,
  claims,
  ...Object.fromEntries(byKind.map((k) => [`  ${k.kind}`, k.n])),
  seconds: seconds.toFixed(2),
  'CPU seconds': cpuSeconds.toFixed(2),
  'articles/s': (files / seconds).toFixed(0),
  'articles/CPU-s': (files / cpuSeconds).toFixed(0),
  'claims/s': (claims / seconds).toFixed(0),
  'peak RSS MB': peakRssMb(),
});
await db.destroy();
rmSync(path, { force: true });
