import { speakerAsEntity, speakerEntityKind } from '../../src/extract/speaker-kind.js';

describe('speakerEntityKind', () => {
  // the two rules before it: ingest's (name words without dots, so initials and "Mr." made an organisation) and the
  // editor's correction (dots allowed); both called "Sky News" and "Unite Union" persons
  it.each([
    ['J. K. Rowling', 'person'],
    ['Mr. Alvarez', 'person'],
    ['Dr J. Smith', 'person'],
    ['Sen. Maria Lopez', 'person'],
    ['Sky News', 'organisation'],
    ['Unite Union', 'organisation'],
  ])('where the old rules disagreed or were wrong: %s is a %s', (name, kind) => {
    expect(speakerEntityKind(name)).toBe(kind);
  });

  it.each([
    ['Keir Starmer', 'person'],
    ['Mary-Jane O’Brien', 'person'],
    ['Hélène Dupont', 'person'],
    ['Ed Balls', 'person'],
    ['BBC', 'organisation'],
    ['Hamas', 'organisation'],
    ['Downing Street', 'organisation'],
    ['Labour Party', 'organisation'],
    ['Ofcom', 'organisation'],
    ['Manchester', 'organisation'],
    ['Friends of the Earth', 'organisation'],
    ['Campaign Against Arms Trade Now Today', 'organisation'],
  ])('%s is a %s', (name, kind) => {
    expect(speakerEntityKind(name)).toBe(kind);
  });

  it.each(['the source', 'The spokesman', 'a spokeswoman', 'One official', 'officials', '', '  '])('%j is no entity', (name) => {
    expect(speakerEntityKind(name)).toBeNull();
  });
});

describe('speakerAsEntity', () => {
  it('keeps the words the article used as an alias unless they are a pronoun or a description', () => {
    expect(speakerAsEntity('J. K. Rowling', 'Rowling')).toEqual({ kind: 'person', name: 'J. K. Rowling', aliases: ['Rowling'] });
    expect(speakerAsEntity('Sky News', 'Sky News')).toEqual({ kind: 'organisation', name: 'Sky News', aliases: [] });
    expect(speakerAsEntity('Keir Starmer', 'he')).toEqual({ kind: 'person', name: 'Keir Starmer', aliases: [] });
    expect(speakerAsEntity('Keir Starmer', 'The Labour leader')).toEqual({ kind: 'person', name: 'Keir Starmer', aliases: [] });
    expect(speakerAsEntity('the source', null)).toBeNull();
  });
});
