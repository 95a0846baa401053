import { MARK_CLOSE, MARK_OPEN, parseSearchQuery, renderFts5, renderTsquery, splitHighlighted } from '../../src/search/fts-query.js';

const fts5 = (input: unknown) => renderFts5(parseSearchQuery(input));
const tsq = (input: unknown) => renderTsquery(parseSearchQuery(input));

describe('parseSearchQuery', () => {
  it('reads words, prefix words and "phrases", with the terms understood', () => {
    expect(parseSearchQuery('muslim "Bethnal Green" econom*')).toEqual({
      parts: [
        { kind: 'word', word: 'muslim', prefix: false },
        { kind: 'phrase', words: ['Bethnal', 'Green'] },
        { kind: 'word', word: 'econom', prefix: true },
      ],
      terms: ['muslim', '"Bethnal Green"', 'econom*'],
    });
    // a quoted single word is a word
    expect(parseSearchQuery('"vote"').parts).toEqual([{ kind: 'word', word: 'vote', prefix: false }]);
  });

  it('turns a trailing * into a prefix and ignores a lone, leading or one-letter *', () => {
    expect(parseSearchQuery('Starm*').parts).toEqual([{ kind: 'word', word: 'Starm', prefix: true }]);
    expect(parseSearchQuery('*').parts).toEqual([]);
    expect(parseSearchQuery('*vote').parts).toEqual([{ kind: 'word', word: 'vote', prefix: false }]);
    expect(parseSearchQuery('a*').parts).toEqual([{ kind: 'word', word: 'a', prefix: false }]);
  });

  it('drops operators, exclusions, column filters, brackets and tsquery syntax', () => {
    expect(parseSearchQuery('AND').parts).toEqual([]);
    expect(parseSearchQuery('gaza OR NOT -israel NEAR(a b)').terms).toEqual(['gaza', 'a', 'b']);
    expect(parseSearchQuery('exact:vote ^start').terms).toEqual(['exact', 'vote', 'start']);
    expect(parseSearchQuery('&|!():*<->').parts).toEqual([]);
    expect(parseSearchQuery("vote & !labour | 'x':* <2> (a)").terms).toEqual(['vote', 'labour', 'x', '2', 'a']);
  });

  it('closes an unbalanced quote at the end of the input', () => {
    expect(parseSearchQuery('"Perry Barr').parts).toEqual([{ kind: 'phrase', words: ['Perry', 'Barr'] }]);
    expect(parseSearchQuery('"').parts).toEqual([]);
    expect(parseSearchQuery('""""').parts).toEqual([]);
  });

  it('bounds the number of terms and the input length', () => {
    expect(parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(16);
    expect(parseSearchQuery('a'.repeat(10000)).parts).toEqual([{ kind: 'word', word: 'a'.repeat(500), prefix: false }]);
    expect(parseSearchQuery(undefined).parts).toEqual([]);
    expect(parseSearchQuery(['a', 'b']).parts).toEqual([]);
  });

  it('keeps apostrophes inside words and accented letters', () => {
    expect(parseSearchQuery("Labour's Zoë").terms).toEqual(["Labour's", 'Zoë']);
  });
});

describe('renderFts5', () => {
  it('quotes every word and phrase (implicitly ANDed), a prefix outside the quotes', () => {
    expect(fts5('muslim "Bethnal Green" vote')).toBe('"muslim" "Bethnal Green" "vote"');
    expect(fts5('Starm*')).toBe('"Starm"*');
    expect(fts5('gaza OR NOT -israel NEAR(a b)')).toBe('"gaza" "a" "b"');
    expect(fts5('exact:vote ^start')).toBe('"exact" "vote" "start"');
    expect(fts5("Labour's Zoë")).toBe(`"Labour's" "Zoë"`);
    expect(fts5('a'.repeat(10000))).toBe(`"${'a'.repeat(500)}"`);
  });

  it('is null when nothing searchable was typed', () => {
    for (const input of ['', '*', 'AND', '"', '&|!():*<->', undefined]) expect(fts5(input)).toBeNull();
  });
});

describe('renderTsquery', () => {
  it('quotes every word and phrase as an operand, ANDed, a prefix as :*', () => {
    expect(tsq('muslim "Bethnal Green" econom*')).toBe("'muslim' & 'Bethnal Green' & 'econom':*");
    expect(tsq('exact:vote ^start')).toBe("'exact' & 'vote' & 'start'");
  });

  it('doubles quotes inside a word, so no operand can end early', () => {
    expect(tsq("Labour's")).toBe("'Labour''s'");
    expect(tsq("Labour’s O'Brien'")).toBe("'Labour’s' & 'O''Brien'");
  });

  it('leaves nothing of tsquery syntax outside the quotes', () => {
    for (const input of ["vote & !labour | 'x':* <2> (a)", '&|!():*<->', 'a:b', '"unbalanced', 'NEAR(x y', `x${"'".repeat(50)}y`]) {
      const out = tsq(input);
      if (out === null) continue;
      // strip the quoted operands: what is left must be only & joins and :* prefixes
      expect(out.replace(/'(?:[^']|'')*'/g, 'T')).toMatch(/^T(?::\*)?(?: & T(?::\*)?)*$/);
    }
  });

  it('is null when nothing searchable was typed', () => {
    for (const input of ['', '*', 'AND', '"', '&|!():*<->', null]) expect(tsq(input)).toBeNull();
  });
});

describe('splitHighlighted', () => {
  it('cuts at the sentinels into plain and marked parts without interpreting markup', () => {
    expect(splitHighlighted(`a <b>${MARK_OPEN}vote${MARK_CLOSE} c`)).toEqual([
      { text: 'a <b>', mark: false },
      { text: 'vote', mark: true },
      { text: ' c', mark: false },
    ]);
  });
});
