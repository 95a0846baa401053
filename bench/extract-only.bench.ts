// Extraction alone (no I/O, no SQLite): parses every BBC article first, then times extractClaims over
// them for a few rounds. Prints articles per CPU-second (steadier than wall time on a shared machine).
// Usage: npx tsx bench/extract-only.bench.ts [DIR] [ROUNDS]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../src/ingest/parse-article.js';
import { extractClaims } from '../src/extract/index.js';
import { BBC_DIR, cpuSecondsSince, report } from './bench-helpers.js';

const dir = process.argv[2] ?? BBC_DIR;
const rounds = Number(process.argv[3] ?? 3);

function listFiles(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? listFiles(path) : name.endsWith('.txt') ? [path] : [];
  });
}

const articles = listFiles(dir).flatMap((file) => {
  const parsed = parseArticle(new Uint8Array(readFileSync(file)), file);
  return parsed.ok ? [{ ...parsed.article, file }] : [];
});
for (const a of articles.slice(0, 200)) extractClaims(a.text, a.paragraphs, a.sentences); // warm up the JIT

let claims = 0;
let slowest = { ms: 0, file: '' };
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  for (const a of articles) {
    const s = performance.now();
    claims += extractClaims(a.text, a.paragraphs, a.sentences).claims.length;
    const ms = performance.now() - s;
    if (ms > slowest.ms) slowest = { ms, file: a.file };
  }
}
const cpuSeconds = cpuSecondsSince(cpu0);
const seconds = (performance.now() - t0) / 1000;
const n = articles.length * rounds;
report('extract only (extractClaims)', {
  articles: articles.length,
  rounds,
  'claims/article': (claims / n).toFixed(1),
  'CPU seconds': cpuSeconds.toFixed(2),
  'articles/CPU-s': (n / cpuSeconds).toFixed(0),
  'articles/s wall': (n / seconds).toFixed(0),
  'slowest ms': `${slowest.ms.toFixed(1)} ${slowest.file}`,
});
