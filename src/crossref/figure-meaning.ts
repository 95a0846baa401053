import { detectMeasure, PHRASAL_UP, PLACE_MEASURES } from '../reference/measure-words.js';
import type { Measure } from '../reference/mapping.js';
import { clauseOf } from '../reference/match-figure.js';
import { nameKeys, sharedNameScore, unglue } from './text-context.js';

/**
 * What a figure measures and of whom, read from the words around it: two figures conflict only when they
 * measure the same thing about the same person, party or place, however the sentences are worded.
 * Election measures come from the official-figures matcher's vocabulary (src/reference/measure-words.ts);
 * the others (deaths, money raised, …) are read here.
 */
export type FigureMeasure = Measure | 'deaths' | 'injuries' | 'raised' | 'spent' | 'jobs' | 'price' | 'population' | 'seats';

export interface FigureMeaning {
  /** null when the words around the figure name no measure we know */
  measure: FigureMeasure | null;
  /** a change ("up 3 points", "an increase of 400"), not a level; "picked up 2,794 votes" is a level */
  change: boolean;
  /** name keys of whom the figure is about: the nearest person for votes and shares, every name of the clause otherwise */
  subject: Set<string>;
  /** every name key of the figure's clause (what "a different subject" is checked against) */
  clauseNames: Set<string>;
  /** places named in the figure's clause ("in Erewash"): a share in one seat is not the national share */
  places: Set<string>;
  /** the subject was read in the figure's own clause (else the sentence: weaker, never enough to tell subjects apart) */
  fromClause: boolean;
}

interface MeaningInput {
  exact: string;
  unit: string | null;
  qualifier: string | null;
  sentence: string;
  subject?: string | null;
}

// a change named as one ("an increase of 400"); "the loss of 800,000 jobs" is a level of losses
const CHANGE_NOUN =
  /\b(?:increase|decrease|rise|fall|drop|swing|reduction)\s+of\s+(?:(?:just|only|some|about|around|almost|nearly|over|more than|less than)\s+)?$/i;
const CHANGE_QUALIFIER = /^(down|up|rise|fall|rose|fell|increase|decrease|drop|dropped|gain|gained|lost|loss|higher|lower)( by)?$/;

// Other measures, by the words within a few words of the figure (first match wins: "killed and 40 injured" reads near words).
const OTHER_MEASURES: [FigureMeasure, RegExp][] = [
  ['injuries', /\b(?:injur(?:ed|ies|y)|wounded|hurt|hospitali[sz]ed)\b/],
  ['deaths', /\b(?:killed|dead|died|deaths?|death toll|fatalities|lives|perished|murders?|murdered)\b/],
  ['raised', /\b(?:raised|raising|raise|crowdfund\w*|donat\w+|pledged|fundrais\w*|appeal)\b/],
  ['spent', /\b(?:spent|spending|spend|splashed)\b/],
  ['jobs', /\b(?:jobs?|redundanc\w+|lay-?offs?|laid off|employ\w*|workforce|work(?:s|ed|ing)? (?:at|for|in))\b/],
  ['population', /\b(?:population|residents|inhabitants|people live)\b/],
  ['price', /\b(?:price[sd]?|sold for|bought for|costs?|costing|fee|valued at|worth)\b/],
  ['seats', /\bseats?\b/],
];
const MONEY = /^(?:[a-z]{3}|gbp|usd|eur|pence|cents?)$/;

// Words capitalised by position or role that say nothing about whose figure it is.
const GENERIC = new Set(
  (
    'labour conservative conservatives tory tories green greens party liberal democrat democrats lib dem dems reform snp plaid workers independent independents ' +
    'uk britain british england english scotland wales mp mps minister secretary candidate candidates council government parliament commons house ' +
    'supporters across turnout voters figures official officials election general pro-palestine pro-gaza gaza-focused ' +
    'about around nearly almost roughly some only just'
  ).split(' '),
);

/** Name keys of a passage without the generic ones; a multi-word key stays when one of its words is distinctive. */
function distinctive(keys: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const k of keys) if (k.split(' ').some((w) => !GENERIC.has(w))) out.add(k);
  return out;
}

interface NameRun {
  keys: Set<string>;
  /** words between the run and the figure */
  distance: number;
  /** "in Ilford North", "of Blackburn": a place, not whose total it is */
  placeCued: boolean;
}

// A run of capitalised words, with "and"/"&"/"of" inside ("Bethnal Green and Stepney", "Dewsbury & Batley").
const RUN =
  /(?!(?:In|At|Of|For|From|The|A|An|On|By|With|After|Before|During|Across|About|Around|Some|Nearly|Almost|Only|Just)\b)\p{Lu}[\p{L}'’-]*(?:\s+(?:(?:and|&|of|upon)\s+)?\p{Lu}[\p{L}'’-]*)*/gu;
const PLACE_CUE = /\b(?:in|of|(?<!\bvot(?:ed|es?)\s+)for|at|from|across|representing|seat|constituency)\s+(?:the\s+)?$/i;

function runsIn(part: string, side: 'before' | 'after'): NameRun[] {
  const out: NameRun[] = [];
  for (const m of part.matchAll(RUN)) {
    const keys = distinctive(nameKeys(m[0]));
    if (!keys.size) continue;
    const gap = side === 'before' ? part.slice(m.index + m[0].length) : part.slice(0, m.index);
    out.push({ keys, distance: gap.split(/\s+/).filter(Boolean).length, placeCued: PLACE_CUE.test(part.slice(Math.max(0, m.index - 24), m.index)) });
  }
  return out;
}

/** Reads what a figure measures and whom it is about. */
export function readFigureMeaning(f: MeaningInput): FigureMeaning {
  const at = f.sentence.indexOf(f.exact);
  const fig = at < 0 ? { start: 0, end: 0 } : { start: at, end: at + f.exact.length };
  const clause = at < 0 ? { start: 0, end: f.sentence.length } : clauseOf(f.sentence, { start: 0, end: f.sentence.length }, fig);
  const before = f.sentence.slice(clause.start, fig.start);
  const after = f.sentence.slice(fig.end, clause.end);
  const change = changeBefore(f.qualifier, before);
  const measure = at < 0 ? null : readMeasure(before, f.exact, after, f.unit, f.sentence);

  // what the extractor says is counted, when it is a name ("38,000 Palestinians"), is part of whom it is about
  const counted = f.subject && /^\p{Lu}/u.test(f.subject) ? ` … ${f.subject}` : '';
  const clauseKeys = distinctive(nameKeys(unglue(`${before} … ${after}${counted}`)));
  const sentenceKeys = distinctive(nameKeys(unglue(`${f.sentence.replace(f.exact, ' ')}${counted}`)));
  const fromClause = clauseKeys.size > 0;
  let subject = fromClause ? clauseKeys : sentenceKeys;
  const places = new Set<string>();
  if (measure === 'votes' || measure === 'share') {
    // whose total: the nearest name that is not a place ("Rachel Collinson, standing in Ilford North, picked up …")
    const all = [...runsIn(unglue(before), 'before'), ...runsIn(unglue(after), 'after')];
    for (const r of all) if (r.placeCued) for (const k of r.keys) places.add(k);
    const runs = all.filter((r) => !r.placeCued);
    runs.sort((x, y) => x.distance - y.distance);
    if (runs.length) subject = runs[0].keys;
    if (counted) subject = new Set([...subject, ...distinctive(nameKeys(counted))]);
  }
  return { measure, change, subject, clauseNames: fromClause ? clauseKeys : sentenceKeys, places, fromClause };
}

function changeBefore(qualifier: string | null, before: string): boolean {
  const q = (qualifier ?? '').trim().toLowerCase();
  const tail = before.slice(-40);
  const phrasal = PHRASAL_UP.test(`${tail}${q === 'up' && !/\bup\s*$/i.test(tail) ? 'up ' : ''}`);
  // only a change named as one ("an increase of 400"): "cut £35bn" is read alike on both sides as it always was
  return !phrasal && (CHANGE_QUALIFIER.test(q) || CHANGE_NOUN.test(tail));
}

/** Only whether a figure is a change (cheap: read for every figure; the rest of its meaning only when compared). */
export function readFigureChange(f: MeaningInput): boolean {
  const at = f.sentence.indexOf(f.exact);
  return changeBefore(f.qualifier, at < 0 ? '' : f.sentence.slice(Math.max(0, at - 60), at));
}

function readMeasure(before: string, exact: string, after: string, unit: string | null, sentence: string): FigureMeasure | null {
  const u = (unit ?? 'count').toLowerCase();
  // "4,000 people voted for her": a total of votes
  if ((u === 'people' || u === 'count' || u === 'voters') && /^\s*(?:people\s+|voters\s+)?(?:voted|backed)\s+(?:for\s+)?\p{Lu}/u.test(after)) return 'votes';
  if (u === 'votes' || u === 'count' || u === 'people' || u === 'voters' || u === 'percent') {
    const found = detectMeasure(before, exact, after, unit === 'count' ? null : unit, sentence);
    if (found) return found.measure;
  }
  if (u === 'seats') return 'seats';
  if (u === 'percent') return null;
  const near = `${before.split(/\s+/).slice(-5).join(' ')} ${exact} ${after.split(/\s+/).slice(0, 5).join(' ')}`.toLowerCase();
  for (const [measure, words] of OTHER_MEASURES) {
    if ((measure === 'raised' || measure === 'spent' || measure === 'price') && !MONEY.test(u)) continue;
    if ((measure === 'deaths' || measure === 'injuries' || measure === 'jobs' || measure === 'population') && !(u === 'people' || u === 'count')) continue;
    if (words.test(near)) return measure;
  }
  return null;
}

/** How two figures' subjects relate: the same one, clearly different ones, or not known. */
export function subjectRelation(a: FigureMeaning, b: FigureMeaning, measure: FigureMeasure): 'same' | 'different' | 'unknown' {
  const personal = measure === 'votes' || measure === 'share';
  const electoral = personal || PLACE_MEASURES.has(measure as Measure);
  // an election measure needs one shared name (a seat, a candidate); other measures two points ("new york", or two names)
  // one party's share in two places named apart ("UKIP won 16.1% … at the European elections" / "31% … in Erewash")
  if (personal && a.places.size && b.places.size && !sharedNameScore(a.places, b.places).score) return 'different';
  const { score } = sharedNameScore(a.subject, b.subject);
  if (score >= (electoral ? 1 : 2)) return 'same';
  if (!a.fromClause || !b.fromClause) return 'unknown';
  if (personal) {
    // whose total it is: different when neither's person is named in the other's clause
    const meets = (x: Set<string>, y: Set<string>) => [...x].some((k) => y.has(k));
    return meets(a.subject, b.clauseNames) || meets(b.subject, a.clauseNames) ? 'unknown' : 'different';
  }
  return sharedNameScore(a.clauseNames, b.clauseNames).score === 0 ? 'different' : 'unknown';
}
