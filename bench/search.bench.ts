// Search and export at scale: the BBC set ingested once (with extraction), then its sources and claims copied
// as distinct sources until there are at least TARGET claims. Prints p50/p95 search times for a fixed query mix,
// the time to export 10,000 claims as CSV and CSL-JSON, and the peak RSS of the searching process.
// The database is built in a child process so the RSS figure is the one a server answering these queries would see.
// Usage: npm run bench:search [-- TARGET_CLAIMS]
//   SEARCH_BENCH_DB=/tmp/search-1m.db npm run bench:search   keeps the built database there and reuses it next time
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { formatExport } from '../src/export/index.js';
import { ingestPaths } from '../src/pipeline/ingest-paths.js';
import { iterateExportRows } from '../src/search/export-rows.js';
import type { SearchFilters } from '../src/search/search-types.js';
import { searchClaims } from '../src/storage/search.repository.js';
import { openDatabase, type DB } from '../src/storage/connect.js';
import { BBC_DIR, createBenchDb, peakRssMb, report } from './bench-helpers.js';

const OUTLETS = ['BBC News', 'The Guardian', 'The Times', 'Reuters', 'Sky News'];
const count = async (db: DB) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM claim`.execute(db)).rows[0].n);

/** Child process: ingest the BBC set into `path` and copy it up to `target` claims. */
async function build(path: string, target: number): Promise<void> {
  const db = await openDatabase(path);
  let t = performance.now();
  const summary = await ingestPaths(db, [BBC_DIR]);
  const ingestSeconds = (performance.now() - t) / 1000;
  const base = await count(db);
  if (!base) throw new Error('the extractor produced no claims from the BBC set: nothing to benchmark');
  const maxSource = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM source`.execute(db)).rows[0].n);
  const maxClaim = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM claim`.execute(db)).rows[0].n);
  await sql`UPDATE source SET outlet = 'BBC News', published_at = '2005-' || printf('%02d', 1 + id % 12) WHERE outlet IS NULL`.execute(db);

  // copies: each a distinct source (content hash suffixed), outlet and month varied so filters mean something
  t = performance.now();
  const copies = Math.ceil(target / base) - 1;
  for (let k = 1; k <= copies; k++) {
    await db.transaction().execute(async (trx) => {
      await sql`INSERT INTO source (url, outlet, title, author, published_at, language, retrieved_at, file, format, raw_sha256, content_sha256, text, paragraphs_json, removed_json, previous_version_id, created_at)
        SELECT url, ${OUTLETS[k % OUTLETS.length]}, title, author, printf('%04d-%02d', 2005 + ${k} % 20, 1 + (id + ${k}) % 12), language, retrieved_at, file, format, raw_sha256,
               content_sha256 || '-copy' || ${k}, text, paragraphs_json, removed_json, NULL, created_at
        FROM source WHERE id <= ${maxSource}`.execute(trx);
      const offset = k * maxSource;
      await sql`INSERT INTO claim (source_id, kind, exact, start, "end", prefix, suffix, speaker_entity_id, speaker_text, speaker_name, cue, partial, value, unit, qualifier, subject, group_id, extractor, confidence, created_by, anchor_status, verdict, version, created_at, updated_at)
        SELECT source_id + ${offset}, kind, exact, start, "end", prefix, suffix, speaker_entity_id, speaker_text, speaker_name, cue, partial, value, unit, qualifier, subject, NULL, extractor, confidence, created_by, anchor_status, verdict, version, created_at, updated_at
        FROM claim WHERE id <= ${maxClaim}`.execute(trx);
    });
  }
  const copySeconds = (performance.now() - t) / 1000;
  await sql`PRAGMA optimize`.execute(db);
  await sql`INSERT INTO claim_fts(claim_fts) VALUES ('optimize')`.execute(db);
  report('build (child process)', {
    'BBC files': summary.added.length + summary.unchanged.length,
    'ingest s': ingestSeconds.toFixed(1),
    'base claims': base,
    claims: await count(db),
    'copy s': copySeconds.toFixed(1),
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
const total = await count(db);
const rssBefore = process.memoryUsage().rss;

// the query mix: common and rare words, phrases, a speaker filter (the most quoted speaker), an outlet filter, prefixes
const topSpeaker =
  (
    await sql<{
      name: string;
    }>`SELECT speaker_name AS name FROM claim WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 1`.execute(db)
  ).rows[0]?.name ?? 'Blair';
const mix: SearchFilters[] = [
  { q: 'government' },
  { q: 'economy growth' },
  { q: '"prime minister"' },
  { q: '"interest rates"' },
  { q: 'econom*' },
  { q: 'terror*' },
  { speaker: topSpeaker },
  { speaker: topSpeaker, q: 'election' },
  { outlet: 'Reuters', q: 'music' },
  { outlet: 'Sky News' },
  { q: 'said' },
  { q: 'xylophone' },
  { kind: 'figure', q: 'million' },
];
// timed and shown, but outside the p50/p95 mix: ranking is opt-in and scores every match
const extras: SearchFilters[] = [
  { q: 'xylophone', sort: 'relevance' },
  { q: '"interest rates"', sort: 'relevance' },
  { q: 'government', sort: 'relevance' },
  { speaker: 'Tony Blaire' },
  { outlet: 'Sky News', from: '2010', to: '2012' },
];
const times: number[] = [];
const perQuery: Record<string, number[]> = {};
const extraTimes: Record<string, number[]> = {};
for (let round = 0; round < 12; round++) {
  for (const [set, f] of [...mix.map((f) => ['mix', f] as const), ...extras.map((f) => ['extra', f] as const)]) {
    const start = performance.now();
    await searchClaims(db, f, { limit: 20, offset: round % 3 === 2 ? 20 : 0 });
    const ms = performance.now() - start;
    if (round > 1) {
      if (set === 'mix') {
        times.push(ms);
        (perQuery[JSON.stringify(f)] ??= []).push(ms);
      } else (extraTimes[JSON.stringify(f)] ??= []).push(ms);
    }
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function timeExport(format: 'csv' | 'csl'): Promise<number> {
  const start = performance.now();
  let bytes = 0;
  const ctx = { count: 10000, baseUrl: 'http://localhost:3000', publisher: 'bench', generatedAt: new Date().toISOString() };
  for await (const chunk of formatExport(format, iterateExportRows(db, { filters: {} }, { limit: 10000 }), ctx)) bytes += chunk.length;
  if (bytes < 10000) throw new Error('export produced too little');
  return performance.now() - start;
}
const csvMs = await timeExport('csv');
const cslMs = await timeExport('csl');

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
