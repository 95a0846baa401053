import { nameKeys, sharedNameScore, unglue, yearsIn } from './text-context.js';
import { orderedPair, type LinkSuggestion } from './types.js';

export interface FigureClaim {
  id: number;
  sourceId: number;
  exact: string;
  value: number;
  unit: string | null;
  qualifier: string | null;
  subject: string | null;
  /** the sentence the figure stands in */
  sentence: string;
  /** the sentence before it plus the sentence (what a bare "More than 38,000 people" is about) */
  window: string;
}

/** What a qualified figure allows: a closed range, or a change ("down 17 percent") that only compares with changes. */
export interface FigureRange {
  low: number;
  high: number;
  change: boolean;
}

const AT_LEAST = /^(at least|a minimum of|no fewer than|no less than|more than|over|above|upwards of|in excess of|exceeding|greater than|in excess)$/;
const AT_MOST = /^(almost|nearly|close to|just under|under|fewer than|less than|up to|below|at most|no more than|a maximum of)$/;
const ROUGHLY = /^(about|around|some|roughly|approximately|an estimated|estimated|an average|average|circa|approx)$/;
const EXACT = /^(just|only|exactly|precisely|a mere|mere)$/;
const CHANGE = /^(down|up|rise|fall|rose|fell|increase|decrease|drop|dropped|gain|gained|lost|loss|higher|lower)( by)?$/;

/** The range of values a figure with its qualifier allows ("at least 38,000" → [38000, ∞)). */
export function figureRange(value: number, qualifier: string | null): FigureRange {
  const q = (qualifier ?? '').trim().toLowerCase();
  if (!q || EXACT.test(q)) return { low: value, high: value, change: false };
  if (CHANGE.test(q)) return { low: value, high: value, change: true };
  if (AT_LEAST.test(q)) return { low: value, high: Number.POSITIVE_INFINITY, change: false };
  if (/^(almost|nearly|close to|just under)$/.test(q)) return { low: value * 0.9, high: value, change: false };
  if (AT_MOST.test(q)) return { low: 0, high: value, change: false };
  if (ROUGHLY.test(q)) return { low: value * 0.9, high: value * 1.1, change: false };
  return { low: value, high: value, change: false };
}

const NOT_COUNTS = new Set(['percent', 'percentage_points', 'gbp', 'usd', 'eur', 'years', 'days', 'decades', 'months', 'weeks', 'hours', 'minutes', 'seconds', 'year', 'ordinal', 'date']);

/** "count" is what the extractor says when it could not name the thing counted: it may be votes, people or seats. */
export function unitsCompatible(a: string | null, b: string | null): boolean {
  const x = (a ?? 'count').toLowerCase();
  const y = (b ?? 'count').toLowerCase();
  if (x === y) return true;
  return (x === 'count' && !NOT_COUNTS.has(y)) || (y === 'count' && !NOT_COUNTS.has(x));
}

/** Unit family used for indexing: every countable unit shares one family so "just 528" meets "528 votes". */
export function unitFamily(unit: string | null): string {
  const u = (unit ?? 'count').toLowerCase();
  return NOT_COUNTS.has(u) ? u : 'count';
}

/** Values a reader would not trust alone: small numbers and round ones (100, 2,000, 50%). */
export function isCommonValue(value: number): boolean {
  if (value < 10) return true;
  const digits = String(Math.round(Math.abs(value))).replace(/0+$/, '');
  return digits.length <= 1 && Number.isInteger(value);
}

export interface FigureFeatures {
  claim: FigureClaim;
  range: FigureRange;
  family: string;
  windowNames: Set<string>;
  sentenceNames: Set<string>;
  years: Set<string>;
}

export function figureFeatures(claim: FigureClaim): FigureFeatures {
  return {
    claim,
    range: figureRange(claim.value, claim.qualifier),
    family: unitFamily(claim.unit),
    windowNames: nameKeys(claim.window),
    sentenceNames: nameKeys(claim.sentence),
    years: yearsIn(claim.sentence.replace(claim.exact, ' ')),
  };
}

/** Corroboration needs this many shared name points in the two context windows (more for common values). */
export const CORROBORATE_MIN_NAMES = 2;
export const CORROBORATE_MIN_NAMES_COMMON = 3;
/** Contradiction needs the sentences themselves to share this much, and the values to be near each other. */
export const CONTRADICT_MIN_NAMES = 3;
/** Far-apart numbers in one context are usually different facts (a 2019 majority and a 2024 one); misreports sit close. */
export const CONTRADICT_MIN_RATIO = 0.5;

export type FigureVerdict =
  | { kind: 'agree'; score: number; shared: string[]; exact: boolean }
  | { kind: 'conflict'; score: number; shared: string[] }
  | null;

const overlaps = (a: FigureRange, b: FigureRange) => a.low <= b.high && b.low <= a.high;
const yearsClash = (a: Set<string>, b: Set<string>) => a.size > 0 && b.size > 0 && ![...a].some((y) => b.has(y));

/** The rule for one pair of figures of different sources. */
export function compareFigures(a: FigureFeatures, b: FigureFeatures): FigureVerdict {
  if (a.claim.sourceId === b.claim.sourceId) return null;
  if (!unitsCompatible(a.claim.unit, b.claim.unit)) return null;
  if (a.range.change !== b.range.change) return null;
  if (yearsClash(a.years, b.years)) return null;
  if (overlaps(a.range, b.range)) {
    const { score, shared } = sharedNameScore(a.windowNames, b.windowNames);
    const need = isCommonValue(a.claim.value) || isCommonValue(b.claim.value) ? CORROBORATE_MIN_NAMES_COMMON : CORROBORATE_MIN_NAMES;
    if (score < need) return null;
    return { kind: 'agree', score, shared, exact: a.claim.value === b.claim.value };
  }
  const ratio = Math.min(a.claim.value, b.claim.value) / Math.max(a.claim.value, b.claim.value);
  if (!(ratio >= CONTRADICT_MIN_RATIO)) return null;
  if (isCommonValue(a.claim.value) && isCommonValue(b.claim.value)) return null;
  const { score, shared } = sharedNameScore(a.sentenceNames, b.sentenceNames);
  if (score < CONTRADICT_MIN_NAMES) return null;
  return { kind: 'conflict', score, shared };
}

/** "at least 38,000 (people)" for reasons. */
export function describeFigure(c: FigureClaim): string {
  const unit = c.unit && c.unit !== 'count' ? ` ${c.unit.replace(/_/g, ' ')}` : '';
  return `“${unglue(c.exact)}” (${c.qualifier ? `${c.qualifier} ` : ''}${c.value.toLocaleString('en-GB')}${unit})`;
}

const listNames = (shared: string[]) =>
  shared
    .slice(0, 4)
    .map((s) => s.replace(/\b\p{L}/gu, (m) => m.toUpperCase()))
    .join(', ');

function nameScore(points: number): number {
  return Math.min(1, points / 6);
}

function bucketOf(value: number): number {
  return value <= 0 ? -1000 : Math.floor(Math.log10(value) * 10);
}
/** ±3 buckets of 10 per decade covers a factor of 2 either way, the widest gap a contradiction may have. */
const BUCKET_REACH = 3;

/**
 * Links figures across sources. Candidates share a unit family, a nearby value bucket and a context name
 * (an index, never all pairs). A figure already agreed with by another in the other source is "explained"
 * and gets no contradiction from that source; at most one contradiction per figure and other source.
 */
export function matchFigures(figures: FigureFeatures[], isNew: (f: FigureFeatures) => boolean): LinkSuggestion[] {
  const index = new Map<string, FigureFeatures[]>();
  for (const f of figures) {
    const b = bucketOf(f.claim.value);
    for (const name of f.windowNames) {
      const k = `${f.family}|${b}|${name}`;
      const list = index.get(k);
      if (list) list.push(f);
      else index.set(k, [f]);
    }
  }
  const agreements: { a: FigureFeatures; b: FigureFeatures; v: Extract<FigureVerdict, { kind: 'agree' }> }[] = [];
  const conflicts: { a: FigureFeatures; b: FigureFeatures; v: Extract<FigureVerdict, { kind: 'conflict' }> }[] = [];
  const seen = new Set<string>();
  for (const a of figures) {
    if (!isNew(a)) continue;
    const b0 = bucketOf(a.claim.value);
    for (let b = b0 - BUCKET_REACH; b <= b0 + BUCKET_REACH; b++) {
      for (const name of a.windowNames) {
        for (const other of index.get(`${a.family}|${b}|${name}`) ?? []) {
          if (other.claim.sourceId === a.claim.sourceId) continue;
          const key = a.claim.id < other.claim.id ? `${a.claim.id}:${other.claim.id}` : `${other.claim.id}:${a.claim.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const v = compareFigures(a, other);
          if (v?.kind === 'agree') agreements.push({ a, b: other, v });
          else if (v?.kind === 'conflict') conflicts.push({ a, b: other, v });
        }
      }
    }
  }
  const out: LinkSuggestion[] = [];
  const explained = new Set<string>(); // `${claimId}>${otherSourceId}`
  for (const { a, b, v } of agreements) {
    explained.add(`${a.claim.id}>${b.claim.sourceId}`);
    explained.add(`${b.claim.id}>${a.claim.sourceId}`);
    const [claimA, claimB] = orderedPair(a.claim.id, b.claim.id);
    const same = v.exact && !a.claim.qualifier && !b.claim.qualifier;
    out.push({
      claimA,
      claimB,
      relation: 'corroborates',
      score: round((v.exact ? 0.6 : 0.45) + 0.35 * nameScore(v.score)),
      reason: `${same ? 'The same figure' : 'Compatible figures'}: ${describeFigure(a.claim)} and ${describeFigure(b.claim)}${same ? '' : ' agree once their qualifiers are read'}, in passages that both name ${listNames(v.shared)}.`,
    });
  }
  const best = new Map<string, (typeof conflicts)[number]>();
  for (const c of conflicts) {
    if (explained.has(`${c.a.claim.id}>${c.b.claim.sourceId}`) || explained.has(`${c.b.claim.id}>${c.a.claim.sourceId}`)) continue;
    for (const k of [`${c.a.claim.id}>${c.b.claim.sourceId}`, `${c.b.claim.id}>${c.a.claim.sourceId}`]) {
      const prev = best.get(k);
      if (!prev || c.v.score > prev.v.score) best.set(k, c);
    }
  }
  const kept = new Set<(typeof conflicts)[number]>();
  for (const c of conflicts) {
    if (best.get(`${c.a.claim.id}>${c.b.claim.sourceId}`) === c && best.get(`${c.b.claim.id}>${c.a.claim.sourceId}`) === c) kept.add(c);
  }
  for (const { a, b, v } of kept) {
    const [claimA, claimB] = orderedPair(a.claim.id, b.claim.id);
    out.push({
      claimA,
      claimB,
      relation: 'contradicts',
      score: round(0.4 + 0.4 * nameScore(v.score)),
      reason: `Different figures about the same thing: one source gives ${describeFigure(a.claim)}, the other ${describeFigure(b.claim)}; both sentences name ${listNames(v.shared)}.`,
    });
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
