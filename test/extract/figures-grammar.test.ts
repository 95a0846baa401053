// The figure grammar family by family: real-shaped news sentences → the figure's text, value, upper bound and unit.
import { readCurrencyAfter } from '../../src/extract/figures/currencies.js';
import { readMultiplier } from '../../src/extract/figures/multipliers.js';
import { readNumberWords } from '../../src/extract/figures/number-words.js';
import { readUnitAfter } from '../../src/extract/figures/units.js';
import { claimsOf } from './helpers.js';

type Row = [sentence: string, exact: string, value: number, unit: string, valueMax?: number];

function expectFigure([sentence, exact, value, unit, valueMax]: Row): void {
  const figures = claimsOf(sentence, 'figure');
  const f = figures.find((c) => c.exact === exact);
  expect({ found: f ? 'yes' : figures.map((c) => c.exact) }).toEqual({ found: 'yes' });
  expect(f).toMatchObject({ value, unit, valueMax: valueMax ?? null });
}

describe('number words', () => {
  it.each([
    ['thirty-one thousand', 31000, 1000],
    ['one hundred and three', 103, 1],
    ['a hundred and two', 102, 1],
    ['six million', 6e6, 1e6],
    ['two dozen', 24, 1],
    ['seven thousand', 7000, 1000],
  ])('%s = %d', (words, value, scale) => {
    expect(readNumberWords(words, 0, words.length)).toMatchObject({ value, end: words.length, scale });
  });

  it('stops before a word that is no number ("one two" is two numbers)', () => {
    expect(readNumberWords('one two', 0, 7)).toMatchObject({ value: 1, end: 3 });
    expect(readNumberWords('the end', 0, 7)).toBeNull();
  });

  it.each<Row>([
    ['Three players were sent off in the second half.', 'Three players', 3, 'people'],
    ['The brewery sold six million bottles last year.', 'six million bottles', 6e6, 'count'],
    ['Some thirty-one thousand fans watched the final.', 'thirty-one thousand fans', 31000, 'people'],
    ['A dozen firms have bid for the licence.', 'A dozen firms', 12, 'count'],
    ['A hundred people queued outside.', 'A hundred people', 100, 'people'],
    ['There are five and a half million fish in the lake.', 'five and a half million', 5.5e6, 'count'],
    ['Labour has had two-and-a-half years to convince people.', 'two-and-a-half years', 2.5, 'years'],
    ['The farm sold 3 dozen eggs.', '3 dozen eggs', 36, 'count'],
    ['The Army will move two of the three brigades.', 'two', 2, 'count'],
    ['It hired 25,000 workers, a third fewer than last year.', 'a third', 0.3333, 'fraction'],
    ['He was booked twice in the match.', 'twice', 2, 'count'],
    ['Streams could recover within a decade.', 'a decade', 10, 'years'],
    ['The share price rose fourfold in a year.', 'fourfold', 4, 'times'],
    ['Half of the voters stayed at home.', 'Half', 0.5, 'fraction'],
    ['Sales fell by a third in January.', 'a third', 0.3333, 'fraction'],
  ])('%s', (...row) => expectFigure(row));
});

describe('multipliers', () => {
  it.each([
    ['bn profit', 1e9, 2],
    ['m users', 1e6, 1],
    [' million people', 1e6, 8],
    [' hundred people', 100, 8],
    ['k runners', 1e3, 1],
  ])('"%s" multiplies by %d', (after, factor, length) => {
    expect(readMultiplier(after)).toMatchObject({ factor, length });
  });

  it.each<Row>([
    ['The start-up raised $7.5M from investors.', '$7.5M', 7.5e6, 'USD'],
    ['Its revenue reached $2.1b in 2023.', '$2.1b', 2.1e9, 'USD'],
    ['The app now has 20m users worldwide.', '20m users', 2e7, 'people'],
    ['The stadium holds 6 hundred people.', '6 hundred people', 600, 'people'],
    ['Bolt won the 100m final in Berlin.', '100m', 100, 'metre'],
  ])('%s', (...row) => expectFigure(row));
});

describe('currencies', () => {
  it.each([
    [' euros', 'EUR'],
    ['p', 'penny'],
    [' yen', 'JPY'],
    [' Australian dollars', 'AUD'],
    [' sen', 'sen'],
    [' cents', 'cent'],
  ])('"%s" is %s', (after, unit) => {
    expect(readCurrencyAfter(after)?.unit).toBe(unit);
  });

  it('"p" after a space is not pence, and "Rand" is a name', () => {
    expect(readCurrencyAfter(' p')).toBeNull();
    expect(readCurrencyAfter(' Rand')).toBeNull();
  });

  it.each<Row>([
    ['The bond raised USD25m for the port.', 'USD25m', 25e6, 'USD'],
    ['A meal costs RM120 in Kuala Lumpur.', 'RM120', 120, 'MYR'],
    ['The average fare is A$14,300 a year.', 'A$14,300', 14300, 'AUD'],
    ['The contract is worth $US12,400 a month.', '$US12,400', 12400, 'USD'],
    ['The Canadian firm paid C$5m for the site.', 'C$5m', 5e6, 'CAD'],
    ['Its Hong Kong arm made HK$3bn last year.', 'HK$3bn', 3e9, 'HKD'],
    ['A ticket costs Rs 500 in Mumbai.', 'Rs 500', 500, 'INR'],
    ['The rupee fell after ₹200 notes were withdrawn.', '₹200', 200, 'INR'],
    ['The ring sold for ¥500,000 at auction.', '¥500,000', 500000, 'JPY'],
    ['The prize was 1,200,000 yen.', '1,200,000 yen', 1.2e6, 'JPY'],
    ['Shares closed up 35 sen in Kuala Lumpur.', '35 sen', 35, 'sen'],
    ['A stamp now costs 49p.', '49p', 49, 'penny'],
    ['The house sold for $850000 last week.', '$850000', 850000, 'USD'],
    ['Unilever took a 650m euro write-down.', '650m euro', 650e6, 'EUR'],
    ['Tickets cost 10 € at the door.', '10 €', 10, 'EUR'],
    ['He found five pounds in his coat.', 'five pounds', 5, 'GBP'],
    ['It only cost 3 dollars 50 cents.', '3 dollars 50 cents', 3.5, 'USD'],
  ])('%s', (...row) => expectFigure(row));
});

describe('units by family', () => {
  it.each([
    [' km away', 'kilometre', 3],
    ['mph', 'mile per hour', 3],
    [' miles per hour', 'mile per hour', 15],
    ['GB of storage', 'gigabyte', 2],
    ['-inch screen', 'inch', 5],
    [' degrees Celsius', 'degree Celsius', 16],
    ['°F', 'degree Fahrenheit', 2],
    [' percentage points', 'percentage_points', 18],
    [' yard line', 'yards', 5],
  ])('"%s" is %s', (after, unit, length) => {
    expect(readUnitAfter(after)).toMatchObject({ unit, length });
  });

  it('a word that is no unit is not read as one', () => {
    expect(readUnitAfter(' people')).toBeNull();
    expect(readUnitAfter('G network')).toBeNull();
  });

  it.each<Row>([
    // length and speed
    ['The village is 8 km from the border.', '8 km', 8, 'kilometre'],
    ['He was tackled at the 30 yard line.', '30 yard', 30, 'yards'],
    ['The limit is 70mph on motorways.', '70mph', 70, 'mile per hour'],
    ['Winds of 10-15 mph are expected.', '10-15 mph', 10, 'mile per hour', 15],
    ['The phone has a 5.5-inch screen.', '5.5-inch', 5.5, 'inch'],
    ['The striker is 6ft 4in tall.', '6ft 4in', 76, 'inch'],
    // mass and volume
    ['The boxer weighs 300 pounds.', '300 pounds', 300, 'pound'],
    ['The lorry carried 40 tonnes of grain.', '40 tonnes', 40, 'tonne'],
    ['Output reached 2.5 million barrels a day.', '2.5 million barrels', 2.5e6, 'barrel'],
    // power and data
    ['The car has a 450 horsepower engine.', '450 horsepower', 450, 'horsepower'],
    ['The hatchback makes 300bhp.', '300bhp', 300, 'horsepower'],
    ['The 250-hp engine is new.', '250-hp', 250, 'horsepower'],
    ['It comes with 512GB of storage.', '512GB', 512, 'gigabyte'],
    ['Broadband speeds of 100 Mbps are promised.', '100 Mbps', 100, 'megabit per second'],
    // temperature
    ['It was minus 40 Celsius in Yakutsk.', 'minus 40 Celsius', -40, 'degree Celsius'],
    ['Temperatures hit 35C on Friday.', '35C', 35, 'degree Celsius'],
    // durations and ages
    ['The walk takes a 5min detour.', '5min', 5, 'minutes'],
    ['The 72-year-old was released.', '72-year-old', 72, 'years'],
    ['A 19 year-old was arrested.', '19 year-old', 19, 'years'],
    ['Hendricks, 58, said he would appeal.', '58', 58, 'years'],
    ['She won in two hours 45 minutes.', 'two hours 45 minutes', 165, 'minutes'],
    // sport, percent, people, votes, seats
    ['He averages 22.1 ppg this season.', '22.1 ppg', 22.1, 'points'],
    ['The quarterback lost minus 7 yards.', 'minus 7 yards', -7, 'yards'],
    ['Growth slowed to 12pc in March.', '12pc', 12, 'percent'],
    ['The index fell -2.4% on Monday.', '-2.4%', -2.4, 'percent'],
    ['Labour won 411 seats.', '411 seats', 411, 'seats'],
    ['Turnout rose 2 percentage points.', '2 percentage points', 2, 'percentage_points'],
    ['A 40 page report was published.', '40 page', 40, 'count'],
  ])('%s', (...row) => expectFigure(row));
});

describe('ranges and changes', () => {
  it.each<Row>([
    ['Inflation will be 2 to 4 per cent next year.', '2 to 4 per cent', 2, 'percent', 4],
    ['The deal is worth $20 to $30 billion.', '$20 to $30 billion', 20e9, 'USD', 30e9],
    ['Six to seven thousand people marched.', 'Six to seven thousand people', 6000, 'people', 7000],
    ['It will take five to six years.', 'five to six years', 5, 'years', 6],
    ['Between 700,000 and one million homes lost power.', '700,000 and one million homes', 700000, 'count', 1e6],
    ['A two or three megapixel camera.', 'two or three megapixel', 2, 'megapixel', 3],
    ['Tickets cost 6 or $7 each.', '6 or $7', 6, 'USD', 7],
  ])('%s', (...row) => expectFigure(row));

  it('"from $41,200 to $39,800" is two figures, not a range', () => {
    const f = claimsOf('The price fell from $41,200 to $39,800.', 'figure');
    expect(f.map((c) => [c.exact, c.value, c.valueMax])).toEqual([
      ['$41,200', 41200, null],
      ['$39,800', 39800, null],
    ]);
  });

  it('a bare number takes the unit of its neighbour: "rose 3 percent but fell by 2"', () => {
    const f = claimsOf('Sales rose 3 percent in May but fell by 2 in June.', 'figure');
    expect(f.map((c) => [c.exact, c.value, c.unit])).toEqual([
      ['3 percent', 3, 'percent'],
      ['2', 2, 'percent'],
    ]);
  });

  it('"from 5 to 7 per cent": the first number takes the unit written once', () => {
    const f = claimsOf('Unemployment rose from 5 to 7 per cent.', 'figure');
    expect(f.map((c) => [c.exact, c.unit])).toEqual([
      ['5', 'percent'],
      ['7 per cent', 'percent'],
    ]);
  });
});

describe('not figures', () => {
  it.each([
    ['a phone model', 'Apple unveiled the iPhone 15 and Samsung the Galaxy S24.'],
    ['an index name', 'The FTSE 100 closed higher on Friday.'],
    ['an aircraft model', 'The airline ordered the A320neo.'],
    ['an ordinal', 'He finished 3rd in the race.'],
    ['a clock time', 'The meeting began at 10:30 on Tuesday.'],
    ['a time with pm', 'Polls close at 10pm.'],
    ['a date', 'The vote was held on 25 December 2023.'],
    ['list numbering', '1. Preheat the oven.'],
    ['a match score', 'Arsenal won 3-1 at home.'],
    ['a year range', 'He served from 2010-19.'],
    ['"one" as a pronoun', 'It was one of the best games of the season.'],
    ['"one day"', 'One day he simply left.'],
    ['a date written with a slash', 'The deal was signed on 1/12 last year.'],
    ['a product with a number', 'Microsoft released Windows 11 in October.'],
    ['a virus name', 'Covid-19 cases rose.'],
    ['a list of names with numbers', 'It runs on Windows 95, 98 and 2000.'],
    ['a year written with an apostrophe', "They won the title in '94."],
    ['a date range', 'The show runs from 6 to 9 January.'],
    ['minutes in a football line-up', 'Goals: Bowyer 35, Dyer 69.'],
    ['a kind of shot', 'His 3-point shooting has improved.'],
  ])('%s', (_name, sentence) => {
    expect(claimsOf(sentence, 'figure').map((c) => c.exact)).toEqual([]);
  });
});

describe('page furniture', () => {
  it('a run of "Label: value" lines is furniture', () => {
    expect(claimsOf('Views: 5,912\n\nRating: 4,600 votes\n\nPhone: 0178 5041', 'figure')).toEqual([]);
  });

  it('one short "Label: value" line is content', () => {
    expect(claimsOf('Total price: $48,900 including delivery', 'figure').map((c) => c.exact)).toEqual(['$48,900']);
  });
});
