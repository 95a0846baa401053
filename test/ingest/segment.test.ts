import { segmentParagraphs, segmentSentences } from '../../src/ingest/segment.js';

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
