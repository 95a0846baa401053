// Appositions and role phrases around a name: the name is the speaker, whichever side the role stands.
import { attributionOf, quoteStarting } from './speaker-helpers.js';

describe('appositions and role phrases', () => {
  it.each([
    ['Reuters', 'Dana Whitfield, chief economist at Harlow Capital, said: "Rates will fall."', 'Rates', 'Dana Whitfield'],
    ['AP', '"We played well," said Ian Brook, the club\'s head coach.', 'We played', 'Ian Brook'],
    ['NYT', 'Vice presidential candidate Tom Reyes said on "Meet the Press" that "we will win."', 'we will win', 'Tom Reyes'],
    ['BBC', '"All the markets grew," mobile analyst Carolina Milanesi told the BBC News website.', 'All the markets', 'Carolina Milanesi'],
    ['BBC', '"The two companies have agreed," said Russian oil official Sergei Oganesyan.', 'The two', 'Sergei Oganesyan'],
    ['Guardian', '"We won\'t," said Labour\'s shadow chancellor Rachel Reeves.', 'We won', 'Rachel Reeves'],
    ['BBC', '"A major overhaul is needed," said project manager Livio Costantini.', 'A major', 'Livio Costantini'],
    ['AP', '"We\'re going to be OK," the company\'s chief executive, Tim Cook, said.', 'We', 'Tim Cook'],
    ['local UK', 'The club\'s manager, Pep Guardiola, said: "We were poor."', 'We were', 'Pep Guardiola'],
    ['Reuters', '"The numbers don\'t add up," said Sarah Jones, an analyst with Moody\'s.', 'The numbers', 'Sarah Jones'],
    ['Guardian', 'Rachel Reeves, the shadow chancellor, told the BBC: "It\'s a mess."', 'It', 'Rachel Reeves'],
    ['AP', '"I feel great," Smith, who won gold in 2012, said after the race.', 'I feel', 'Smith'],
  ])('%s: %s', (_style, text, quote, speaker) => {
    const { speaker: got, band } = attributionOf(text, quote);
    expect(got).toBe(speaker);
    expect(['direct', 'near']).toContain(band);
  });

  it('a role phrase before the name does not make the role words the speaker', () => {
    expect(attributionOf('"It was a mistake," said Labour\'s deputy leader Angela Rayner.', 'It was').speaker).toBe('Angela Rayner');
  });
});

describe('the role kept as the speaker’s description', () => {
  it.each([
    ['"We played well," said Ian Brook, the club\'s head coach.', 'We played', "the club's head coach"],
    ['"All the markets grew," mobile analyst Carolina Milanesi told the BBC.', 'All the', 'mobile analyst'],
    ['"Yes, we agreed," said Russian oil official Sergei Oganesyan.', 'Yes', 'Russian oil official'],
    ['Dana Whitfield, chief economist at Harlow Capital, said: "Rates will fall."', 'Rates', 'chief economist at Harlow Capital'],
    ['"I feel great," Smith, who won gold in 2012, said after the race.', 'I feel', null],
    ['Mr. Smith, 54, said: "Yes, it is."', 'Yes', null],
  ])('%s', (text, quote, role) => {
    expect(quoteStarting(text, quote)?.speakerRole ?? null).toBe(role);
  });
});
