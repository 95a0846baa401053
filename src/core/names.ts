const TITLES = /^(sir|dame|lord|lady|mr|mrs|ms|miss|dr|prof|professor|rev|imam|sheikh|the)\.?\s+/i;

// The same names come back in article after article; normalising is costly (NFKD, several regexes).
const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/** The key under which an alias is stored and looked up: lower case, no diacritics, titles and possessives stripped. */
export function normaliseAlias(name: string): string {
  let norm = memo.get(name);
  if (norm === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    norm = computeAliasKey(name);
    memo.set(name, norm);
  }
  return norm;
}

function computeAliasKey(name: string): string {
  let n = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`]/g, "'")
    .replace(/'s$/i, '')
    .replace(/[^\p{L}\p{N}' &-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  while (TITLES.test(n)) n = n.replace(TITLES, '');
  return n.toLowerCase();
}
