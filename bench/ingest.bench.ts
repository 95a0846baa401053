// Ingest alone (read, decode, normalise, segment, store; no extraction) of the BBC set into a fresh temp DB.
// Prints articles/s and peak RSS. Usage: npm run bench:ingest [-- DIR]
import { rmSync } from 'node:fs';
import { ingestPaths } from '../src/pipeline/ingest-paths.js';
import { createBenchDb, BBC_DIR, cpuSecondsSince, peakRssMb, report } from './bench-helpers.js';

const dir = process.argv[2] ?? BBC_DIR;
const { db, path } = await createBenchDb();
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const summary = await ingestPaths(db, [dir], { extract: false });
const seconds = (performance.now() - t0) / 1000;
const cpuSeconds = cpuSecondsSince(cpu0);
const files = summary.added.length + summary.unchanged.length + summary.rejected.length;
report('ingest (no extraction)', {
  files,
  added: summary.added.length,
  unchanged: summary.unchanged.length,
  rejected: summary.rejected.length,
  seconds: seconds.toFixed(2),
  'CPU seconds': cpuSeconds.toFixed(2),
  'articles/s': (files / seconds).toFixed(0),
  'articles/CPU-s': (files / cpuSeconds).toFixed(0),
  'peak RSS MB': peakRssMb(),
});
await db.destroy();
rmSync(path, { force: true });
