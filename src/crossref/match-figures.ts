import { readFigureChange, readFigureMeaning, subjectRelation, type FigureMeasure, type FigureMeaning } from './figure-meaning.js';
import { hasNonAsciiLetters, nameKeys, sharedNameScore, unglue, yearsIn } from './text-context.js';
import { orderedPair, type LinkSuggestion } from './types.js';

export interface FigureClaim {
  id: number;
  sourceId: number;
  exact: string;
  value: number;
  /** the upper bound of a range ("6 to 7 million"): value is then the lower bound */
  valueMax?: number | null;
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

/**
 * The range of values a figure with its qualifier allows ("at least 38,000" → [38000, ∞)). A written range
 * ("5 to 6 years": value 5, valueMax 6) starts as [5, 6]; its qualifier widens it the same way.
 */
export function figureRange(value: number, qualifier: string | null, valueMax: number | null = null): FigureRange {
  const q = (qualifier ?? '').trim().toLowerCase();
  const top = valueMax ?? value;
  if (!q || EXACT.test(q)) return { low: value, high: top, change: false };
  if (CHANGE.test(q)) return { low: value, high: top, change: true };
  if (AT_LEAST.test(q)) return { low: value, high: Number.POSITIVE_INFINITY, change: false };
  if (/^(almost|nearly|close to|just under)$/.test(q)) return { low: value * 0.9, high: top, change: false };
  if (AT_MOST.test(q)) return { low: 0, high: top, change: false };
  if (ROUGHLY.test(q)) return { low: value * 0.95, high: top * 1.05, change: false };
  return { low: value, high: top, change: false };
}

/** How close two written values are (1 = they meet): ranges compare by their nearest bounds. */
export function valueRatio(a: number, aMax: number | null | undefined, b: number, bMax: number | null | undefined): number {
  const aHigh = aMax ?? a;
  const bHigh = bMax ?? b;
  if (a <= bHigh && b <= aHigh) return 1;
  return aHigh < b ? aHigh / b : bHigh / a;
}

/** Units that may all be what a bare "count" counts; every other unit (money, percent, measures, durations) stands alone. */
const COUNTABLE = new Set(['count', 'people', 'votes', 'seats']);

/** "count" is what the extractor says when it could not name the thing counted: it may be votes, people or seats. */
export function unitsCompatible(a: string | null, b: string | null): boolean {
  const x = (a ?? 'count').toLowerCase();
  const y = (b ?? 'count').toLowerCase();
  if (x === y) return true;
  return (x === 'count' && COUNTABLE.has(y)) || (y === 'count' && COUNTABLE.has(x));
}

/** Unit family used for indexing: every countable unit shares one family so "just 528" meets "528 votes". */
export function unitFamily(unit: string | null): string {
  const u = (unit ?? 'count').toLowerCase();
  return COUNTABLE.has(u) ? 'count' : u;
}

/** Values a reader would not trust alone: small numbers and round ones (100, 2,000, 50%). */
function isCommonValue(value: number): boolean {
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
  /** content words right around the figure ("own 29% of" → own): what the number counts; filled when first needed */
  near?: Set<string>;
  /** a currency conversion in brackets ("$550,000 (£300,000)"): it repeats the figure before it */
  conversion: boolean;
  /** what the figure measures and of whom (votes of Rachel Collinson, the majority in Ilford North): read when first compared */
  meaning?: FigureMeaning;
}

const NEAR_STOPWORDS = new Set(
  (
    'the a an and or but of in on at to for from by with as is was were are be been has have had its it this that their his her ' +
    'which who whom whose while when where than then about around some nearly almost more less over under just only least most up down per cent percent ' +
    'said says will would could also after before last first year years month months week weeks day days million billion bn'
  ).split(' '),
);
function stem(w: string): string {
  return w.length > 4 ? w.replace(/(ing|ed|es|s)$/, '') : w;
}

/** Lower-case content words within a few words of the figure (what the number is of, what happened to it). */
function nearWords(sentence: string, exact: string, reach = 4): Set<string> {
  const at = sentence.indexOf(exact);
  if (at < 0) return new Set();
  const before = sentence
    .slice(Math.max(0, at - 80), at)
    .split(/\s+/)
    .slice(-reach - 1)
    .join(' ');
  const after = sentence
    .slice(at + exact.length, at + exact.length + 80)
    .split(/\s+/)
    .slice(0, reach + 1)
    .join(' ');
  const out = new Set<string>();
  addContentWords(before, out);
  addContentWords(after, out);
  // a full name right at the figure ("Leanne Mohamad came within 528 votes") also says whose number it is
  for (const k of nameKeys(`${before} … ${after}`)) if (k.includes(' ')) out.add(k);
  return out;
}

/** Lower-case words only: names are matched separately, and "Vera Drake" next to two counts says nothing of what they count. */
function addContentWords(s: string, out: Set<string>): void {
  for (const w of s.split(hasNonAsciiLetters(s) ? /[^\p{L}]+/u : /[^A-Za-z]+/)) {
    if (w.length > 2 && w === w.toLowerCase() && !NEAR_STOPWORDS.has(w)) out.add(stem(w));
  }
}

const CONVERTED =
  /\d[\d.,]*\s*(?:bn|m|k|million|billion|trillion)?\s*(?:(?:roubles|rubles|euros?|yen|yuan|dollars|pounds|rupees|francs|pesos|rand|kronor|krona|won|dinars|riyals)\s*)?\(\s*$/i;

/** isConversion for a figure at `start` of a whole text (to drop conversions before any other work). */
export function isConversionAt(text: string, start: number): boolean {
  return start > 0 && CONVERTED.test(text.slice(Math.max(0, start - 40), start));
}

/** "$11.8m (£6.3m)": a bracketed amount right after another amount is a conversion of it, not a fact of its own. */
export function isConversion(sentence: string, exact: string): boolean {
  const at = sentence.indexOf(exact);
  return at > 0 && CONVERTED.test(sentence.slice(Math.max(0, at - 40), at));
}

const EMPTY = new Set<string>();

function without(keys: Set<string>, drop: Set<string>): Set<string> {
  return drop.size ? new Set([...keys].filter((k) => !drop.has(k))) : keys;
}

/** The name keys of a passage, from `cache` when the same sentence was read before (many figures share one). */
function cachedNameKeys(passage: string, cache?: Map<string, Set<string>>): Set<string> {
  if (!passage) return EMPTY;
  let keys = cache?.get(passage);
  if (!keys) {
    keys = nameKeys(passage);
    cache?.set(passage, keys);
  }
  return keys;
}

/** Unions of two sentences' name keys, by the two sets (identity: no long keys to hash). */
const unions = new WeakMap<Set<string>, Map<Set<string>, Set<string>>>();
function unionOf(x: Set<string>, y: Set<string>): Set<string> {
  let byY = unions.get(x);
  if (!byY) unions.set(x, (byY = new Map()));
  let u = byY.get(y);
  if (!u) byY.set(y, (u = new Set([...x, ...y])));
  return u;
}

const YEAR = /\b(19|20)\d{2}\b/;

/**
 * Features of one figure for matching. Names come from the sentence and the one before it, minus the names
 * written in the figure itself ("Six Nations" is not context for "Six Nations").
 */
export function figureFeatures(claim: FigureClaim, cache?: Map<string, Set<string>>): FigureFeatures {
  const sentenceKeys = cachedNameKeys(claim.sentence, cache);
  const previous =
    claim.window.length > claim.sentence.length && claim.window.endsWith(claim.sentence)
      ? claim.window.slice(0, claim.window.length - claim.sentence.length).trim()
      : '';
  const previousKeys = previous ? cachedNameKeys(previous, cache) : EMPTY;
  const own = /\p{Lu}/u.test(claim.exact) ? nameKeys(claim.exact) : EMPTY;
  const sentenceNames = without(sentenceKeys, own);
  const windowNames = previousKeys.size
    ? without(cache ? unionOf(previousKeys, sentenceKeys) : new Set([...previousKeys, ...sentenceKeys]), own)
    : sentenceNames;
  const change = readFigureChange(claim);
  const range = figureRange(claim.value, claim.qualifier, claim.valueMax ?? null);
  return {
    claim,
    // "picked up 2,794 votes" is a level; "an increase of 400" a change whatever the extractor's qualifier says
    range: range.change === change ? range : change ? { ...range, change: true } : figureRange(claim.value, null, claim.valueMax ?? null),
    family: unitFamily(claim.unit),
    windowNames,
    sentenceNames,
    // the years of the sentence other than one written in the figure itself
    years: YEAR.test(claim.sentence) ? yearsIn(claim.sentence.replace(claim.exact, ' ')) : EMPTY,
    conversion: isConversion(claim.sentence, claim.exact),
  };
}

/** Corroboration needs this many shared name points in the two context windows (more for common values). */
const CORROBORATE_MIN_NAMES = 2;
const CORROBORATE_MIN_NAMES_COMMON = 3;
/** Contradiction needs the sentences themselves to share this much, and the values to be near each other. */
const CONTRADICT_MIN_NAMES = 3;
/** Far-apart numbers in one context are usually different facts (a 2019 majority and a 2024 one); misreports sit close. */
const CONTRADICT_MIN_RATIO = 0.5;
/** With the measure and subject read, a misreport may be further off (a digit wrong: 1,794 / 2,794; 528 / 357), not ten times. */
const MEANING_MIN_RATIO = 0.3;

export type FigureVerdict =
  | { kind: 'agree'; score: number; shared: string[]; exact: boolean }
  | { kind: 'conflict'; score: number; shared: string[]; measure?: string }
  | null;

const isExact = (r: FigureRange) => r.low === r.high;
const overlaps = (a: FigureRange, b: FigureRange) => a.low <= b.high && b.low <= a.high;
/** Two bare counts of different named things ("two legal challenges" / "two companies") are not one fact. */
function subjectsClash(a: FigureClaim, b: FigureClaim): boolean {
  if ((a.unit ?? 'count') !== 'count' || (b.unit ?? 'count') !== 'count' || !a.subject || !b.subject) return false;
  const head = (s: string) =>
    s
      .toLowerCase()
      .trim()
      .split(/\s+/)
      .pop()!
      .replace(/(ies)$/, 'y')
      .replace(/s$/, '');
  return head(a.subject) !== head(b.subject);
}
const yearsClash = (a: Set<string>, b: Set<string>) => a.size > 0 && b.size > 0 && ![...a].some((y) => b.has(y));

/** Compatible values this far apart are different facts ("at least £1.25bn" and "£3.2bn" are not one figure). */
const AGREE_MIN_RATIO = 0.9;

/** Significant digits of a value as written (29 → 2, 28.9 → 3, 1,000,000,000 → 1). */
function significantDigits(value: number): number {
  return String(Math.abs(value)).replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length || 1;
}

/** One value is the other rounded ("29%" / "28.9%"): agreement, not a contradiction. Needs ≥ 2 significant digits. */
export function isRounding(a: number, b: number): boolean {
  const [coarse, fine] = significantDigits(a) <= significantDigits(b) ? [a, b] : [b, a];
  const digits = significantDigits(coarse);
  return digits >= 2 && Number(fine.toPrecision(digits)) === coarse;
}

const meaningOf = (f: FigureFeatures): FigureMeaning => (f.meaning ??= readFigureMeaning(f.claim));
const nearOf = (f: FigureFeatures) => (f.near ??= nearWords(f.claim.sentence, f.claim.exact));
/** Whether the two figures share a content word right around them. */
function sharesNear(a: FigureFeatures, b: FigureFeatures): boolean {
  const nb = nearOf(b);
  for (const w of nearOf(a)) if (nb.has(w)) return true;
  return false;
}

/** The rule for one pair of figures of different sources. */
export function compareFigures(a: FigureFeatures, b: FigureFeatures): FigureVerdict {
  if (a.claim.sourceId === b.claim.sourceId) return null;
  if (a.conversion || b.conversion) return null;
  // "2,794 people voted for her" and "2,794 votes" count one thing once the measure is read (below)
  const unitsAlike = unitsCompatible(a.claim.unit, b.claim.unit);
  if (!unitsAlike && !(COUNTABLE.has(unitFamily(a.claim.unit)) && COUNTABLE.has(unitFamily(b.claim.unit)))) return null;
  if (a.range.change !== b.range.change) return null;
  if (yearsClash(a.years, b.years)) return null;
  if (subjectsClash(a.claim, b.claim)) return null;
  // what each measures and of whom: read only when a rule needs it (most pairs are settled without)
  let read: { measure: string | null; subjects: 'same' | 'different' | 'unknown' } | undefined;
  const meaning = () => {
    if (read) return read;
    const ma = meaningOf(a);
    const mb = meaningOf(b);
    const measure = ma.measure && mb.measure ? (ma.measure === mb.measure ? ma.measure : 'different') : null;
    return (read = { measure, subjects: measure && measure !== 'different' ? subjectRelation(ma, mb, measure as FigureMeasure) : 'unknown' });
  };
  if (!unitsAlike && meaning().measure !== 'votes') return null;
  const common = isCommonValue(a.claim.value) || isCommonValue(b.claim.value);
  const ratio = valueRatio(a.claim.value, a.claim.valueMax, b.claim.value, b.claim.valueMax);
  const single = a.claim.valueMax == null && b.claim.valueMax == null;
  const rounding = single && isRounding(a.claim.value, b.claim.value);
  if (overlaps(a.range, b.range) || rounding) {
    if (!(ratio >= AGREE_MIN_RATIO)) return null;
    const { score, shared } = sharedNameScore(a.windowNames, b.windowNames);
    // the same measure of the same subject needs no more names to agree ("killed … in Gaza" / "in Gaza … killed")
    if (score < (common ? CORROBORATE_MIN_NAMES_COMMON : CORROBORATE_MIN_NAMES) && !(score >= 1 && meaning().measure && meaning().subjects === 'same'))
      return null;
    // a small or round number shared by two passages on one topic is often two facts ("5% of shares", "up 5%"),
    // and a rounding ("£1.4bn" / "£1.35bn") may be two bids: the words around the figures must meet
    if ((common || (rounding && !overlaps(a.range, b.range))) && !sharesNear(a, b)) return null;
    return { kind: 'agree', score, shared, exact: a.claim.value === b.claim.value && (a.claim.valueMax ?? null) === (b.claim.valueMax ?? null) };
  }
  // different measures (a candidate's votes, the seat's majority) or different people's totals never conflict
  if (isCommonValue(a.claim.value) && isCommonValue(b.claim.value)) return null;
  const { measure, subjects } = meaning();
  if (measure === 'different' || subjects === 'different') return null;
  if (measure && subjects === 'same') {
    // the same measure of the same subject: a conflict however the sentences are worded
    if (!(ratio >= MEANING_MIN_RATIO)) return null;
    const { score, shared } = sharedNameScore(a.windowNames, b.windowNames);
    return { kind: 'conflict', score, shared, measure };
  }
  if (!(ratio >= CONTRADICT_MIN_RATIO)) return null;
  const { score, shared } = sharedNameScore(a.sentenceNames, b.sentenceNames);
  if (score < CONTRADICT_MIN_NAMES) return null;
  // two numbers in sentences about one company or film are usually different facts; one thing counted shares words
  if (!sharesNear(a, b)) return null;
  return { kind: 'conflict', score, shared };
}

/**
 * One agreement per figure and other source: an article that gives "507 votes" twice (the lede and the round-up)
 * agrees with another's "507" once, not in two cards. Best first (exact, then most shared names), greedily.
 */
function oneCardPerFact<T extends { a: FigureFeatures; b: FigureFeatures; v: { score: number; exact?: boolean } }>(pairs: T[]): T[] {
  const ranked = [...pairs].sort(
    (x, y) => Number(y.v.exact ?? false) - Number(x.v.exact ?? false) || y.v.score - x.v.score || x.a.claim.id - y.a.claim.id || x.b.claim.id - y.b.claim.id,
  );
  const used = new Set<string>();
  return ranked.filter(({ a, b }) => {
    const ka = `${a.claim.id}>${b.claim.sourceId}`;
    const kb = `${b.claim.id}>${a.claim.sourceId}`;
    if (used.has(ka) || used.has(kb)) return false;
    used.add(ka).add(kb);
    return true;
  });
}

/** "at least 38,000 (people)" for reasons. */
function describeFigure(c: FigureClaim): string {
  const unit = c.unit && c.unit !== 'count' ? ` ${c.unit.replace(/_/g, ' ')}` : '';
  const max = c.valueMax != null ? `–${c.valueMax.toLocaleString('en-GB')}` : '';
  return `“${unglue(c.exact)}” (${c.qualifier ? `${c.qualifier} ` : ''}${c.value.toLocaleString('en-GB')}${max}${unit})`;
}

const listNames = (shared: string[]) =>
  shared
    .slice(0, 4)
    .map((s) => s.replace(/\b\p{L}/gu, (m) => m.toUpperCase()))
    .join(', ');

function nameScore(points: number): number {
  return Math.min(1, points / 6);
}

/** Three buckets per decade (each a factor of ~2.15): ±1 bucket covers the widest gap a contradiction may have (×2). */
export function valueBucket(value: number): number {
  return value <= 0 ? -1000 : Math.floor(Math.log10(value) * 3);
}
const bucketOf = valueBucket;
const BUCKET_REACH = 1;
/** A context word shared by more figures of one size than this ("UK", "US") is too common to find pairs by. */
const MAX_FIGURE_BUCKET = 150;

/**
 * Links figures across sources. Candidates share a unit family, a nearby value bucket and a context name
 * (an index, never all pairs). A figure already agreed with by another in the other source is "explained"
 * and gets no contradiction from that source; at most one contradiction per figure and other source.
 */
export function matchFigures(figures: FigureFeatures[], isNew: (f: FigureFeatures) => boolean): LinkSuggestion[] {
  // key: unit family, value bucket and one capitalised word of the context; names are numbered once
  const nameIds = new Map<string, number>();
  const familyIds = new Map<string, number>();
  const keyOf = (family: string, bucket: number, nameId: number) => {
    let fid = familyIds.get(family);
    if (fid === undefined) familyIds.set(family, (fid = familyIds.size));
    return (nameId * 64 + fid) * 256 + (bucket + 128);
  };
  const singleNames = (f: FigureFeatures) => {
    const ids: number[] = [];
    for (const name of f.windowNames) {
      if (name.includes(' ')) continue; // its words are keys already
      let id = nameIds.get(name);
      if (id === undefined) nameIds.set(name, (id = nameIds.size));
      ids.push(id);
    }
    return ids;
  };
  const names = figures.map(singleNames);
  const index = new Map<number, FigureFeatures[]>();
  figures.forEach((f, n) => {
    const b = bucketOf(f.claim.value);
    for (const id of names[n]) {
      const k = keyOf(f.family, b, id);
      const list = index.get(k);
      if (list) list.push(f);
      else index.set(k, [f]);
    }
  });
  const agreements: { a: FigureFeatures; b: FigureFeatures; v: Extract<FigureVerdict, { kind: 'agree' }> }[] = [];
  const conflicts: { a: FigureFeatures; b: FigureFeatures; v: Extract<FigureVerdict, { kind: 'conflict' }> }[] = [];
  const seen = new Set<number>();
  const PAIR = 2 ** 26;
  const position = new Map(figures.map((f, n) => [f, n]));
  const counts = new Uint16Array(figures.length);
  const touched: number[] = [];
  figures.forEach((a, n) => {
    if (!isNew(a)) return;
    // every rule needs two shared context words at least ("ilford north" is two): count them before comparing
    const b0 = bucketOf(a.claim.value);
    for (let b = b0 - BUCKET_REACH; b <= b0 + BUCKET_REACH; b++) {
      for (const id of names[n]) {
        const list = index.get(keyOf(a.family, b, id));
        if (!list || list.length > MAX_FIGURE_BUCKET) continue;
        for (const other of list) {
          if (other.claim.sourceId === a.claim.sourceId) continue;
          const m = position.get(other)!;
          if (counts[m]++ === 0) touched.push(m);
        }
      }
    }
    const pairs = touched.filter((m) => counts[m] >= 2);
    for (const m of touched) counts[m] = 0;
    touched.length = 0;
    for (const m of pairs) {
      const other = figures[m];
      const key = a.claim.id < other.claim.id ? a.claim.id * PAIR + other.claim.id : other.claim.id * PAIR + a.claim.id;
      if (seen.has(key)) continue;
      seen.add(key);
      const v = compareFigures(a, other);
      if (v?.kind === 'agree') agreements.push({ a, b: other, v });
      else if (v?.kind === 'conflict') conflicts.push({ a, b: other, v });
    }
  });
  const out: LinkSuggestion[] = [];
  const explained = new Set<string>(); // `${claimId}>${otherSourceId}`
  for (const { a, b } of agreements) {
    explained.add(`${a.claim.id}>${b.claim.sourceId}`);
    explained.add(`${b.claim.id}>${a.claim.sourceId}`);
  }
  for (const { a, b, v } of oneCardPerFact(agreements)) {
    const [claimA, claimB] = orderedPair(a.claim.id, b.claim.id);
    const same = v.exact && isExact(a.range) && isExact(b.range);
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
      reason: v.measure
        ? `Different figures for the same ${MEASURE_LABEL[v.measure] ?? v.measure} of ${listNames([...meaningOf(a).subject].filter((k) => meaningOf(b).subject.has(k)).sort((x, y) => y.length - x.length))}: one source gives ${describeFigure(a.claim)}, the other ${describeFigure(b.claim)}.`
        : `Different figures about the same thing: one source gives ${describeFigure(a.claim)}, the other ${describeFigure(b.claim)}; both sentences name ${listNames(v.shared)}.`,
    });
  }
  return out;
}

const MEASURE_LABEL: Record<string, string> = {
  votes: 'vote total',
  share: 'vote share',
  valid_votes: 'votes cast',
  invalid_votes: 'spoilt ballots',
  raised: 'money raised',
  spent: 'money spent',
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
