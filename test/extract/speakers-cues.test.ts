// The cue after the quote with words in between, "according to", and organisations and publications as speakers.
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

describe('cues with words between, and organisations as speakers', () => {
  it.each([
    ['AP', '"It was a great night," Johnson said to applause.', 'It was', 'Johnson'],
    ['AP', body('Maria Gomez spoke outside the court.', '"We will appeal," she told reporters on Tuesday.'), 'We will', 'Maria Gomez'],
    ['Reuters', '"The merger harms consumers," according to the Federal Trade Commission.', 'The merger', 'Federal Trade Commission'],
    ['NYT', '"We stand by our reporting," The Times said in a statement.', 'We stand', 'Times'],
    [
      'Guardian',
      body('The Federal Trade Commission sued to block the deal.', '"The deal is unlawful," the commission said in a statement.'),
      'The deal',
      'Federal Trade Commission',
    ],
    [
      'local UK',
      body('Thornley Borough Council approved the charges.', '"We understand the concern," the council said.'),
      'We understand',
      'Thornley Borough Council',
    ],
    ['BBC', 'In a statement, Caledon Isles Ferries said: "We sincerely apologise."', 'We sincerely', 'Caledon Isles Ferries'],
  ])('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote).speaker).toBe(speaker);
  });

  it('a campaign speaks "in an email", not the email', () => {
    expect(attributionOf('"This is untrue," the campaign said in an email.', 'This is').speaker).toBe('the campaign');
  });

  it('"is said to be" reports no speech', () => {
    expect(attributionOf('"The Beast" is said to be the fastest car in the world.', 'The Beast').speaker ?? null).toBeNull();
  });
});
