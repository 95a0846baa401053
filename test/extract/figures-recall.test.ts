// Round 2 of the figure grammar: shares of a scale word, role nouns as people, rate moves in fractions of a point.
import { readNumberWords } from '../../src/extract/figures/number-words.js';
import { claimsOf } from './helpers.js';

type Row = [sentence: string, exact: string, value: number, unit: string];

function expectFigure([sentence, exact, value, unit]: Row): void {
  const figures = claimsOf(sentence, 'figure');
  const f = figures.find((c) => c.exact === exact);
  expect({ found: f ? 'yes' : figures.map((c) => c.exact) }).toEqual({ found: 'yes' });
  expect(f).toMatchObject({ value, unit });
}

describe('a share of a scale word', () => {
  it.each<Row>([
    ['The studio sold half a million films in a year.', 'half a million films', 5e5, 'count'],
    ['A quarter of a million people marched on Saturday.', 'A quarter of a million people', 2.5e5, 'people'],
    ['The deal is worth three quarters of a billion dollars.', 'three quarters of a billion dollars', 7.5e8, 'USD'],
    ['Nearly three-quarters of a million homes lost power.', 'three-quarters of a million homes', 7.5e5, 'count'],
    ['The council spent a million and a half pounds on it.', 'a million and a half pounds', 1.5e6, 'GBP'],
    ['About one and a half million voters stayed at home.', 'one and a half million voters', 1.5e6, 'people'],
  ])('%s', (...row) => expectFigure(row));

  it('reads "and a half" after a scale word as half of that scale', () => {
    const text = 'two thousand and a half';
    expect(readNumberWords(text, 0, text.length)).toMatchObject({ value: 2500 });
  });
});

describe('role nouns count people', () => {
  it.each<Row>([
    ['He addressed six rather nervous students.', 'six rather nervous students', 6, 'people'],
    ['A dozen guests left before the speeches.', 'A dozen guests', 12, 'people'],
    ['Police said 40 campaigners were arrested.', '40 campaigners', 40, 'people'],
    ['Twelve anxious parents waited at the gate.', 'Twelve anxious parents', 12, 'people'],
    ['The firm hired 300 contractors last spring.', '300 contractors', 300, 'people'],
  ])('%s', (...row) => expectFigure(row));

  it('does not read an "-ous" adjective as the counted noun', () => {
    expect(claimsOf('The witnesses were all three nervous', 'figure').map((c) => c.exact)).toEqual([]);
  });
});

describe('rate moves in fractions of a point', () => {
  it.each<Row>([
    ['The Bank raised rates by a quarter point on Thursday.', 'a quarter point', 0.25, 'percentage_points'],
    ['Rates were cut by half a point in March.', 'half a point', 0.5, 'percentage_points'],
    ['The Fed moved by a quarter of a percentage point.', 'a quarter of a percentage point', 0.25, 'percentage_points'],
    ['Yields rose half a percentage point overnight.', 'half a percentage point', 0.5, 'percentage_points'],
  ])('%s', (...row) => expectFigure(row));

  it('leaves "the second half" and shares "of" something as they were', () => {
    expect(claimsOf('They scored in the second half a point behind.', 'figure').map((c) => c.unit)).not.toContain('percentage_points');
    expect(claimsOf('Rates fell and half of the voters noticed.', 'figure')).toMatchObject([{ exact: 'half', value: 0.5, unit: 'fraction' }]);
  });
});
