import { existsSync, readFileSync, writeFileSync, rmSync, mkdtempSync } from 'node:fs';
import { serialize, deserialize } from 'node:v8';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectFiles } from '../src/ingest/collect-files.js';
import { parseArticle } from '../src/ingest/parse-article.js';
import { readFileCapped } from '../src/ingest/read-file.js';
import { extractClaims } from '../src/extract/index.js';
import { openDatabase, preparedStatementsOf } from '../src/storage/connect.js';
import { BatchWriter } from '../src/storage/batch-writer.js';
import { storeArticleIn } from '../src/storage/store-article.js';
import { sql } from 'kysely';
const CACHE = '/tmp/pipe-extracted.v8';
let items: any[];
if (existsSync(CACHE)) items = deserialize(readFileSync(CACHE));
else {
  const { files } = collectFiles(['/work/shared/data/bbc-news-greene2006/bbc']);
  items = [];
  for (const f of files) { const p = parseArticle(readFileCapped(f, 5e6), f); if (p.ok) items.push({ file: f, article: p.article, extraction: extractClaims(p.article.text, p.article.paragraphs, p.article.sentences) }); }
  writeFileSync(CACHE, serialize(items));
}
const variant = process.argv[2] ?? 'base';
const path = join(mkdtempSync(join(tmpdir(), 'ct-store-')), 'x.db');
const db = await openDatabase(path);
const setup: Record<string, string[]> = {
  nofts: ['DROP TRIGGER claim_fts_insert'],
  noidx: ['DROP INDEX claim_speaker_idx', 'DROP INDEX claim_kind_idx', 'DROP INDEX claim_speaker_name_idx', 'DROP INDEX claim_speaker_order_idx', 'DROP INDEX mention_entity_idx', 'DROP INDEX mention_source_start_idx'],
};
for (const s of setup[variant.replace(/\+.*/, '')] ?? []) await sql.raw(s).execute(db);
if (variant.includes('cache')) await sql.raw('PRAGMA cache_size = -65536').execute(db);
if (variant.includes('mmap')) await sql.raw('PRAGMA mmap_size = 268435456').execute(db);
const prepared = preparedStatementsOf(db);
if (variant === 'nomention') { const orig = prepared.insert.bind(prepared); prepared.insert = (t, r) => (t === 'mention' ? 0 : orig(t, r)); }
const cache = new Map();
const writer = new BatchWriter(db, { maxItems: variant === 'big' ? 5000 : 100, maxMs: variant === 'big' ? 1e9 : 500 });
prepared.startTiming();
const c0 = process.cpuUsage(); const t0 = performance.now();
for (const it of items) await writer.add((trx) => storeArticleIn(trx, prepared, it.article, it.extraction, { file: it.file, extractor: 'x@1', entityCache: cache }), (o) => { if (!o.ok) throw o.error; });
await writer.flush();
if (variant.includes('bulkfts')) { const t1 = performance.now(); await sql.raw(`INSERT INTO claim_fts(rowid, exact, speaker, outlet, title) SELECT c.id, c.exact, coalesce(c.speaker_name, '') || ' ' || coalesce(c.speaker_text, ''), coalesce(s.outlet, ''), coalesce(s.title, '') FROM claim c JOIN source s ON s.id = c.source_id`).execute(db); console.log('bulk fts', ((performance.now() - t1) / 1000).toFixed(2), 's'); }
const c = process.cpuUsage(c0);
console.log(variant.padEnd(10), ((c.user + c.system) / 1e6).toFixed(2), 'cpu-s', ((performance.now() - t0) / 1000).toFixed(2), 's');
for (const [k, v] of prepared.stopTiming()) console.log('  ', k.padEnd(14), v.rows, (v.ms / 1000).toFixed(2), 's');
await db.destroy(); rmSync(path, { force: true });
