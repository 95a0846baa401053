// Cross-referencing cost on the BBC set: ingests (with extraction, without crossref) into a temp DB, then times
// crossrefSources for every source (what a full ingest pays), crossrefAll, and crossrefSources for the last 10%
// (an incremental ingest). CPU seconds, not wall time: the machine is shared.
// Usage: npx tsx bench/crossref.bench.ts [DIR]   (CLAIMTRAIL_BENCH_DB=path keeps/reuses the ingested DB)
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { crossrefAll, crossrefSources } from '../src/crossref/crossref.service.js';
import { ingestPaths } from '../src/pipeline/ingest-paths.js';
import { openDatabase, type DB } from '../src/storage/connect.js';
import { createBenchDb, BBC_DIR, cpuSecondsSince, peakRssMb, report } from './bench-helpers.js';

const dir = process.argv[2] ?? BBC_DIR;
const keep = process.env.CLAIMTRAIL_BENCH_DB;
let { db, path } = await createBenchDb();
let ingestCpu = 0;
if (keep && existsSync(keep)) {
  await db.destroy();
  copyFileSync(keep, path);
  db = await openDatabase(path);
} else {
  const cpu0 = process.cpuUsage();
  await ingestPaths(db, [dir], { crossref: false });
  ingestCpu = cpuSecondsSince(cpu0);
  if (keep) {
    await db.destroy();
    copyFileSync(path, keep);
    db = await openDatabase(path);
  }
}

async function clearLinks(d: DB) {
  await d.deleteFrom('claim_link').execute();
  await d.deleteFrom('entity_link').execute();
}

async function countLinks(d: DB): Promise<Record<string, number>> {
  const claims = await d
    .selectFrom('claim_link')
    .select(['relation', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('relation')
    .execute();
  const entities = await d
    .selectFrom('entity_link')
    .select(['relation', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('relation')
    .execute();
  return Object.fromEntries([...claims, ...entities].map((r) => [r.relation, Number(r.n)]));
}

const ids = (await db.selectFrom('source').select('id').orderBy('id').execute()).map((r) => r.id);
const tail = ids.slice(Math.floor(ids.length * 0.9));

await clearLinks(db);
let cpu = process.cpuUsage();
await crossrefSources(db, ids);
const allNewCpu = cpuSecondsSince(cpu);
const counts = await countLinks(db);

await clearLinks(db);
cpu = process.cpuUsage();
await crossrefAll(db);
const allCpu = cpuSecondsSince(cpu);

// incremental: everything but the last 10% is already cross-referenced
await clearLinks(db);
await crossrefSources(db, ids.slice(0, ids.length - tail.length));
cpu = process.cpuUsage();
const inc = await crossrefSources(db, tail);
const tailCpu = cpuSecondsSince(cpu);

report('crossref', {
  sources: ids.length,
  ...(ingestCpu ? { 'ingest CPU s': ingestCpu.toFixed(2) } : {}),
  'all as new CPU s': allNewCpu.toFixed(2),
  'crossrefAll CPU s': allCpu.toFixed(2),
  [`last ${tail.length} CPU s`]: tailCpu.toFixed(2),
  'last 10% added': `${inc.claimLinksAdded} claim, ${inc.entityLinksAdded} entity links`,
  ...counts,
  'peak RSS MB': peakRssMb(),
});
await db.destroy();
rmSync(path, { force: true });
