import { readFigureMeaning } from '../../src/crossref/figure-meaning.js';
import { compareFigures, figureFeatures, type FigureFeatures } from '../../src/crossref/match-figures.js';
import { contextWindow } from '../../src/crossref/text-context.js';
import { extractClaims } from '../../src/extract/index.js';

// Figures as the real extractor reads them, then set beside each other as the cross-referencer does.
let nextId = 1;
function figure(sourceId: number, text: string, number: string): FigureFeatures {
  const found = extractClaims(text).claims.filter((c) => c.kind === 'figure' && c.value !== null && c.exact.includes(number));
  if (found.length !== 1) throw new Error(`expected one figure with ${number} in: ${text} (found ${found.map((c) => c.exact).join(', ') || 'none'})`);
  const c = found[0];
  const cw = contextWindow(text, c.start, c.end);
  return figureFeatures({
    id: nextId++,
    sourceId,
    exact: c.exact,
    value: c.value!,
    valueMax: c.valueMax ?? null,
    unit: c.unit,
    qualifier: c.qualifier,
    subject: c.subject,
    sentence: text.slice(cw.sentence.start, cw.sentence.end),
    window: text.slice(cw.window.start, cw.window.end),
  });
}
const verdict = (a: string, na: string, b: string, nb: string) => compareFigures(figure(1, a, na), figure(2, b, nb))?.kind ?? 'none';

// the seed corpus's sentences (corpus/002, corpus/003), the glued words of the scrape kept where they matter
const ILFORD =
  "The most dramatic of these was the Ilford North race, where independent British-Palestinian candidate Leanne Mohamad came within 528 votes of costing Labour's Wes Streeting his seat.";
const COLLINSON =
  "Supporters of Mohamad's campaign have reasoned that in Ilford North, much of the 1,794 votes Green candidate Rachel Collinson picked up may have helped tilt the race in the candidate's favour.";
const PERRY_BARR =
  'Khan secured 13,303 votes in total, winning with 35.5 percent of the vote share, while Mahmood,who has represented the constituency since 2001, received 12,796 votes, or 34.1 percent of the vote share.';
const BLACKBURN =
  "In thenorthwestern ex-industrial town of Blackburn, independent candidateAdnan Hussainnarrowly defeatedLabour's Kate Hollern byjust 132 votes after the vote was split with another candidate.";
const MASROOR = 'In Bethnal Green and Stepney, independent candidate Ajmal Masroor came second, just 1,689 votes short of winning.';

describe('the same measure of the same subject conflicts, however it is worded', () => {
  test.each([
    ['UK: held by just N votes', 'Wes Streeting held Ilford North by just 357 votes.', '357', ILFORD, '528'],
    ['UK: a majority of N', "In Ilford North, Wes Streeting's majority was 357.", '357', ILFORD, '528'],
    ['UK: won by N votes over', 'Streeting won Ilford North by 357 votes over Leanne Mohamad.', '357', ILFORD, '528'],
    ['UK: N votes short', 'Leanne Mohamad finished 357 votes short of unseating Wes Streeting in Ilford North.', '357', ILFORD, '528'],
    ['UK: a margin of N', 'Wes Streeting clung on in Ilford North with a margin of 357 votes.', '357', ILFORD, '528'],
    ['US: came within N votes', 'Challenger Leanne Mohamad came within 357 votes of ousting Wes Streeting.', '357', ILFORD, '528'],
    ['picked up N votes (a total, not a rise)', 'Rachel Collinson, the Green candidate in Ilford North, picked up 2,794 votes.', '2,794', COLLINSON, '1,794'],
    ['won N votes', 'Green candidate Rachel Collinson won 2,794 votes in Ilford North.', '2,794', COLLINSON, '1,794'],
    ['secured N votes', 'Rachel Collinson secured 2,794 votes for the Greens in Ilford North.', '2,794', COLLINSON, '1,794'],
    ['received N votes', 'Rachel Collinson received 2,794 votes in Ilford North.', '2,794', COLLINSON, '1,794'],
    ['polled N votes', 'Rachel Collinson polled 2,794 votes in Ilford North.', '2,794', COLLINSON, '1,794'],
    ['got N votes', 'Rachel Collinson got 2,794 votes in Ilford North.', '2,794', COLLINSON, '1,794'],
    ['N people voted for X', 'In Ilford North, 2,794 people voted for Rachel Collinson.', '2,794', COLLINSON, '1,794'],
    ['US: beat X by N votes', 'Adnan Hussain beat Kate Hollern in Blackburn by 162 votes, officials said.', '162', BLACKBURN, '132'],
    ['US: won by a margin of N', 'Adnan Hussain won Blackburn by a margin of 162 votes.', '162', BLACKBURN, '132'],
    ['a share: N percent of the vote', 'Khan took 38.5 percent of the vote in Birmingham Perry Barr.', '38.5', PERRY_BARR, '35.5'],
    ['a share: share was N per cent', "Khan's share of the vote in Birmingham Perry Barr was 38.5 per cent.", '38.5', PERRY_BARR, '35.5'],
    ['votes short / votes behind', 'In Bethnal Green and Stepney, Ajmal Masroor finished 1,869 votes behind.', '1,869', MASROOR, '1,689'],
    [
      'turnout',
      'Turnout in Leicester South was 52.1 per cent, officials said.',
      '52.1',
      'Officials in Leicester South said turnout was 56.2 per cent.',
      '56.2',
    ],
    [
      'deaths',
      'The war in Gaza has killed 28,000 Palestinians, the health ministry said.',
      '28,000',
      'More than 38,000 Palestinians have been killed in Gaza, the health ministry said.',
      '38,000',
    ],
    [
      'money raised (US)',
      "Maria Castellanos's campaign raised $2.4 million in the quarter.",
      '2.4',
      "Maria Castellanos's campaign raised $3.1 million in the quarter, filings show.",
      '3.1',
    ],
    [
      'jobs',
      "Ford's Cologne plant employs 3,000 workers.",
      '3,000',
      'About 4,600 people work at the Cologne plant, where Ford employs them on two shifts.',
      '4,600',
    ],
    ['ranges that do not overlap', "Wes Streeting's majority in Ilford North was between 300 and 400 votes.", '300', ILFORD, '528'],
  ])('%s', (_name, a, na, b, nb) => {
    expect(verdict(a, na, b, nb)).toBe('conflict');
  });
});

describe('the same figure read from other words agrees', () => {
  test.each([
    ['picked up N votes = N votes', 'Rachel Collinson picked up 1,794 votes in Ilford North.', '1,794', COLLINSON, '1,794'],
    ['held by N votes = came within N votes', 'Wes Streeting held Ilford North by 528 votes.', '528', ILFORD, '528'],
    ['won by N votes = defeated by just N votes', 'Adnan Hussain won Blackburn by 132 votes.', '132', BLACKBURN, '132'],
    [
      'at least vs more than',
      'The war in Gaza has killed at least 38,000 Palestinians, the health ministry said.',
      '38,000',
      'More than 38,000 Palestinians have been killed in Gaza, the health ministry said.',
      '38,000',
    ],
  ])('%s', (_name, a, na, b, nb) => {
    expect(verdict(a, na, b, nb)).toBe('agree');
  });
});

describe('different measures, subjects, years or a change never conflict', () => {
  test.each([
    [
      "a candidate's votes vs the seat's majority",
      'Leanne Mohamad won 1,500 votes more than expected in Ilford North, where Rachel Collinson stood.',
      '1,500',
      COLLINSON,
      '1,794',
    ],
    ["two candidates' totals", "Khan won 13,303 votes to Mahmood's 12,796 in Birmingham Perry Barr.", '12,796', PERRY_BARR, '13,303'],
    ["two candidates' totals, the other way", 'Ayoub Khan polled 13,303 votes; Khalid Mahmood received 12,976 votes.', '13,303', PERRY_BARR, '12,796'],
    ['two seats: majorities', 'In Bethnal Green and Stepney, Ajmal Masroor came second, 1,689 votes short.', '1,689', ILFORD, '528'],
    [
      'two seats: Blackburn vs Perry Barr',
      'Ayoub Khan won Birmingham Perry Barr by the slim majority of 507 votes over Khalid Mahmood.',
      '507',
      BLACKBURN,
      '132',
    ],
    ['votes vs share', 'Khan polled 35,500 votes in Birmingham Perry Barr.', '35,500', PERRY_BARR, '35.5'],
    ['a change vs a level', "Rachel Collinson's vote in Ilford North was up 1,200 on 2019.", '1,200', COLLINSON, '1,794'],
    ['an increase of N vs a level', 'Rachel Collinson in Ilford North recorded an increase of 1,200 votes.', '1,200', COLLINSON, '1,794'],
    [
      'deaths vs injuries',
      'In Gaza, 30,000 Palestinians have been injured, the health ministry said.',
      '30,000',
      'More than 38,000 Palestinians have been killed in Gaza, the health ministry said.',
      '38,000',
    ],
    [
      'money raised vs spent',
      "Maria Castellanos's campaign spent $3.1 million in the quarter.",
      '3.1',
      "Maria Castellanos's campaign raised $2.4 million in the quarter.",
      '2.4',
    ],
    ['turnout vs share', 'In Leicester South, Shockat Adam won 35.2 per cent of the vote.', '35.2', 'Turnout in Leicester South was 41.4 per cent.', '41.4'],
    [
      'different years',
      "In 2017, Wes Streeting's majority in Ilford North was 9,639.",
      '9,639',
      "In 2019, Wes Streeting's majority in Ilford North was 5,218.",
      '5,218',
    ],
    ['overlapping ranges', "Wes Streeting's majority in Ilford North was between 500 and 600 votes.", '500', ILFORD, '528'],
  ])('%s', (_name, a, na, b, nb) => {
    expect(verdict(a, na, b, nb)).not.toBe('conflict');
  });
});

describe('reading the measure', () => {
  const read = (sentence: string, exact: string, unit: string | null, qualifier: string | null = null) =>
    readFigureMeaning({ sentence, exact, unit, qualifier });
  test.each([
    ['picked up 2,794 votes', 'Collinson picked up 2,794 votes.', '2,794 votes', 'votes', 'up', 'votes', false],
    ['racked up 9,000 votes', 'She racked up 9,000 votes.', '9,000 votes', 'votes', 'up', 'votes', false],
    ['up 3 points on 2019', 'Labour was up 3 points on 2019 in the seat, taking 40 percent of the vote.', '3', 'count', 'up', null, true],
    ['an increase of 400 votes', 'Khan recorded an increase of 400 votes.', '400 votes', 'votes', null, 'votes', true],
    ['held by 357 votes', 'Streeting held the seat by 357 votes.', '357 votes', 'votes', null, 'majority', false],
    ['won by 979', 'Adam won by 979 votes.', '979 votes', 'votes', null, 'majority', false],
    ['majority of 528', 'a majority of 528', '528', 'count', null, 'majority', false],
    ['electorate', 'The electorate in the seat was 73,000 people.', '73,000 people', 'people', null, 'electorate', false],
    ['47% of the vote', 'She won 47% of the vote.', '47%', 'percent', null, 'share', false],
    ['killed', 'At least 20 people were killed.', '20 people', 'people', 'at least', 'deaths', false],
    ['seats', 'Labour won 411 seats.', '411 seats', 'seats', null, 'seats', false],
    ['15% interest rates (not a vote share)', 'Voters face 15% interest rates, the party said of the vote.', '15%', 'percent', null, null, false],
  ])('%s', (_name, sentence, exact, unit, qualifier, measure, change) => {
    const m = read(sentence, exact, unit, qualifier);
    expect([m.measure, m.change]).toEqual([measure, change]);
  });
});

test('one party’s share in two places named apart is not one figure (BBC: UKIP nationally vs in Erewash)', () => {
  const national = 'UKIP won 12 seats and 16.1% of the vote at the European elections on the back of its call for the UK to leave.';
  const erewash = "UKIP won 31% of the vote in Erewash in last June's European elections.";
  expect(verdict(national, '16.1', erewash, '31')).not.toBe('conflict');
});
