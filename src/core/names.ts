const TITLES = /^(sir|dame|lord|lady|mr|mrs|ms|miss|dr|prof|professor|rev|imam|sheikh|the)\.?\s+/i;

/** The key under which an alias is stored and looked up: lower case, no diacritics, titles and possessives stripped. */
export function normaliseAlias(name: string): string {
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
