import type { PersonRef, ReferenceIndex } from './index-rows.js';
import { NAME_LINK_WORDS, tokenize, type Token } from './tokens.js';

/** A place, person or party of the reference tables named in an article. */
export interface NameMention {
  kind: 'place' | 'person' | 'party';
  start: number;
  end: number;
  /** "Masroor's", "Labour's" */
  possessive: boolean;
  /** the word after the name ("constituency", "candidate"), normalised */
  next: string | null;
  /** place: its normalised name */
  place?: string;
  /** person: the people of that name in the tables (several when the name stood in several places) */
  persons?: PersonRef[];
  /** party: canonical party keys */
  parties?: string[];
  /** a surname standing for a full name named elsewhere in the article */
  bySurname?: boolean;
}

// a party name stands for its candidate before these words: "the Green party", "the Labour candidate", "Labour won"
const PARTY_HEADS = new Set([
  'party',
  'candidate',
  'candidates',
  'nominee',
  'mp',
  'won',
  'took',
  'secured',
  'polled',
  'got',
  'received',
  'came',
  'finished',
  'picked',
  'gained',
  'had',
  'was',
  'were',
]);

/**
 * Every place, person and party of the tables named in a text, longest name first, names written with
 * capitals. A surname alone counts only when the same article names the full person somewhere.
 */
export function findNames(text: string, index: ReferenceIndex): NameMention[] {
  const tokens = tokenize(text);
  const covered = new Uint8Array(tokens.length);
  const found: NameMention[] = [];
  const nextNorm = (j: number) => (j < tokens.length ? tokens[j].norm : null);

  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(index.maxNameTokens, tokens.length - i); n >= 1; n--) {
      if (!writtenAsName(tokens, i, n)) continue;
      const key = joinNorms(tokens, i, n);
      const last = tokens[i + n - 1];
      const base = { start: tokens[i].start, end: last.end, possessive: last.possessive, next: nextNorm(i + n) };
      if (index.places.has(key)) found.push({ kind: 'place', ...base, place: key });
      else if (n >= 2 && index.persons.has(key)) found.push({ kind: 'person', ...base, persons: index.persons.get(key)! });
      else continue;
      covered.fill(1, i, i + n);
      i += n - 1;
      break;
    }
  }

  const named = new Set(found.flatMap((m) => (m.kind === 'person' ? [m.persons![0].fullNorm] : [])));
  for (let i = 0; i < tokens.length; i++) {
    if (covered[i] || !tokens[i].capital) continue;
    const t = tokens[i];
    const full = [...(index.surnames.get(t.norm) ?? [])].filter((f) => named.has(f));
    if (full.length === 1) {
      found.push({
        kind: 'person',
        start: t.start,
        end: t.end,
        possessive: t.possessive,
        next: nextNorm(i + 1),
        persons: index.persons.get(full[0])!,
        bySurname: true,
      });
      covered[i] = 1;
      continue;
    }
    for (let n = Math.min(index.maxNameTokens, tokens.length - i); n >= 1; n--) {
      if (covered.subarray(i, i + n).some(Boolean) || !writtenAsName(tokens, i, n)) continue;
      const parties = index.parties.get(joinNorms(tokens, i, n));
      if (!parties) continue;
      const last = tokens[i + n - 1];
      const next = nextNorm(i + n);
      // "the Green party", "the Labour candidate", "Labour's candidate": not "Bethnal Green" or "a Labour stance"
      if (!PARTY_HEADS.has(next ?? '') && !(last.possessive && next === 'candidate')) continue;
      found.push({ kind: 'party', start: tokens[i].start, end: last.end, possessive: last.possessive, next, parties: [...parties] });
      covered.fill(1, i, i + n);
      i += n - 1;
      break;
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

function joinNorms(tokens: Token[], i: number, n: number): string {
  let key = tokens[i].norm;
  for (let k = 1; k < n; k++) key += ` ${tokens[i + k].norm}`;
  return key;
}

/** Capitals on every word but link words, and only the last word possessive. */
function writtenAsName(tokens: Token[], i: number, n: number): boolean {
  if (!tokens[i].capital) return false;
  for (let k = 0; k < n; k++) {
    const t = tokens[i + k];
    if (!t.capital && !NAME_LINK_WORDS.has(t.norm)) return false;
    if (t.possessive && k < n - 1) return false;
  }
  return true;
}
