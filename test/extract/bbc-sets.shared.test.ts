// Regression floors on the BBC dev and held-out gold (labels in test/fixtures/gold, articles in ../shared).
import { BBC_DIR, scoreSet } from '../helpers/score-sets.js';

describe('extraction on the BBC gold sets', () => {
  it.each([
    // set, quote F1, speaker accuracy, figure F1, unit accuracy (measured 0.998 / 0.973 / 0.958 / 0.935 and 1.000 / 0.940 / 0.905 / 0.947)
    ['bbc-dev', 0.98, 0.95, 0.94, 0.91],
    ['bbc-holdout', 0.98, 0.92, 0.88, 0.91],
  ] as const)('%s stays above its floors', (set, quoteF1, speakers, figureF1, units) => {
    const s = scoreSet(`${set}.json`, BBC_DIR);
    expect(s.quoteF1).toBeGreaterThanOrEqual(quoteF1);
    expect(s.speakerAccuracy).toBeGreaterThanOrEqual(speakers);
    expect(s.figureF1).toBeGreaterThanOrEqual(figureF1);
    expect(s.unitAccuracy).toBeGreaterThanOrEqual(units);
  });
});
