import { findAnchor } from '../../src/core/anchor.js';

describe('findAnchor (TextQuoteSelector re-anchoring)', () => {
  const selector = { exact: '507 votes', prefix: 'by the slim majority of ', suffix: '.\n\nKhan secured' };

  it('finds the same words after text was inserted before them', () => {
    const text = 'CORRECTION added.\n\nHe won by the slim majority of 507 votes.\n\nKhan secured 13,303 votes.';
    const span = findAnchor(text, selector);
    expect(span && text.slice(span.start, span.end)).toBe('507 votes');
    expect(span!.start).toBe(text.indexOf('507'));
  });

  it('picks the occurrence whose context matches when the words appear twice', () => {
    const text = 'Mahmood lost by 507 votes in the end.\n\nHe won by the slim majority of 507 votes.\n\nKhan secured more.';
    const span = findAnchor(text, selector)!;
    expect(text.slice(span.start - 24, span.start)).toBe('by the slim majority of ');
  });

  it('returns null (an orphan) when the words are gone', () => {
    expect(findAnchor('He won by 508 votes.', selector)).toBeNull();
  });

  it('refuses to guess between equal occurrences with no matching context', () => {
    expect(findAnchor('x 507 votes y 507 votes z', { exact: '507 votes', prefix: 'QQQ', suffix: 'WWW' })).toBeNull();
  });
});
