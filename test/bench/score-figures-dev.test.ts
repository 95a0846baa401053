import { type DevLine, type PredictedFigure, kindsOfUnit, scoreFiguresDev, splitHeldOut } from '../../bench/score-figures-dev.js';
import { extractClaims } from '../../src/extract/index.js';

const line = (id: string, scope: string, text: string, quantities: DevLine['quantities']): DevLine => ({
  source: id.split('#')[0],
  id,
  scope,
  text,
  quantities,
});
const q = (text: string, surface: string, value: number, unit: string | null, kind: string) => {
  const start = text.indexOf(surface);
  return { surface, start, end: start + surface.length, value, unit, kind };
};

const T1 = 'It costs $5 and weighs 3 kg.';
const T2 = 'He was 3rd.';
const LINES: DevLine[] = [
  line('cur#0', 'currency', T1, [q(T1, '$5', 5, 'dollar', 'currency')]),
  line('all#0', 'all', T1, [q(T1, '$5', 5, 'dollar', 'currency'), q(T1, '3 kg', 3, 'kilogram', 'dimension')]),
  line('ord#0', 'ordinal', T2, [q(T2, '3rd', 3, null, 'ordinal')]),
];
const predictions: Record<string, PredictedFigure[]> = {
  [T1]: [
    { start: 9, end: 11, value: 5, unit: 'USD' },
    { start: 23, end: 27, value: 3, unit: 'kilogram' },
  ],
  [T2]: [],
};

describe('figures-dev scorer', () => {
  it('scores a line only against the kinds in its scope, with dollar ≈ USD, and leaves ordinals out of the totals', () => {
    const report = scoreFiguresDev(LINES, (text) => predictions[text]);
    // currency line: the kilogram prediction is out of scope (not a false positive)
    expect(report.bySource.cur).toMatchObject({ gold: 1, predicted: 1, matched: 1, unitRight: 1 });
    expect(report.bySource.all).toMatchObject({ gold: 2, predicted: 2, matched: 2, unitRight: 2 });
    expect(report.bySource.ord).toMatchObject({ gold: 1, matched: 0 });
    expect(report.overall).toMatchObject({ gold: 3, predicted: 3, matched: 3, precision: 1, recall: 1, f1: 1, unitAccuracy: 1 });
  });

  it('needs an overlapping span and an equal value', () => {
    const wrong = scoreFiguresDev([LINES[0]], () => [
      { start: 9, end: 11, value: 6, unit: 'USD' },
      { start: 0, end: 2, value: 5, unit: 'USD' },
    ]);
    expect(wrong.overall).toMatchObject({ gold: 1, predicted: 2, matched: 0 });
  });

  it('maps our units to the dataset kinds', () => {
    expect([...kindsOfUnit('USD')]).toEqual(['currency']);
    expect([...kindsOfUnit('penny')]).toEqual(['currency']);
    expect([...kindsOfUnit('mile per hour')]).toEqual(['dimension']);
    expect([...kindsOfUnit('years')]).toEqual(['age', 'duration']);
    expect([...kindsOfUnit('people')]).toEqual(['number']);
    expect([...kindsOfUnit('degree Celsius')]).toEqual(['temperature']);
  });

  it('holds out every fifth line', () => {
    const lines = Array.from({ length: 10 }, (_, i) => line(`x#${i}`, 'all', '', []));
    expect(splitHeldOut(lines).heldOut.map((l) => l.id)).toEqual(['x#4', 'x#9']);
  });

  it('runs the real extractor end to end', () => {
    const extract = (text: string) =>
      extractClaims(text)
        .claims.filter((c) => c.kind === 'figure')
        .map((c) => ({ start: c.start, end: c.end, value: c.value ?? NaN, unit: c.unit }));
    expect(scoreFiguresDev([LINES[1]], extract).overall).toMatchObject({ matched: 2, unitRight: 2 });
  });
});
