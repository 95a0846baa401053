import { MARK_CLOSE, MARK_OPEN, parseSearchQuery, splitHighlighted } from '../../src/search/fts-query.js';

describe('parseSearchQuery', () => {
  it('quotes every word and keeps "phrases" together', () => {
    expect(parseSearchQuery('muslim "Bethnal Green" vote')).toEqual({ fts: '"muslim" "Bethnal Green" "vote"', terms: ['muslim', '"Bethnal Green"', 'vote'] });
  });

  it('turns a trailing * into a prefix query and ignores a lone or leading *', () => {
    expect(parseSearchQuery('Starm*').fts).toBe('"Starm"*');
    expect(parseSearchQuery('*').fts).toBeNull();
    expect(parseSearchQuery('*vote').fts).toBe('"vote"');
  });

  it('drops operators, exclusions, column filters and brackets', () => {
    expect(parseSearchQuery('AND').fts).toBeNull();
    expect(parseSearchQuery('gaza OR NOT -israel NEAR(a b)').fts).toBe('"gaza" "a" "b"');
    expect(parseSearchQuery('exact:vote ^start').fts).toBe('"exact" "vote" "start"');
  });

  it('closes an unbalanced quote at the end of the input', () => {
    expect(parseSearchQuery('"Perry Barr').fts).toBe('"Perry Barr"');
    expect(parseSearchQuery('"').fts).toBeNull();
    expect(parseSearchQuery('""""').fts).toBeNull();
  });

  it('bounds the number of terms and the input length', () => {
    expect(parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ')).terms).toHaveLength(16);
    expect(parseSearchQuery('a'.repeat(10000)).fts).toBe(`"${'a'.repeat(500)}"`);
    expect(parseSearchQuery(undefined).fts).toBeNull();
    expect(parseSearchQuery(['a', 'b']).fts).toBeNull();
  });

  it('keeps apostrophes inside words and accented letters', () => {
    expect(parseSearchQuery("Labour's Zoë").fts).toBe(`"Labour's" "Zoë"`);
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
