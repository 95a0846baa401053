// Search and export at scale: the BBC set ingested once (with extraction), then its sources and claims copied
// as distinct sources until there are at least TARGET claims. Prints p50/p95 search times for a fixed query mix,
// the time to export 10,000 claims as CSV and CSL-JSON, and peak RSS.
// Usage: npm run bench:search [-- TARGET_CLAIMS]
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { formatExport } from '../src/export/index.js';
import { ingestPaths } from '../src/ingest/ingest-files.js';
import { iterateExportRows } from '../src/search/export-rows.js';
import { searchClaims, type SearchFilters } from '../src/search/search.repository.js';
import { BBC_DIR, createBenchDb, peakRssMb, report } from './bench-helpers.js';

const TARGET = Number(process.argv[2] ?? 1_000_000);
const OUTLETS = ['BBC News', 'The Guardian', 'The Times', 'Reuters', 'Sky News'];
const { db, path } = await createBenchDb();

let t = performance.now();
const summary = await ingestPaths(db, [BBC_DIR]);
const ingestSeconds = (performance.now() - t) / 1000;
const count = async () => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM claim`.execute(db)).rows[0].n);
const base = await count();
if (!base) throw new Error('the extractor produced no claims from the BBC set: nothing to benchmark');
const maxSource = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM source`.execute(db)).rows[0].n);
const maxClaim = Number((await sql<{ n: number }>`SELECT max(id) AS n FROM claim`.execute(db)).rows[0].n);
await sql`UPDATE source SET outlet = 'BBC News', published_at = '2005-' || printf('%02d', 1 + id % 12) WHERE outlet IS NULL`.execute(db);

// copies: each a distinct source (content hash suffixed), outlet and month varied so filters mean something
t = performance.now();
const copies = Math.ceil(TARGET / base) - 1;
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
const total = await count();
const copySeconds = (performance.now() - t) / 1000;
await sql`PRAGMA optimize`.execute(db);
await sql`INSERT INTO claim_fts(claim_fts) VALUES ('optimize')`.execute(db);

// the query mix: common and rare words, phrases, a speaker filter (the most quoted speaker), an outlet filter, prefixes
const topSpeaker = (await sql<{ name: string }>`SELECT speaker_name AS name FROM claim WHERE speaker_entity_id IS NOT NULL GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 1`.execute(db)).rows[0]?.name ?? 'Blair';
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
const times: number[] = [];
const perQuery: Record<string, number[]> = {};
for (let round = 0; round < 12; round++) {
  for (const f of mix) {
    const start = performance.now();
    await searchClaims(db, f, { limit: 20, offset: round % 3 === 2 ? 20 : 0 });
    const ms = performance.now() - start;
    if (round > 1) {
      times.push(ms);
      (perQuery[JSON.stringify(f)] ??= []).push(ms);
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
  'BBC files': summary.added.length + summary.unchanged.length,
  'ingest s': ingestSeconds.toFixed(1),
  'base claims': base,
  'claims': total,
  'copy s': copySeconds.toFixed(1),
  'queries': times.length,
  'p50 ms': pct(times, 50).toFixed(2),
  'p95 ms': pct(times, 95).toFixed(2),
  'max ms': Math.max(...times).toFixed(2),
  'export 10k CSV ms': csvMs.toFixed(0),
  'export 10k CSL ms': cslMs.toFixed(0),
  'peak RSS MB': peakRssMb(),
});
console.log('\nper query p50 / p95 ms');
for (const [q, xs] of Object.entries(perQuery)) console.log(`  ${pct(xs, 50).toFixed(2).padStart(8)} ${pct(xs, 95).toFixed(2).padStart(8)}  ${q}`);
await db.destroy();
rmSync(path, { force: true });
