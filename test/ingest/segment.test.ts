import { sentenceAround } from '../../src/crossref/text-context.js';
import { clauseEnd } from '../../src/extract/cues.js';
import { ABBREVIATIONS, isAbbreviationDot, segmentParagraphs, segmentSentences } from '../../src/ingest/segment.js';

const slices = (text: string, spans: { start: number; end: number }[]): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('segmentParagraphs', () => {
  it('splits on blank lines and trims', () => {
    const text = '  First paragraph.\n\nSecond one\ncontinues.\n\n\n  Third.  ';
    expect(slices(text, segmentParagraphs(text))).toEqual(['First paragraph.', 'Second one\ncontinues.', 'Third.']);
  });
});

describe('segmentSentences', () => {
  it.each([
    ['after titles and initials', 'Mr. Smith met Dr. Jones. J. K. Rowling wrote it.', ['Mr. Smith met Dr. Jones.', 'J. K. Rowling wrote it.']],
    ['after a closing quote', '“It is done.” He left. Then “we go”.', ['“It is done.”', 'He left.', 'Then “we go”.']],
    ['not before lower case', 'It cost 3.5 m. and more. Next.', ['It cost 3.5 m. and more.', 'Next.']],
  ])('%s', (_name, text, expected) => {
    expect(slices(text, segmentSentences(text, segmentParagraphs(text)))).toEqual(expected);
  });

  it('keeps sentences inside their paragraph', () => {
    const text = 'One. Two\n\nThree.';
    expect(slices(text, segmentSentences(text, segmentParagraphs(text)))).toEqual(['One.', 'Two', 'Three.']);
  });
});

describe('one sentence rule for every caller', () => {
  const sentencesOf = (text: string) => slices(text, segmentSentences(text, segmentParagraphs(text)));

  it.each([
    // the honorific table's titles (US house styles) were missing from the splitter's list
    [
      'Msgr., Det. Insp. and Cllr.',
      'Msgr. Lopez met Det. Insp. Lee and Cllr. Ahmed. They spoke.',
      ['Msgr. Lopez met Det. Insp. Lee and Cllr. Ahmed.', 'They spoke.'],
    ],
    // an acronym is not "Ms." or "Dec." or "Sec.": it ends the sentence
    [
      'an acronym before the stop',
      'It is under review by the SEC. The company said so. Funds go to the DEC. “Good,” he said.',
      ['It is under review by the SEC.', 'The company said so.', 'Funds go to the DEC.', '“Good,” he said.'],
    ],
    ['a condition in capitals', 'It helps patients with MS. Final approval is near.', ['It helps patients with MS.', 'Final approval is near.']],
    // the cross-referencing splitter read any one letter as an initial and split before lower case
    ['a unit letter is no initial', 'Costs rose to £250m. Turnover was up.', ['Costs rose to £250m.', 'Turnover was up.']],
    ['an ellipsis before lower case', '“A recovery... much patchier,” he said. Then he left.', ['“A recovery... much patchier,” he said.', 'Then he left.']],
    ['an ellipsis before a capital', 'It is a plan… We will see.', ['It is a plan…', 'We will see.']],
    ['U.S. and a.m.', 'The U.S. Senate met at 9 a.m. Monday. It voted.', ['The U.S. Senate met at 9 a.m. Monday.', 'It voted.']],
  ])('%s', (_name, text, expected) => {
    expect(sentencesOf(text)).toEqual(expected);
  });

  it('gives cross-referencing the same sentences (sentenceAround) as the splitter', () => {
    const text = 'Mr. Smith met Dr. Jones. “It is done.” He left… Costs rose to £250m. Turnover was up 4.3% at the SEC. J. K. Rowling wrote it? Yes!';
    const sentences = segmentSentences(text, segmentParagraphs(text));
    expect(sentences.length).toBe(7);
    for (const s of sentences) {
      const around = sentenceAround(text, s.start, s.start + 2);
      expect(text.slice(around.start, around.end)).toBe(text.slice(s.start, s.end));
    }
  });

  it('ends a cue clause at the same full stops (not after an abbreviation or an initial)', () => {
    const text = 'said Msgr. J. Lopez. Then';
    expect(text.slice(0, clauseEnd(text, 0, text.length))).toBe('said Msgr. J. Lopez');
    expect(isAbbreviationDot(text, 0, text.indexOf('. Then'))).toBe(false);
    expect(ABBREVIATIONS.has('msgr') && ABBREVIATIONS.has('mr') && ABBREVIATIONS.has('u.s')).toBe(true);
  });
});
