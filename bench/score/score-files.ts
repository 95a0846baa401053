// Scores a gold file over its article folder: each article parsed and extracted as `claimtrail extract` does it,
// then matched by gold-scorer.ts. Used by `npm run score` and by the regression-floor tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimToJson } from '../../src/cli/extract.command.js';
import { extractClaims } from '../../src/extract/index.js';
import { DEFAULT_MAX_BYTES } from '../../src/ingest/decode.js';
import { readFileCapped } from '../../src/ingest/read-file.js';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { addTotals, type ClaimRow, emptyTotals, type GoldSet, goldBody, scoreArticle, summarise, type Summary } from './gold-scorer.js';

/** The claims of one file exactly as `claimtrail extract --format jsonl` prints them. */
export function extractRows(path: string): ClaimRow[] {
  const parsed = parseArticle(readFileCapped(path, DEFAULT_MAX_BYTES), path);
  if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
  const { article } = parsed;
  return extractClaims(article.text, article.paragraphs, article.sentences).claims.map(claimToJson);
}

export interface ScoredSet {
  summary: Summary;
  articles: number;
  /** per article: its misses (wrong speakers, missed quotes and figures, extras) */
  misses: { file: string; misses: string[] }[];
}

/** Scores `goldPath` over the articles in `dir`; `only` keeps some articles (a held-out part). */
export function scoreGoldFile(goldPath: string, dir: string, only?: (file: string) => boolean): ScoredSet {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldSet;
  const articles = only ? gold.articles.filter((a) => only(a.file)) : gold.articles;
  const totals = emptyTotals();
  const misses: ScoredSet['misses'] = [];
  for (const art of articles) {
    const path = join(dir, art.file);
    const scored = scoreArticle(art, goldBody(readFileSync(path, 'utf8')), extractRows(path));
    addTotals(totals, scored.totals);
    if (scored.misses.length) misses.push({ file: art.file, misses: scored.misses });
  }
  return { summary: summarise(totals), articles: articles.length, misses };
}
