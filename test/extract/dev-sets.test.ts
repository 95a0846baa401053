// Regression floors on the dev and held-out sets that live in this repository (articles we wrote, with
// hand-labelled gold), scored exactly as `npm run score` and ../shared/tools/score-extraction.mjs score them.
// The floors sit a little under the figures measured when they were set, so a rule change that loses
// speakers or figures on ordinary news copy fails here, not only in a benchmark nobody ran.
import { join } from 'node:path';
import { FIXTURES, scoreSet } from '../helpers/score-sets.js';

describe('extraction on the sets in test/fixtures', () => {
  it.each([
    // set, quote F1, speaker accuracy, figure F1, unit accuracy (measured 0.998 / 0.941 / 0.975 / 0.949 and 1.000 / 0.873 / 0.958 / 0.916)
    ['dev-news', 0.98, 0.92, 0.96, 0.93],
    ['holdout-news', 0.98, 0.85, 0.94, 0.9],
  ] as const)('%s stays above its floors', (set, quoteF1, speakers, figureF1, units) => {
    const s = scoreSet(`${set}-gold.json`, join(FIXTURES, set));
    expect(s.quoteF1).toBeGreaterThanOrEqual(quoteF1);
    expect(s.speakerAccuracy).toBeGreaterThanOrEqual(speakers);
    expect(s.figureF1).toBeGreaterThanOrEqual(figureF1);
    expect(s.unitAccuracy).toBeGreaterThanOrEqual(units);
  });
});
