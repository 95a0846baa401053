import { editDistance, isNeighbourSwap, withinOneEdit } from '../../src/core/edit-distance.js';

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and a swap of neighbours as one edit each', () => {
    expect(editDistance('kier', 'kier')).toBe(0);
    expect(editDistance('ahmed', 'ahmad')).toBe(1);
    expect(editDistance('qayum', 'qauyum')).toBe(1);
    expect(editDistance('qauyum', 'qayum')).toBe(1);
    expect(editDistance('kier', 'keir')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    // optimal string alignment: a swapped pair is not edited again ("ca" → "abc" is 3, not 2 as in full Damerau)
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('stops past max and answers max + 1', () => {
    expect(editDistance('starmer', 'strammer', 1)).toBe(2);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('kitten', 'sitting', 3)).toBe(3);
  });
});

describe('withinOneEdit', () => {
  it('accepts one substitution, neighbour swap, insertion or deletion and nothing more', () => {
    expect(withinOneEdit('kier', 'keir')).toBe(true);
    expect(withinOneEdit('qayum', 'qauyum')).toBe(true);
    expect(withinOneEdit('qauyum', 'qayum')).toBe(true);
    expect(withinOneEdit('ahmed', 'ahmad')).toBe(true);
    expect(withinOneEdit('ahmed', 'ahmed')).toBe(true);
    expect(withinOneEdit('kier', 'kire')).toBe(true);
    expect(withinOneEdit('kier', 'iker')).toBe(true);
    expect(withinOneEdit('kier', 'ekir')).toBe(false);
    expect(withinOneEdit('kier', 'krie')).toBe(false);
    expect(withinOneEdit('keir', 'kiers')).toBe(false);
    expect(withinOneEdit('starmer', 'stammer')).toBe(true);
    expect(withinOneEdit('starmer', 'strammer')).toBe(false);
    expect(withinOneEdit('abcd', 'badc')).toBe(false);
  });

  it('agrees with editDistance(a, b, 1) <= 1 on every pair of short words over three letters', () => {
    const words = [''];
    for (let n = 1; n <= 4; n++) for (const w of words.filter((x) => x.length === n - 1)) for (const c of 'abc') words.push(w + c);
    let disagreements = 0;
    for (const a of words) for (const b of words) if (withinOneEdit(a, b) !== editDistance(a, b, 1) <= 1) disagreements++;
    expect(words.length).toBe(121);
    expect(disagreements).toBe(0);
  });
});

describe('isNeighbourSwap', () => {
  it('is true only for two words that differ by one swap of neighbours', () => {
    expect(isNeighbourSwap('kier', 'keir')).toBe(true);
    expect(isNeighbourSwap('lost', 'lots')).toBe(true);
    expect(isNeighbourSwap('kier', 'kier')).toBe(false);
    expect(isNeighbourSwap('ahmed', 'ahmad')).toBe(false);
    expect(isNeighbourSwap('kier', 'kiers')).toBe(false);
    expect(isNeighbourSwap('abcd', 'badc')).toBe(false);
  });
});
