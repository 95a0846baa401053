import { buildReferenceIndex, type ReferenceRow } from '../../src/reference/index-rows.js';
import { figuresOf, marksOf } from './helpers.js';

// Sentences written for these tests in several phrasings; the figures are found by the real extractor and
// set beside the shipped ge2024 tables (House of Commons Library). Official: Ilford North majority 528,
// Streeting 15,647, Mohamad 15,119, Collinson 1,794, electorate 78,657, turnout 59.8%; Birmingham Perry
// Barr majority 507, Khan 13,303 (35.5%), Mahmood 12,796 (34.1%); Blackburn majority 132; Islington
// North Corbyn 24,120 (49.2%), Nargund (Labour) 34.4%; Bethnal Green and Stepney, Gill (Green) 6,391.

type Expect = { exact: string; measure: string; subject: string; status: 'matches' | 'differs'; label?: string; scope?: string };

const MARKED: { name: string; paragraphs: string[]; marks: Expect[] }[] = [
  {
    name: 'majority named',
    paragraphs: ['Wes Streeting held Ilford North with a majority of 528 votes.'],
    marks: [{ exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches', label: 'matches official: 528 (House of Commons Library)' }],
  },
  {
    name: 'majority as "by N votes"',
    paragraphs: ['Labour held Ilford North by 528 votes.'],
    marks: [{ exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches' }],
  },
  {
    name: 'majority misreported',
    paragraphs: ['In Ilford North, Wes Streeting won by just 538 votes.'],
    marks: [
      { exact: '538 votes', measure: 'majority', subject: 'Ilford North', status: 'differs', label: 'differs from official: reported 538, official 528' },
    ],
  },
  {
    name: 'majority glued to a qualifier by a scraper ("byjust")',
    paragraphs: ['In Blackburn, Adnan Hussain narrowly defeated Kate Hollern byjust 132 votes.'],
    marks: [{ exact: '132 votes', measure: 'majority', subject: 'Blackburn', status: 'matches' }],
  },
  {
    name: 'majority as "came within N votes", the seat from the person',
    paragraphs: ['Ilford North was the closest race in London.', 'Leanne Mohamad came within 528 votes of unseating Wes Streeting.'],
    marks: [{ exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches' }],
  },
  {
    name: 'majority as "N votes short"',
    paragraphs: ['In Bethnal Green and Stepney, Ajmal Masroor came second, just 1,689 votes short of winning.'],
    marks: [{ exact: '1,689 votes', measure: 'majority', subject: 'Bethnal Green and Stepney', status: 'matches' }],
  },
  {
    name: '"Mr Streeting" once the article has named Wes Streeting',
    paragraphs: ['Wes Streeting, the MP for Ilford North, is the health secretary.', "Mr Streeting's majority was just 528."],
    marks: [{ exact: '528', measure: 'majority', subject: 'Ilford North', status: 'matches' }],
  },
  {
    name: 'place named only elsewhere in the paragraph (lower confidence)',
    paragraphs: ['The count in Ilford North went on past dawn. In the end the majority was just 528 votes.'],
    marks: [{ exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches', scope: 'paragraph' }],
  },
  {
    name: 'qualified majority inside its range',
    paragraphs: ['In Ilford North, Wes Streeting won by fewer than 600 votes.'],
    marks: [{ exact: '600 votes', measure: 'majority', subject: 'Ilford North', status: 'matches', label: 'matches official: 528 (House of Commons Library)' }],
  },
  {
    name: 'qualified majority outside its range',
    paragraphs: ['In Ilford North, Wes Streeting won by more than 600 votes.'],
    marks: [
      {
        exact: '600 votes',
        measure: 'majority',
        subject: 'Ilford North',
        status: 'differs',
        label: 'differs from official: reported more than 600, official 528',
      },
    ],
  },
  {
    name: 'two places, two majorities: each figure takes the place named before it',
    paragraphs: ['In Ilford North, Labour won by 528 votes, and in Blackburn the independent won by 132 votes.'],
    marks: [
      { exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches' },
      { exact: '132 votes', measure: 'majority', subject: 'Blackburn', status: 'matches' },
    ],
  },
  {
    name: 'a party standing for its candidate in the place named ("the Conservatives came third")',
    paragraphs: ['In Ilford North the Conservatives came third with 9,619 votes.'],
    marks: [{ exact: '9,619 votes', measure: 'votes', subject: 'Kaz Rizvi', status: 'matches' }],
  },
  {
    name: "a candidate's votes",
    paragraphs: ['Ayoub Khan won 13,303 votes in Birmingham Perry Barr.'],
    marks: [
      { exact: '13,303 votes', measure: 'votes', subject: 'Ayoub Khan', status: 'matches', label: 'matches official: 13,303 (House of Commons Library)' },
    ],
  },
  {
    name: '"picked up N votes" is a total, not a rise',
    paragraphs: ['Green candidate Rachel Collinson picked up 1,794 votes in Ilford North.'],
    marks: [{ exact: '1,794 votes', measure: 'votes', subject: 'Rachel Collinson', status: 'matches' }],
  },
  {
    name: 'a name two candidates share, told apart by the place',
    paragraphs: ['In Birmingham Perry Barr, Khalid Mahmood picked up 12,796 votes.'],
    marks: [{ exact: '12,796 votes', measure: 'votes', subject: 'Khalid Mahmood', status: 'matches' }],
  },
  {
    name: 'a round figure is compared as written',
    paragraphs: ['Jeremy Corbyn polled 24,000 votes in Islington North.'],
    marks: [
      { exact: '24,000 votes', measure: 'votes', subject: 'Jeremy Corbyn', status: 'matches', label: 'matches official: 24,120 (House of Commons Library)' },
    ],
  },
  {
    name: "a candidate's votes misreported",
    paragraphs: ['Rachel Collinson, the Green candidate in Ilford North, won 1,850 votes.'],
    marks: [
      {
        exact: '1,850 votes',
        measure: 'votes',
        subject: 'Rachel Collinson',
        status: 'differs',
        label: 'differs from official: reported 1,850, official 1,794',
      },
    ],
  },
  {
    name: 'glued words from a scraper ("candidateAyoub Khan")',
    paragraphs: ['Independent candidateAyoub Khan won 13,303 votes in Birmingham Perry Barr.'],
    marks: [{ exact: '13,303 votes', measure: 'votes', subject: 'Ayoub Khan', status: 'matches' }],
  },
  {
    name: 'share rounded as written (35.5 vs 35.497)',
    paragraphs: ['Ayoub Khan took 35.5 percent of the vote in Birmingham Perry Barr.'],
    marks: [{ exact: '35.5 percent', measure: 'share', subject: 'Ayoub Khan', status: 'matches', label: 'matches official: 35.5% (House of Commons Library)' }],
  },
  {
    name: 'share misreported',
    paragraphs: ['Ayoub Khan took 36 percent of the vote in Birmingham Perry Barr.'],
    marks: [{ exact: '36 percent', measure: 'share', subject: 'Ayoub Khan', status: 'differs', label: 'differs from official: reported 36%, official 35.5%' }],
  },
  {
    name: 'two shares in one sentence; the second by party ("the Labour candidate")',
    paragraphs: ['In Islington North, Jeremy Corbyn won with 49.2% of the vote, while the Labour candidate came second with 34.4%.'],
    marks: [
      { exact: '49.2%', measure: 'share', subject: 'Jeremy Corbyn', status: 'matches' },
      { exact: '34.4%', measure: 'share', subject: 'Praful Nargund', status: 'matches' },
    ],
  },
  {
    name: 'share by surname, the full name in another paragraph',
    paragraphs: ['Ayoub Khan won in Birmingham Perry Barr.', "Khan's vote share was 35.5%."],
    marks: [{ exact: '35.5%', measure: 'share', subject: 'Ayoub Khan', status: 'matches' }],
  },
  {
    name: '"Dewsbury & Batley" is Dewsbury and Batley',
    paragraphs: ['In Dewsbury & Batley, Iqbal Mohamed won with 41.1 percent of the vote.'],
    marks: [{ exact: '41.1 percent', measure: 'share', subject: 'Iqbal Mohamed', status: 'matches' }],
  },
  {
    name: 'votes by party in "X\'s constituency"',
    paragraphs: [
      'Independent candidate Ajmal Masroor came second in Bethnal Green and Stepney.',
      "In Masroor's constituency, the Green party secured 6,391 votes.",
    ],
    marks: [{ exact: '6,391 votes', measure: 'votes', subject: 'Phoebe Gill', status: 'matches' }],
  },
  {
    name: 'turnout (valid + invalid over electorate)',
    paragraphs: ['Turnout in Ilford North was 59.8 percent.'],
    marks: [
      { exact: '59.8 percent', measure: 'turnout', subject: 'Ilford North', status: 'matches', label: 'matches official: 59.8% (House of Commons Library)' },
    ],
  },
  {
    name: 'turnout misreported',
    paragraphs: ['Turnout in Ilford North was 62 percent.'],
    marks: [
      { exact: '62 percent', measure: 'turnout', subject: 'Ilford North', status: 'differs', label: 'differs from official: reported 62%, official 59.8%' },
    ],
  },
  {
    name: 'electorate',
    paragraphs: ['Ilford North has an electorate of 78,657.'],
    marks: [{ exact: '78,657', measure: 'electorate', subject: 'Ilford North', status: 'matches' }],
  },
  {
    name: 'registered voters with a lower bound',
    paragraphs: ['There are more than 78,000 registered voters in Ilford North.'],
    marks: [{ exact: '78,000 registered voters', measure: 'electorate', subject: 'Ilford North', status: 'matches' }],
  },
  {
    name: 'a past value in "from … in 2019 to …" is left alone, the current one marked',
    paragraphs: ["Streeting's majority in Ilford North fell from 5,218 in 2019 to 528 votes on 4 July 2024."],
    marks: [{ exact: '528 votes', measure: 'majority', subject: 'Ilford North', status: 'matches' }],
  },
];

const UNMARKED: { name: string; paragraphs: string[]; meta?: { title?: string; publishedAt?: string } }[] = [
  { name: 'another contest (a mayoral race)', paragraphs: ['In the West Midlands mayoral race, Akhmed Yakoob came third with almost 70,000 votes.'] },
  { name: 'a sentence about another year', paragraphs: ['In 2019, Wes Streeting held Ilford North with a majority of 5,218 votes.'] },
  {
    name: 'an article published before the election',
    paragraphs: ['Wes Streeting held Ilford North with a majority of 5,218 votes.'],
    meta: { publishedAt: '2019-12-13' },
  },
  {
    name: 'an article naming only earlier years',
    paragraphs: ['Wes Streeting held Ilford North with a majority of 5,218 votes.'],
    meta: { title: 'Election 2019: Labour holds on' },
  },
  { name: 'a measure the tables do not have', paragraphs: ['Labour won 411 seats in Ilford North and elsewhere.'] },
  { name: 'a poll', paragraphs: ['A poll found 47% of voters in Ilford North back Labour.'] },
  {
    name: 'a percentage of something else',
    paragraphs: ['Under Jeremy Corbyn in Islington North there were 15% interest rates and the introduction of the poll tax.'],
  },
  { name: 'a name two candidates share, no place to tell them apart', paragraphs: ['Khalid Mahmood picked up 12,796 votes.'] },
  {
    name: 'a namesake of a candidate whose seat the article never names',
    paragraphs: ['Michael Howard won 52 percent of the vote in the Ohio race on 5 November 2024.'],
  },
  { name: 'a surname alone, the full name nowhere', paragraphs: ["Mr Streeting's majority was just 528."] },
  { name: 'place names in lower case are words, not places', paragraphs: ['reading north ilford north won by 528 votes'] },
  {
    name: 'a possessive that is not the subject ("Mohamad\'s campaign")',
    paragraphs: ['Leanne Mohamad stood in Ilford North.', "Supporters of Mohamad's campaign say 2,000 votes went elsewhere."],
  },
  { name: 'a change, not a level', paragraphs: ['In Ilford North, Labour support was down 17 percent of the vote.'] },
  { name: 'a majority cut by N votes is a change', paragraphs: ["In Ilford North, Streeting's majority was cut by 4,690 votes."] },
  {
    name: 'a year naming the election of a figure ("first elected … in 1983 with a majority of")',
    paragraphs: ['Jeremy Corbyn was first elected in Islington North in 1983 with a majority of 5,607 votes.'],
  },
  { name: 'voters who are not the electorate', paragraphs: ['Ilford North has 12,000 Muslim voters.'] },
  { name: 'the majority of people is not a majority', paragraphs: ['In Ilford North, the majority of the 3,000 people asked said they had voted.'] },
];

describe('matching figures to official rows', () => {
  test.each(MARKED)('$name', ({ paragraphs, marks }) => {
    const seen = marksOf(paragraphs);
    expect(seen).toHaveLength(marks.length);
    for (const [i, want] of marks.entries()) expect(seen[i]).toMatchObject(want);
  });

  test.each(UNMARKED)('no mark: $name', ({ paragraphs, meta }) => {
    expect(figuresOf(paragraphs).length).toBeGreaterThan(0); // there is a figure, and it is left unmarked
    expect(marksOf(paragraphs, meta)).toEqual([]);
  });
});

describe('two datasets of different years', () => {
  const row = (id: number, year: number, value: number, source: string): ReferenceRow => ({
    id,
    subjectKind: 'place',
    subject: 'Ilford North',
    subjectNorm: 'ilford north',
    subjectShortNorm: null,
    context: null,
    contextPlace: null,
    contextParty: null,
    measure: 'majority',
    value,
    unit: 'votes',
    source,
    year,
  });
  const index = buildReferenceIndex([row(1, 2019, 5218, 'Results 2019'), row(2, 2024, 528, 'Results 2024')]);

  test("a sentence naming its year takes that year's row", () => {
    expect(marksOf(['In 2019, Wes Streeting held Ilford North with a majority of 5,218 votes.'], {}, index)).toEqual([
      expect.objectContaining({ status: 'matches', label: 'matches official: 5,218 (Results 2019)' }),
    ]);
    expect(marksOf(['In 2024, Wes Streeting held Ilford North with a majority of 528 votes.'], {}, index)).toEqual([
      expect.objectContaining({ status: 'matches', label: 'matches official: 528 (Results 2024)' }),
    ]);
  });

  test('an article published in 2021 cannot speak of 2024', () => {
    expect(marksOf(['Wes Streeting held Ilford North with a majority of 5,300 votes.'], { publishedAt: '2021-03-01' }, index)).toEqual([
      expect.objectContaining({ status: 'differs', label: 'differs from official: reported 5,300, official 5,218' }),
    ]);
  });

  test('no year to go by: both rows fit, so no mark', () => {
    expect(marksOf(['Wes Streeting held Ilford North with a majority of 528 votes.'], {}, index)).toEqual([]);
  });
});
