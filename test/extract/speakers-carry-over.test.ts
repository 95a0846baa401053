// A quote paragraph with no cue: its speaker was introduced just before, or spoke the paragraph before.
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

describe('paragraph carry-over', () => {
  it.each([
    ['NYT', body('But Ms. Lee said the plan had failed.', '"It was never going to work. Nobody listened."'), 'It was never', 'Lee'],
    [
      'AP',
      body('Errol Batiste, 71, rode out the storm on the second floor of his house.', '“The water came up the stairs one step at a time.”'),
      'The water',
      'Errol Batiste',
    ],
    [
      'Guardian',
      body(
        'Ms Okafor, who grew up near the river, told the Guardian the river had once been famous for its trout.',
        '"Anglers used to come from all over the country."',
      ),
      'Anglers',
      'Okafor',
    ],
    ['BBC', body('"We are looking at all options," said Ms Henderson.', '"We actually expect people to dip in and out."'), 'We actually', 'Henderson'],
    ['Reuters', '"They had five years to build this," Lindqvist said. "Now they are paying someone else\'s price for it."', 'Now they', 'Lindqvist'],
    [
      'local UK',
      body('In a statement read to the court, Mrs Sutcliffe said she could no longer work full-time.', '“I used to cycle 20 miles every Sunday.”'),
      'I used',
      'Sutcliffe',
    ],
  ])('%s: %s', (_style, text, quote, speaker) => {
    const got = attributionOf(text, quote);
    expect(got.speaker).toBe(speaker);
    expect(got.band).toBe('inferred'); // carried over: lower than a cue next to the quote
  });

  it('continues a multi-paragraph quote with its speaker', () => {
    const text = body('"We were not ready for this," said Tom Hale, the club chairman. "Nobody was.', '"But we will rebuild."');
    expect(attributionOf(text, 'But we will').speaker).toBe('Tom Hale');
  });

  it('does not carry a speaker over a paragraph about someone else', () => {
    const text = body(
      '"We did our best," said Ann Cole.',
      'The council, however, rejected the plan on Monday after a long debate about costs.',
      '"This is the end."',
    );
    expect(attributionOf(text, 'This is the end').speaker).not.toBe('Ann Cole');
  });
});
