import { claimsOf } from './helpers.js';

describe('reported speech', () => {
  it('reports "X said …" with speaker, cue and content', () => {
    const text = 'Imam Ajmal Masroor is standing. In a recorded speech, Masroor said after October 7 he was not going to condemn Hamas.';
    const [r] = claimsOf(text, 'reported');
    expect(r).toMatchObject({ speaker: 'Ajmal Masroor', cue: 'said', exact: 'after October 7 he was not going to condemn Hamas' });
  });

  it('drops "that" and the hearer of "told"', () => {
    const [r] = claimsOf('Senior Labour Party sources told the JC there was deep concern over the impact of the campaign.', 'reported');
    expect(r).toMatchObject({ cue: 'told', exact: 'there was deep concern over the impact of the campaign' });
  });

  it('is not the frame of a direct quote', () => {
    expect(claimsOf('"We thought it was important that we make our voice count," Ahmed said.', 'reported')).toEqual([]);
  });
});

describe('attributed findings', () => {
  it('attributes a finding to the analysis', () => {
    const [a] = claimsOf(
      'After last month’s local elections, a Sky TV analysis found that in wards whose electorates were more than 20 per cent Muslim, Labour’s share of the vote fell.',
      'attribution',
    );
    expect(a).toMatchObject({ speaker: 'Sky TV analysis', subject: 'Sky TV analysis', cue: 'found' });
    expect(a.exact.startsWith('in wards whose electorates')).toBe(true);
  });

  it('attributes a poll', () => {
    const [a] = claimsOf('A recent Survation phone poll of adults earlier this month revealed the Conservatives were in front on 47%.', 'attribution');
    expect(a).toMatchObject({ speaker: 'Survation phone poll', cue: 'revealed', exact: 'the Conservatives were in front on 47%' });
  });

  it('handles "according to"', () => {
    const [a] = claimsOf('Candidates will be supported based on their track record, according to a statement on the crowdfunding page.', 'attribution');
    expect(a).toMatchObject({
      cue: 'according to',
      exact: 'Candidates will be supported based on their track record',
      speaker: 'statement on the crowdfunding page',
    });
  });
});
