// Scores a hand-labelled gold set in a test, exactly as `npm run score` and ../shared/tools/score-extraction.mjs do
// (the articles parsed as `claimtrail extract` parses them; the matching in bench/score/gold-scorer.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addTotals, emptyTotals, type GoldSet, goldBody, scoreArticle, summarise } from '../../bench/score/gold-scorer.js';
import { claimToJson } from '../../src/cli/extract.command.js';
import { extractClaims } from '../../src/extract/index.js';
import { parseArticle } from '../../src/ingest/parse-article.js';

export const FIXTURES = join(process.cwd(), 'test/fixtures');
export const BBC_DIR = join(process.cwd(), '../shared/data/bbc-news-greene2006/bbc');

/** Scores a gold set (labels in test/fixtures/gold) over the articles in `dir`. */
export function scoreSet(goldFile: string, dir: string) {
  const gold = JSON.parse(readFileSync(join(FIXTURES, 'gold', goldFile), 'utf8')) as GoldSet;
  const totals = emptyTotals();
  for (const art of gold.articles) {
    const path = join(dir, art.file);
    const bytes = readFileSync(path);
    const parsed = parseArticle(new Uint8Array(bytes), path);
    if (!parsed.ok) throw new Error(`${path}: ${parsed.reason}`);
    const { article } = parsed;
    const rows = extractClaims(article.text, article.paragraphs, article.sentences).claims.map(claimToJson);
    addTotals(totals, scoreArticle(art, goldBody(bytes.toString('utf8')), rows).totals);
  }
  return summarise(totals);
}

