// Datelines, photo credits and bylines are never speakers.
import { findNameMentions } from '../../src/extract/entities.js';
import { body } from './helpers.js';
import { attributionOf } from './speaker-helpers.js';

describe('never speakers', () => {
  it.each([
    ['AP dateline', 'WASHINGTON (AP) — "We are ready," the senator said.'],
    ['NYT dateline', 'BOSTON — "We are ready," the mayor said.'],
    ['Reuters dateline', 'LONDON, Nov 3 (Reuters) - "We are ready," the bank said.'],
  ])('%s is a place, not the speaker', (_name, text) => {
    expect(attributionOf(text, 'We are ready').speaker).not.toMatch(/WASHINGTON|BOSTON|LONDON/);
    expect(findNameMentions(text)[0]?.kind).toBe('place');
  });

  it.each([
    ['an agency credit', 'JANE DOE/AFP via Getty Images'],
    ['a Guardian credit', 'Photograph: Jane Doe/Reuters'],
    ['a byline', 'By JOHN SMITH and Ann Lee'],
  ])('%s names nobody who speaks', (_name, line) => {
    const text = body(line, '"We are ready," he said.');
    const mentions = findNameMentions(text)
      .filter((m) => m.kind === 'person')
      .map((m) => m.name);
    expect(mentions).toEqual([]);
    expect(attributionOf(text, 'We are ready').speaker ?? null).toBeNull();
  });
});
