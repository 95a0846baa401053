import { claimSentence, sentenceFinder } from '../../src/export/claim-sentence.js';
import { segmentParagraphs, segmentSentences } from '../../src/ingest/segment.js';

const TEXT = [
  'The count ran late into the night. Mr. Khan won by 528 votes, the returning officer said. Turnout fell.',
  '',
  '"We will not accept this. It is a disgrace," said Dr. J. Smith. Nobody else spoke.',
].join('\n');

const at = (needle: string) => {
  const start = TEXT.indexOf(needle);
  if (start < 0) throw new Error(`not in the text: ${needle}`);
  return { start, end: start + needle.length };
};

describe('the sentence a claim stands in', () => {
  const sentences = segmentSentences(TEXT, segmentParagraphs(TEXT));

  it('is the sentence holding the claim, split by the project splitter (no split after "Mr.")', () => {
    const { start, end } = at('528 votes');
    expect(claimSentence(TEXT, sentences, start, end)).toBe('Mr. Khan won by 528 votes, the returning officer said.');
    const last = at('Turnout');
    expect(claimSentence(TEXT, sentences, last.start, last.end)).toBe('Turnout fell.');
  });

  it('runs from the first to the last sentence a quote spans, within its paragraph', () => {
    const { start, end } = at('We will not accept this. It is a disgrace');
    expect(claimSentence(TEXT, sentences, start, end)).toBe('"We will not accept this. It is a disgrace," said Dr. J. Smith.');
  });

  it('splits paragraphs itself when none are stored, the same way', () => {
    const { start, end } = at('Nobody');
    expect(sentenceFinder(TEXT)(start, end)).toBe('Nobody else spoke.');
    expect(sentenceFinder(TEXT, [])(start, end)).toBe('Nobody else spoke.');
    expect(sentenceFinder(TEXT, null)(at('Turnout').start, at('Turnout').end)).toBe('Turnout fell.');
  });

  it('is null when the offsets fall outside the text or are empty', () => {
    expect(claimSentence(TEXT, sentences, TEXT.length - 2, TEXT.length + 5)).toBeNull();
    expect(claimSentence(TEXT, sentences, -1, 3)).toBeNull();
    expect(claimSentence(TEXT, sentences, 5, 5)).toBeNull();
  });

  it('gives the same sentences splitting only the paragraphs claims fall in, for every span of words', () => {
    const find = sentenceFinder(TEXT, segmentParagraphs(TEXT));
    const words = [...TEXT.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
    let compared = 0;
    for (let i = 0; i < words.length; i++) {
      for (let j = i; j < Math.min(words.length, i + 12); j++) {
        expect(find(words[i].start, words[j].end)).toBe(claimSentence(TEXT, sentences, words[i].start, words[j].end));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    const { start, end } = at('528 votes');
    expect(sentenceFinder(TEXT)(start, end)).toBe('Mr. Khan won by 528 votes, the returning officer said.');
  });
});
