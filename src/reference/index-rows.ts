import type { ReferenceRowDraft } from './read-table.js';
import { normaliseName } from './tokens.js';

/** A stored reference row as the matcher needs it: the drafted row, its id, and its dataset's source and year. */
export interface ReferenceRow extends ReferenceRowDraft {
  id: number;
  /** the dataset's source ("House of Commons Library") and year */
  source: string;
  year: number | null;
}

/** One person of the tables: a name in a place (two candidates called Khalid Mahmood stood in 2024). */
export interface PersonRef {
  key: string;
  fullNorm: string;
  surnameNorm: string | null;
  placeNorm: string | null;
  partyNorms: string[];
}

/** Lookups built once from every reference row, reused for every article. */
export interface ReferenceIndex {
  /** `${measure}|${subject key}` → rows (place key: its name; person key: PersonRef.key) */
  rows: Map<string, ReferenceRow[]>;
  /** normalised place name → itself (names of place rows and the places of person rows) */
  places: Set<string>;
  persons: Map<string, PersonRef[]>;
  /** surname → full names carrying it */
  surnames: Map<string, Set<string>>;
  /** party alias → canonical party keys */
  parties: Map<string, Set<string>>;
  /** place → the people standing there */
  peopleAt: Map<string, PersonRef[]>;
  /** the most words in any place, person or party name */
  maxNameTokens: number;
}

export const rowKey = (measure: string, subjectKey: string) => `${measure}|${subjectKey}`;
const personKey = (fullNorm: string, placeNorm: string | null) => `${fullNorm}@${placeNorm ?? ''}`;

/** Ways a party is written: "Labour and Co-operative" is also "Labour"; "Green Party" also "Green"; plurals ("Conservatives"). */
function partyAliases(name: string): string[] {
  const n = normaliseName(name);
  const out = new Set([n]);
  const bare = n.replace(/ party$/, '').replace(/ and co-operative$/, '');
  out.add(bare);
  if (!bare.endsWith('s')) out.add(`${bare}s`);
  if (bare === 'conservative') for (const a of ['tory', 'tories']) out.add(a);
  if (bare === 'liberal democrat') for (const a of ['lib dem', 'lib dems']) out.add(a);
  return [...out].filter(Boolean);
}

export function buildReferenceIndex(rows: ReferenceRow[]): ReferenceIndex {
  const index: ReferenceIndex = {
    rows: new Map(),
    places: new Set(),
    persons: new Map(),
    surnames: new Map(),
    parties: new Map(),
    peopleAt: new Map(),
    maxNameTokens: 1,
  };
  const words = (s: string) => s.split(' ').length;
  const refs = new Map<string, PersonRef>();
  for (const r of rows) {
    let subjectKey: string;
    const placeNorm = r.subjectKind === 'place' ? r.subjectNorm : r.contextPlace ? normaliseName(r.contextPlace) : null;
    if (placeNorm) {
      index.places.add(placeNorm);
      index.maxNameTokens = Math.max(index.maxNameTokens, words(placeNorm));
    }
    if (r.subjectKind === 'place') subjectKey = r.subjectNorm;
    else {
      subjectKey = personKey(r.subjectNorm, placeNorm);
      let ref = refs.get(subjectKey);
      if (!ref) {
        ref = { key: subjectKey, fullNorm: r.subjectNorm, surnameNorm: r.subjectShortNorm, placeNorm, partyNorms: [] };
        refs.set(subjectKey, ref);
        push(index.persons, r.subjectNorm, ref);
        if (placeNorm) push(index.peopleAt, placeNorm, ref);
        if (r.subjectShortNorm && r.subjectShortNorm !== r.subjectNorm) {
          const set = index.surnames.get(r.subjectShortNorm) ?? new Set();
          set.add(r.subjectNorm);
          index.surnames.set(r.subjectShortNorm, set);
        }
        index.maxNameTokens = Math.max(index.maxNameTokens, words(r.subjectNorm));
      }
      if (r.contextParty) {
        const canonical = normaliseName(r.contextParty);
        if (!ref.partyNorms.includes(canonical)) ref.partyNorms.push(canonical);
        for (const a of partyAliases(r.contextParty)) {
          const set = index.parties.get(a) ?? new Set();
          set.add(canonical);
          index.parties.set(a, set);
          index.maxNameTokens = Math.max(index.maxNameTokens, words(a));
        }
      }
    }
    push(index.rows, rowKey(r.measure, subjectKey), r);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
