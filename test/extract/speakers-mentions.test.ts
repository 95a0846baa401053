// Candidate mentions for speakers: which capitalised runs are people, bodies or nothing.
import { findNameMentions } from '../../src/extract/entities.js';

const kinds = (text: string): string[] => findNameMentions(text).map((m) => `${m.name}:${m.kind}`);

describe('speaker candidate mentions', () => {
  it.each([
    ['a surname ending like a demonym, before a cue', 'Lindqvist said the deal was done.', ['Lindqvist:person']],
    ['a surname ending like a demonym, after its full name', 'Novak Djokovic won. Djokovic was happy.', ['Novak Djokovic:person', 'Novak Djokovic:person']],
    ['a demonym or "-ist" word stays out', 'Islamist groups and Bosnian voters met.', []],
    ['a sentence-opening participle is no name', 'Shivering in a long dress, the actress smiled.', []],
    ['a sentence-opening adverb is no name', 'Traditionally, schools have avoided games.', []],
    ['a given name before a surname-like place word', 'Jess Ward watched from the stands.', ['Jess Ward:person']],
    ['a US party-state tag is no name', 'said Sen. Mark Ellison, R-Wyo., the lead sponsor.', ['Mark Ellison:person']],
    ['a byline job title is no name', 'Priya Shah is the Local Democracy Reporter', ['Priya Shah:person']],
    [
      'an apposition naming a body makes an organisation',
      'Renters Together, a tenants’ campaign group, said the delay hurt.',
      ['Renters Together:organisation'],
    ],
    ['an apposition naming a role keeps a person', 'Jane Doe, the group’s founder, said so.', ['Jane Doe:person']],
    ['a role word before the name is no part of it', 'Senate Minority Whip Janet Kowalczyk voted no.', ['Janet Kowalczyk:person']],
  ])('%s', (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });
});
