import { buildEntities, findNameMentions } from '../../src/extract/entities.js';

const namesOf = (text: string): string[] => findNameMentions(text).map((m) => m.name);

describe('entities', () => {
  it('strips titles and roles', () => {
    expect(namesOf('Sir Keir Starmer met Levelling-Up Secretary Michael Gove.')).toEqual(['Keir Starmer', 'Michael Gove']);
  });

  it('splits words glued by a scraper', () => {
    expect(namesOf('Pro-Palestine independent candidateAyoub Khan pulled off a shock win againstLabour.')).toContain('Ayoub Khan');
  });

  it('resolves surnames and Sir + first name to the full name in the same article', () => {
    const text = 'Muddassar Ahmed leads it. Ahmed said so. Sir Keir Starmer agreed, and Sir Keir left.';
    expect(namesOf(text)).toEqual(['Muddassar Ahmed', 'Muddassar Ahmed', 'Keir Starmer', 'Keir Starmer']);
  });

  it('does not merge different spellings', () => {
    expect(namesOf('Azhar Qauyum wrote it. Later Azhar Qayum spoke.')).toEqual(['Azhar Qauyum', 'Azhar Qayum']);
  });

  it('links an acronym to its organisation', () => {
    const mentions = findNameMentions('The Labour Muslim Network (LMN) wrote to him. LMN said it was vile.');
    const entities = buildEntities(mentions);
    expect(entities).toEqual([
      {
        kind: 'organisation',
        name: 'Labour Muslim Network',
        aliases: ['Labour Muslim Network', 'LMN'],
        mentions: [
          { start: 4, end: 25 },
          { start: 27, end: 30 },
          { start: 46, end: 49 },
        ],
      },
    ]);
  });

  it('keeps possessives out of names', () => {
    expect(namesOf('Labour’s Rushanara Ali and Mend’s CEO met.')).toEqual(['Labour', 'Rushanara Ali', 'Mend']);
  });
});
