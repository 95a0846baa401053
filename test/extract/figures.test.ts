import { claimsOf } from './helpers.js';

describe('figures', () => {
  it.each([
    ['Almost £4,000 has been raised so far.', '£4,000', 4000, 'GBP', 'almost', null],
    ['He hoped to raise more than £30,000 to ensure Muslim voices would be heard.', '£30,000', 30000, 'GBP', 'more than', null],
    ['Muslims constitute 4.4% of the UK population.', '4.4%', 4.4, 'percent', null, 'UK population'],
    ['Khan won with 35.5 percent of the vote share.', '35.5 percent', 35.5, 'percent', null, 'vote share'],
    ['Labour’s share of the vote fell by an average 18 percentage points.', '18 percentage points', 18, 'percentage_points', 'an average', null],
    ['Akhmed Yakoob came third with almost 70,000 votes.', '70,000 votes', 70000, 'votes', 'almost', 'votes'],
    ['The war has resulted in the deaths of at least 38,000 Palestinians.', '38,000 Palestinians', 38000, 'people', 'at least', 'Palestinians'],
    ['We are a powerful, united force of 4 million acting in unison.', '4 million', 4000000, 'count', null, null],
    ['It is endorsing nine candidates from Galloway’s party.', 'nine candidates', 9, 'count', null, 'candidates'],
    [
      'In an open letter, five Muslim organisations across the constituency warned Labour.',
      'five Muslim organisations',
      5,
      'count',
      null,
      'Muslim organisations',
    ],
    ['Over the last 40 years Muslim communities have been steadfast Labour voters.', '40 years', 40, 'years', null, null],
    ['Quarterly profits jumped 76% to $1.13bn for the three months to December.', '$1.13bn', 1.13e9, 'USD', null, null],
    ['The party won a landslide with at least 411 seats in the House of Commons.', '411 seats', 411, 'seats', 'at least', 'seats'],
    ['Unilever took a 650m euro write-down on Slimfast.', '650m euro', 650e6, 'EUR', null, null],
    ['It planned to spend 500m euros this year buying back shares.', '500m euros', 500e6, 'EUR', null, null],
    ['Shares fell 1% to 510.75 pence in London.', '510.75 pence', 510.75, 'penny', null, null],
    ['The deal is worth $100m (£52m) to the firm.', '£52m', 52e6, 'GBP', null, null],
    ['Hoyle is standing where more than a fifth of the electorate is Jewish.', 'a fifth', 0.2, 'fraction', 'more than', 'electorate'],
    ['Two-thirds of MPs backed the bill.', 'Two-thirds', 0.6667, 'fraction', null, 'MPs'],
    [
      'In the 40 constituencies where they came second, 22 of those constituencies have many Muslims.',
      '22 of those constituencies',
      22,
      'count',
      null,
      'constituencies',
    ],
    ['Sales of ice cream and frozen food dipped by 3.4% last year.', '3.4%', 3.4, 'percent', null, null],
    ['The estimated cost has been put at $40,000 (£21,000) per day.', '$40,000', 40000, 'USD', null, null],
  ])('%s', (sentence, exact, value, unit, qualifier, subject) => {
    const f = claimsOf(sentence, 'figure').find((c) => c.exact === exact);
    expect(f).toBeDefined();
    expect(f).toMatchObject({ value, unit, qualifier, subject });
  });

  it('counts "13 out of 650" as 13 with its whole', () => {
    const [f] = claimsOf('Only 13 out of 650 members of parliament elected in 2015 identify as Muslim.', 'figure');
    expect(f).toMatchObject({ exact: '13 out of 650 members of parliament', value: 13, denominator: 650, unit: 'count', subject: 'members of parliament' });
  });

  it.each([
    ['a year', 'Qauyum wrote on Facebook in 2014 that it was generous.'],
    ['a month and day', 'Masroor said after October 7 he was not going to condemn it.'],
    ['a day and month', 'On 25 December he wrote that the day was near.'],
    ['a range of years', 'Having represented Derby North from 2010-19, Williamson was suspended.'],
    ['a name with a number', 'The pledge was published on the Islamist website 5 Pillars on October 9.'],
    ['an ordinal', 'The war is now nearing its tenth month.'],
    ['a phone number', 'Phone: +18698800304764'],
    ['a view counter', 'Views: 5912'],
    ['"100% certain" (emphasis)', 'His mother said she is "100% certain" her son is innocent.'],
    ['an ordinal place', 'Akhmed Yakoob came third place in the mayoral race.'],
    ['"the second half"', 'He scored in the second half of the game.'],
    ['an indefinite count written in words inside speech (rhetoric)', '“Growing up I remember two Muslim approaches to elections,” Ahmed said.'],
  ])('does not report %s', (_name, text) => {
    expect(claimsOf(text, 'figure')).toEqual([]);
  });
});
