import { compareFigure, markLabel, writtenStep, type ReportedFigure } from '../../src/reference/compare.js';

const fig = (exact: string, value: number, unit: string | null, qualifier: string | null = null): ReportedFigure => ({ exact, value, unit, qualifier });

describe('comparing a reported figure with the official value', () => {
  test.each([
    // [what was written, value, unit, qualifier, official, expected]
    ['528 votes', 528, 'votes', null, 528, 'matches'],
    ['538 votes', 538, 'votes', null, 528, 'differs'],
    ['528', 528, 'count', 'just', 528, 'matches'],
    ['35.5 percent', 35.5, 'percent', null, 35.51, 'matches'],
    ['35.5 percent', 35.5, 'percent', null, 35.56, 'differs'],
    ['35 percent', 35, 'percent', null, 35.4974, 'matches'],
    ['36 percent', 36, 'percent', null, 35.4974, 'differs'],
    ['4,000', 4000, 'votes', 'almost', 3950, 'matches'],
    ['4,000', 4000, 'votes', 'almost', 4000, 'differs'],
    ['4,000', 4000, 'votes', 'almost', 2500, 'differs'],
    ['500', 500, 'votes', 'more than', 528, 'matches'],
    ['500', 500, 'votes', 'more than', 480, 'differs'],
    ['500', 500, 'votes', 'more than', 9000, 'differs'],
    ['500', 500, 'votes', 'at least', 500, 'matches'],
    ['600 votes', 600, 'votes', 'fewer than', 528, 'matches'],
    ['1,000', 1000, 'votes', 'about', 979, 'matches'],
    ['1,000', 1000, 'votes', 'about', 1689, 'differs'],
    ['24,000 votes', 24000, 'votes', null, 24120, 'matches'],
    ['24,000 votes', 24000, 'votes', null, 24620, 'differs'],
    ['1.5 million', 1_500_000, 'votes', null, 1_540_000, 'matches'],
    ['1.5 million', 1_500_000, 'votes', null, 1_560_000, 'differs'],
  ] as const)('%s (%s %s, %s) vs official %s: %s', (exact, value, unit, qualifier, official, expected) => {
    expect(compareFigure(fig(exact, value, unit, qualifier), official)).toBe(expected);
  });

  test('how finely a figure was written', () => {
    expect(writtenStep(fig('528', 528, 'votes'))).toBe(1);
    expect(writtenStep(fig('9,000', 9000, 'votes'))).toBe(1000);
    expect(writtenStep(fig('35.5 percent', 35.5, 'percent'))).toBeCloseTo(0.1);
    expect(writtenStep(fig('20 per cent', 20, 'percent'))).toBe(1);
    expect(writtenStep(fig('4 million', 4_000_000, 'count'))).toBe(1_000_000);
  });

  test('labels read as the issue words them', () => {
    expect(markLabel('matches', fig('528 votes', 528, 'votes'), 528, 'votes', 'House of Commons Library')).toBe(
      'matches official: 528 (House of Commons Library)',
    );
    expect(markLabel('differs', fig('538 votes', 538, 'votes'), 528, 'votes', 'House of Commons Library')).toBe(
      'differs from official: reported 538, official 528',
    );
    expect(markLabel('differs', fig('13,000 votes', 13000, 'votes', 'just'), 13303, 'votes', 'House of Commons Library')).toBe(
      'differs from official: reported 13,000, official 13,303',
    );
    expect(markLabel('differs', fig('500', 500, 'votes', 'more than'), 480, 'votes', 'X')).toBe('differs from official: reported more than 500, official 480');
    expect(markLabel('matches', fig('35.5 percent', 35.5, 'percent'), 35.4974, 'percent', 'House of Commons Library')).toBe(
      'matches official: 35.5% (House of Commons Library)',
    );
    expect(markLabel('differs', fig('36%', 36, 'percent'), 35.4974, 'percent', 'X')).toBe('differs from official: reported 36%, official 35.5%');
  });
});
