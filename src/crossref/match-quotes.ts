import { normaliseAlias } from '../core/names.js';
import { quoteWords } from './text-context.js';
import { orderedPair, type LinkSuggestion } from './types.js';
import { commonWordCount, sharedWordCount } from './word-diff.js';

export interface QuoteClaim {
  id: number;
  sourceId: number;
  exact: string;
  speakerEntityId: number | null;
  speakerName: string | null;
  /** quoteWords(exact), when already computed */
  words?: string[];
}

/** Quotes shorter than this are stock phrases ("Islamist", "key criteria"); two outlets sharing them proves little. */
const MIN_QUOTE_WORDS = 5;
const SHINGLE = 4;
/** a shingle shared by more quotes than this is a stock phrase and does not make candidates */
const MAX_BUCKET = 25;
const VARIANT_SIMILARITY = 0.7;
const CONTAINED_SHARE = 0.9;
const MISATTRIBUTION_SIMILARITY = 0.85;
/** A short quote inside a long one is the same words only if it is long itself or a fair share of the long one. */
const CONTAINED_MIN_WORDS = 8;
const CONTAINED_MIN_SIMILARITY = 0.4;

interface QuoteComparison {
  identical: boolean;
  /** 2·common / (|a| + |b|) over words in order */
  similarity: number;
  /** common / shorter: 1 when one quote is a cut of the other */
  containment: number;
}

function compareQuoteWords(wa: string[], wb: string[]): QuoteComparison {
  if (!wa.length || !wb.length) return { identical: false, similarity: 0, containment: 0 };
  const identical = wa.length === wb.length && wa.every((w, i) => w === wb[i]);
  const common = identical ? wa.length : commonWordCount(wa, wb);
  return { identical, similarity: (2 * common) / (wa.length + wb.length), containment: common / Math.min(wa.length, wb.length) };
}

/** Two named speakers who are not the same: different entities and no shared name word ("Qayum" = "Azhar Qayum"). */
function speakersDiffer(a: QuoteClaim, b: QuoteClaim): boolean {
  if (!a.speakerName || !b.speakerName) return false;
  if (a.speakerEntityId !== null && a.speakerEntityId === b.speakerEntityId) return false;
  const wa = normaliseAlias(a.speakerName)
    .split(' ')
    .filter((w) => w.length > 2);
  const wb = new Set(
    normaliseAlias(b.speakerName)
      .split(' ')
      .filter((w) => w.length > 2),
  );
  return !wa.some((w) => wb.has(w));
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The rule for one pair of quotes from different sources: same words → corroborates; close wording → variant_of; same words, other speaker → contradicts. */
export function compareQuotes(a: QuoteClaim, b: QuoteClaim): LinkSuggestion | null {
  if (a.sourceId === b.sourceId || a.id === b.id) return null;
  const wa = a.words ?? quoteWords(a.exact);
  const wb = b.words ?? quoteWords(b.exact);
  if (!wa.length || !wb.length) return null;
  if (!mayReachRule(sharedWordCount(wa, wb), wa.length, wb.length)) return null;
  return compareQuoteLists(a, b, wa, wb);
}

/** Most candidates share one stock phrase: when even the shared words (an upper bound) cannot reach a rule, skip the alignment. */
function mayReachRule(shared: number, na: number, nb: number): boolean {
  return (2 * shared) / (na + nb) >= VARIANT_SIMILARITY || shared / Math.min(na, nb) >= CONTAINED_SHARE;
}

function compareQuoteLists(a: QuoteClaim, b: QuoteClaim, wa: string[], wb: string[]): LinkSuggestion | null {
  const cmp = compareQuoteWords(wa, wb);
  const [claimA, claimB] = orderedPair(a.id, b.id);
  const [first, second] = a.id === claimA ? [a, b] : [b, a];
  const differ = speakersDiffer(a, b);
  if (differ && (cmp.identical || cmp.similarity >= MISATTRIBUTION_SIMILARITY)) {
    return {
      claimA,
      claimB,
      relation: 'contradicts',
      score: round(0.6 + 0.3 * cmp.similarity),
      reason: `${cmp.identical ? 'The same words' : `Nearly the same words (${pct(cmp.similarity)} alike)`} are attributed to ${first.speakerName} in one source and to ${second.speakerName} in the other: possible misattribution.`,
    };
  }
  const speakerNote = !a.speakerName || !b.speakerName ? ' (the speaker is not identified in one source)' : '';
  if (cmp.identical) {
    return {
      claimA,
      claimB,
      relation: 'corroborates',
      score: speakerNote ? 0.8 : 0.95,
      reason: `The same quote appears word for word in both sources${speakerNote}.`,
    };
  }
  const shorter = Math.min(wa.length, wb.length);
  // "means so much to me" said by two different people is a stock phrase, not one quote cut two ways
  const contained =
    !differ &&
    cmp.containment >= CONTAINED_SHARE &&
    shorter >= MIN_QUOTE_WORDS &&
    (shorter >= CONTAINED_MIN_WORDS || cmp.similarity >= CONTAINED_MIN_SIMILARITY);
  if (cmp.similarity >= VARIANT_SIMILARITY || contained) {
    const how =
      cmp.containment >= CONTAINED_SHARE && cmp.similarity < 0.95
        ? 'one source quotes a shorter or longer cut of the same words'
        : 'the wording differs slightly';
    return {
      claimA,
      claimB,
      relation: 'variant_of',
      score: round(0.5 + 0.4 * cmp.similarity),
      reason: `The quotes are ${pct(cmp.similarity)} alike: ${how}${speakerNote}.`,
    };
  }
  return null;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Links quotes across sources. Only pairs with at least one claim in `isNew` are compared (incremental runs);
 * candidates come from a shingle index, never all pairs.
 */
export function matchQuotes(claims: QuoteClaim[], isNew: (c: QuoteClaim) => boolean): LinkSuggestion[] {
  const wordsOf = claims.map((c) => c.words ?? quoteWords(c.exact));
  // words as small integers, shingles as 30-bit hashes of them (cheap map keys); a collision only adds a
  // candidate, which the rules then compare
  const wordIds = new Map<string, number>();
  const idLists: number[][] = [];
  const shingles: number[][] = [];
  const index = new Map<number, number | number[]>(); // shingle → claim position(s)
  for (let n = 0; n < claims.length; n++) {
    const ids: number[] = [];
    for (const w of wordsOf[n]) {
      let id = wordIds.get(w);
      if (id === undefined) wordIds.set(w, (id = wordIds.size + 1));
      ids.push(id);
    }
    idLists.push(ids);
    const keys: number[] = [];
    if (ids.length >= MIN_QUOTE_WORDS) {
      for (let i = 0; i + SHINGLE <= ids.length; i++) {
        let h = 0x811c9dc5;
        for (let j = i; j < i + SHINGLE; j++) h = Math.imul(h ^ ids[j], 0x01000193);
        keys.push((h ^ (h >>> 15)) & 0x3fffffff);
      }
    }
    shingles.push(keys);
    for (const k of keys) {
      const bucket = index.get(k);
      if (bucket === undefined) index.set(k, n);
      else if (typeof bucket === 'number') {
        if (bucket !== n) index.set(k, [bucket, n]);
      } else if (bucket[bucket.length - 1] !== n) bucket.push(n);
    }
  }
  // shared words with repeats (an upper bound of the alignment), counted in a reused array
  const counts = new Int32Array(wordIds.size + 1);
  const sharedWords = (x: number[], y: number[]) => {
    for (const id of x) counts[id]++;
    let shared = 0;
    for (const id of y) if (counts[id] > 0) counts[id]--, shared++;
    for (const id of x) counts[id] = 0;
    return shared;
  };
  const out: LinkSuggestion[] = [];
  const seen = new Set<number>();
  const PAIR = 2 ** 26;
  for (let n = 0; n < claims.length; n++) {
    const a = claims[n];
    if (!isNew(a)) continue;
    for (const k of shingles[n]) {
      const bucket = index.get(k)!;
      if (typeof bucket === 'number' || bucket.length > MAX_BUCKET) continue;
      for (const m of bucket) {
        const b = claims[m];
        if (b.sourceId === a.sourceId) continue;
        const pairKey = a.id < b.id ? a.id * PAIR + b.id : b.id * PAIR + a.id;
        if (seen.has(pairKey)) continue;
        seen.add(pairKey);
        const ia = idLists[n];
        const ib = idLists[m];
        if (!mayReachRule(sharedWords(ia, ib), ia.length, ib.length)) continue;
        const s = compareQuoteLists(a, b, wordsOf[n], wordsOf[m]);
        if (s) out.push(s);
      }
    }
  }
  return out;
}
