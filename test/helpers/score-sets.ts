// The gold sets the regression-floor tests score, scored as `npm run score` scores them (bench/score/).
import { join } from 'node:path';
import { scoreGoldFile } from '../../bench/score/score-files.js';
import type { Summary } from '../../bench/score/gold-scorer.js';

export const FIXTURES = join(process.cwd(), 'test/fixtures');
export const BBC_DIR = join(process.cwd(), '../shared/data/bbc-news-greene2006/bbc');

/** Scores a gold file in test/fixtures/gold over the articles in `dir`. */
export function scoreSet(goldFile: string, dir: string): Summary {
  return scoreGoldFile(join(FIXTURES, 'gold', goldFile), dir).summary;
}
