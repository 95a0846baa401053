// Honorifics written with a full stop (US house styles) and without one (UK): the name after them is the speaker,
// the honorific alone never is, and the full stop ends no sentence.
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

describe('honorifics with and without a full stop', () => {
  it.each([
    ['NYT', '"We are not going to stop," Mr. Alvarez said.', 'We are', 'Alvarez'],
    ['NYT', 'Ms. Okafor said: "This is the end of it."', 'This is', 'Okafor'],
    ['AP', '"It is a good bill," said Sen. Maria Lopez, D-Ohio.', 'It is', 'Maria Lopez'],
    ['AP', '"The vote was close," Gov. Tim Walz said on Tuesday.', 'The vote', 'Tim Walz'],
    ['AP', '"It is over," Gen. Mark Milley told lawmakers.', 'It is over', 'Mark Milley'],
    ['AP', '"Nobody saw it coming," said Rep. Nancy Mace, R-S.C.', 'Nobody', 'Nancy Mace'],
    ['NYT', '"This was a tough race," said Dr. Jane Smith, a professor at Harvard University.', 'This was', 'Jane Smith'],
    ['NYT', '"It\'s a shame," said Prof. Alan Green.', 'It', 'Alan Green'],
    ['NYT', '"We\'ll fight on," said the Rev. Al Sharpton.', 'We', 'Al Sharpton'],
    ['AP', '"We held the line," Lt. Gen. Sarah Boyd said.', 'We held', 'Sarah Boyd'],
    ['Reuters', '"Demand is strong," Mrs. Patel told Reuters.', 'Demand', 'Patel'],
    ['BBC', '"We were let down," Mr Jones told BBC Wales.', 'We were', 'Jones'],
    ['Guardian', 'Dr Amira Hassan, who runs the clinic, said: "We cannot cope."', 'We cannot', 'Amira Hassan'],
    ['local UK', '"Parking is a nightmare," said Cllr Ann Briggs.', 'Parking', 'Ann Briggs'],
  ])('%s: %s', (_style, text, quote, speaker) => {
    expect(attributionOf(text, quote)).toEqual({ speaker, band: 'direct' });
  });

  it('never takes "Sen", "Rep" or "Gov" alone as a speaker', () => {
    for (const text of ['"It passed," said Sen. Lopez.', '"It passed," said Rep. Ruiz.', '"It passed," said Gov. Hall.']) {
      expect(attributionOf(text, 'It passed').speaker).not.toMatch(/^(?:Sen|Rep|Gov)$/);
    }
  });

  it('does not end a sentence after "Mr." when carrying a speaker over', () => {
    const text = body('But Mr. Reyes said the plan had failed.', '"It was never going to work."');
    expect(attributionOf(text, 'It was never').speaker).toBe('Reyes');
  });
});
