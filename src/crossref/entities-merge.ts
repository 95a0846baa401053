import { normaliseAlias } from '../core/names.js';
import { editDistance, isNeighbourSwap } from '../core/edit-distance.js';
import { unglue } from './text-context.js';

export interface NamedEntity {
  id: number;
  kind: string;
  name: string;
  aliases: string[];
  /**
   * Whether the extractor saw this entity as a person: quoted as a speaker, or written with a title ("Mr Kahn").
   * A lone capitalised word without that ("Lost", "Singing") is as likely a headline word as a name.
   * Unknown (undefined) counts as seen.
   */
  seenAsPerson?: boolean;
  /** normaliseAlias of name and aliases, when the caller has them already (stored alias_norm) */
  norms?: Map<string, string>;
}

export interface MergeSuggestion {
  entityA: number;
  entityB: number;
  labelA: string;
  labelB: string;
  score: number;
  reason: string;
}

/** Shortest name word that may be a misspelling: shorter words differ by one letter too often (Ali / Ari). */
const MIN_VARIANT_WORD = 4;

/**
 * Whether two normalised names are spellings of one name: same number of words, all equal but one, and that one
 * a single edit or swap apart (Qayum / Qauyum, Kier / Keir), same first letter, not just a plural or possessive.
 */
export function spellingVariant(a: string, b: string): { word: [string, string] } | null {
  if (a === b) return null;
  const wa = a.split(' ');
  const wb = b.split(' ');
  if (wa.length !== wb.length) return null;
  let diff = -1;
  for (let i = 0; i < wa.length; i++) {
    if (wa[i] === wb[i]) continue;
    if (diff !== -1) return null;
    diff = i;
  }
  const [x, y] = [wa[diff], wb[diff]];
  if (Math.min(x.length, y.length) < MIN_VARIANT_WORD || x[0] !== y[0]) return null;
  if (/\d/.test(x + y)) return null;
  // a place and its adjective are not one name: "South Korea" / "South Korean", "Latin America" / "Latin American"
  if (x === `${y}s` || y === `${x}s`) return null;
  const adjective = [`${x}n`, `${x}an`].includes(y) || [`${y}n`, `${y}an`].includes(x);
  if (adjective && wa.length > 1 && diff === wa.length - 1) return null;
  if (editDistance(x, y, 1) !== 1) return null;
  return { word: [x, y] };
}

const anagramKey = (w: string) => [...w].sort().join('');
/** Role words that turn an alias into a description ("New York Attorney General Eliot Spitzer"): such forms are not compared. */
const MAX_NAME_WORDS = 4;

/**
 * Suggests merging person (and organisation) entities whose names are spelling variants. Multi-word names (titles
 * stripped) are compared with multi-word names: all words equal but one, and that one a single edit apart (Qayum /
 * Qauyum). A lone word is compared only when neither entity has a multi-word name, both were seen as persons
 * (speakers, titles), and the words differ by a swap of two letters (Kier / Keir: a typing slip); "Lost" / "Lots",
 * "Mr Kahn" / "Mr Khan" (David Kahn, Sher Khan) are not suggested. Acronyms are never compared. Candidates come
 * from an index (the other words plus the first letter of the differing one; anagram keys for lone words); only
 * pairs touching `isNew` are scored.
 */
export function suggestMerges(entities: NamedEntity[], isNew: (e: NamedEntity) => boolean): MergeSuggestion[] {
  // Flat arrays and 30-bit integer keys (hashes of word ids): tens of thousands of names, few objects. A hash
  // collision only adds a candidate, which spellingVariant then rejects.
  const formEntity: NamedEntity[] = [];
  const formNorm: string[] = [];
  const formAlias: string[] = [];
  const formKeys: number[][] = [];
  // a lone first or last name of an entity that has a full name ("Keir" of Keir Starmer): matched only by lone names
  const formTargetOnly: boolean[] = [];
  const formsOf = new Map<number, number[]>();
  const wordIds = new Map<string, number>();
  const index = new Map<number, number | number[]>();
  const kindIds = new Map<string, number>();
  for (const e of entities) {
    let kindId = kindIds.get(e.kind);
    if (kindId === undefined) kindIds.set(e.kind, (kindId = kindIds.size + 1));
    const norms: string[] = [];
    const aliases: string[] = [];
    let hasMulti = false;
    for (const alias of [e.name, ...e.aliases]) {
      if (alias.toUpperCase() === alias) continue; // acronyms: ADSL / ADSS are different things
      const norm = e.norms?.get(alias) ?? normaliseAlias(alias);
      if (norm.length < MIN_VARIANT_WORD || norms.includes(norm)) continue;
      norms.push(norm);
      aliases.push(alias);
      if (norm.includes(' ')) hasMulti = true;
    }
    const mine: number[] = [];
    for (let f = 0; f < norms.length; f++) {
      const words = norms[f].split(' ');
      if (words.length > MAX_NAME_WORDS) continue;
      // a lone word only when the entity was seen as a person; with a full name it is only a target ("Sir Kier" → "Keir")
      if (words.length === 1 && e.seenAsPerson === false) continue;
      const targetOnly = words.length === 1 && hasMulti;
      const keys: number[] = [];
      if (words.length === 1) keys.push(hashWords([kindId, 1, idOfWord(wordIds, anagramKey(words[0]))]));
      else {
        const ids = words.map((w) => idOfWord(wordIds, w));
        for (let i = 0; i < words.length; i++) {
          if (words[i].length < MIN_VARIANT_WORD) continue;
          const parts = [kindId, words.length, i, words[i].charCodeAt(0)];
          for (let j = 0; j < ids.length; j++) if (j !== i) parts.push(ids[j]);
          keys.push(hashWords(parts));
        }
      }
      const n = formNorm.length;
      formEntity.push(e);
      formNorm.push(norms[f]);
      formAlias.push(aliases[f]);
      formKeys.push(keys);
      formTargetOnly.push(targetOnly);
      mine.push(n);
      for (const k of keys) {
        const bucket = index.get(k);
        if (bucket === undefined) index.set(k, n);
        else if (typeof bucket === 'number') index.set(k, [bucket, n]);
        else bucket.push(n);
      }
    }
    if (mine.length) formsOf.set(e.id, mine);
  }
  // a lone name matched inside a full name is shown with the full name: “Kier” / “Keir Starmer”
  const labelOf = (f: number) => (formTargetOnly[f] ? formEntity[f].name : formAlias[f]);
  const best = new Map<string, MergeSuggestion>();
  for (const e of entities) {
    const mine = formsOf.get(e.id);
    if (!mine || !isNew(e)) continue;
    for (const a of mine) {
      const multiWord = formNorm[a].includes(' ');
      for (const k of formKeys[a]) {
        const bucket = index.get(k)!;
        if (typeof bucket === 'number') continue; // only this form
        for (const b of bucket) {
          const other = formEntity[b];
          if (other.id === e.id || (formTargetOnly[a] && formTargetOnly[b])) continue;
          const v = spellingVariant(formNorm[a], formNorm[b]);
          if (!v || (!multiWord && !isNeighbourSwap(v.word[0], v.word[1]))) continue;
          const score = multiWord ? 0.85 : 0.6;
          const [x, y] = e.id < other.id ? [a, b] : [b, a];
          const key = `${formEntity[x].id}:${formEntity[y].id}`;
          const prev = best.get(key);
          if (prev && prev.score >= score) continue;
          best.set(key, {
            entityA: formEntity[x].id,
            entityB: formEntity[y].id,
            labelA: labelOf(x),
            labelB: labelOf(y),
            score,
            reason: `“${labelOf(x)}” and “${labelOf(y)}” differ by ${multiWord ? 'one letter' : 'two swapped letters'} in “${v.word[0]}” / “${v.word[1]}”${multiWord ? ' with the rest of the name the same' : ''}: probably one ${e.kind} spelled two ways.`,
          });
        }
      }
    }
  }
  return [...best.values()];
}

function idOfWord(ids: Map<string, number>, w: string): number {
  let id = ids.get(w);
  if (id === undefined) ids.set(w, (id = ids.size + 1));
  return id;
}

/** FNV-1a over small integers, folded to 30 bits (a small-integer map key). */
function hashWords(parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = Math.imul(h ^ p, 0x01000193);
  return (h ^ (h >>> 15)) & 0x3fffffff;
}

export interface PlaceName {
  name: string;
  /** lower case, "&" read as "and", possessive and glue removed */
  norm: string;
  /** offset of the name within the passage searched */
  offset: number;
}

const CONNECTOR = /^(and|&)$/i;
const PLACE_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const LEADING_NOISE = new Set([
  'in',
  'the',
  'at',
  'from',
  'and',
  'but',
  'for',
  'of',
  'on',
  'by',
  'to',
  'with',
  'as',
  'mr',
  'mrs',
  'ms',
  'sir',
  'dr',
  'while',
  'after',
  'when',
  'where',
  'if',
  'meanwhile',
]);

/**
 * Constituency-like names in a passage: capitalised words joined by "and" / "&" ("Bethnal Green and Bow",
 * "Dewsbury & Batley"), the shape of many seat and district names. `isPerson` drops "Keir Starmer and Rishi Sunak".
 */
export function findPlaceNames(passage: string, isPerson: (norm: string) => boolean = () => false): PlaceName[] {
  const text = unglue(passage);
  const tokens: { w: string; at: number; end: number }[] = [];
  const re = /[\p{L}\p{N}'’.&-]+/gu;
  for (let m = re.exec(text); m; m = re.exec(text)) tokens.push({ w: m[0], at: m.index, end: m.index + m[0].length });
  const isCap = (k: number) => PLACE_WORD.test(tokens[k].w.replace(/['’]s$/u, '').replace(/\.$/, ''));
  const joined = (x: number, y: number) =>
    !/[,;:()"“”!?]/.test(text.slice(tokens[x].end, tokens[y].at)) && !/[.!?]$/.test(tokens[x].w) && !/['’]s$/u.test(tokens[x].w);
  const out: PlaceName[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!isCap(i)) {
      i++;
      continue;
    }
    let j = i;
    const connectors: number[] = [];
    for (;;) {
      if (j + 1 < tokens.length && isCap(j + 1) && joined(j, j + 1)) j++;
      else if (j + 2 < tokens.length && CONNECTOR.test(tokens[j + 1].w) && isCap(j + 2) && joined(j, j + 1) && joined(j + 1, j + 2)) {
        connectors.push(j + 1);
        j += 2;
      } else break;
    }
    let s = i;
    while (s < j && LEADING_NOISE.has(tokens[s].w.toLowerCase())) s++;
    const inner = connectors.filter((c) => c > s);
    if (inner.length) {
      const raw = text.slice(tokens[s].at, tokens[j].end).replace(/[.’']+$/u, '');
      const norm = normalisePlace(raw);
      const parts = norm.split(/ and /);
      if (!parts.some((p) => isPerson(p))) out.push({ name: raw, norm, offset: offsetInOriginal(passage, text, tokens[s].at) });
    }
    i = j + 1;
  }
  return out;
}

/** unglue() only inserts spaces; map an offset in the unglued text back to the passage. */
function offsetInOriginal(original: string, unglued: string, at: number): number {
  let o = 0;
  for (let u = 0; u < at && o < original.length; u++) {
    if (unglued[u] === original[o]) o++;
  }
  return o;
}

function normalisePlace(name: string): string {
  return unglue(name)
    .replace(/&/g, ' and ')
    .replace(/['’]s\b/g, '')
    .replace(/[^\p{L}\p{N} -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * Two names of one place that disagree: the same first two words or more, then different endings
 * ("bethnal green and bow" / "bethnal green and stepney"). A name that is a cut of the other is not a conflict.
 */
export function placeNamesConflict(a: string, b: string): { prefix: string } | null {
  if (a === b) return null;
  const wa = a.split(' ');
  const wb = b.split(' ');
  let n = 0;
  while (n < wa.length && n < wb.length && wa[n] === wb[n]) n++;
  const sharedNames = wa.slice(0, n).filter((w) => w !== 'and').length;
  if (sharedNames < 2 || n === wa.length || n === wb.length) return null;
  return { prefix: wa.slice(0, n).join(' ') };
}
