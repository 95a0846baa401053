import type { Measure } from './mapping.js';

/** Units a count can come with ("528", "507 votes", "78,657 people"), and the units that are a share. */
const COUNT_UNITS = new Set(['votes', 'count', 'people', 'voters']);

export function isCountUnit(unit: string | null): boolean {
  return unit === null || COUNT_UNITS.has(unit);
}

// "majority of 507" and "majority of just 528", not "the majority of voters"
const MAJORITY_WORD = /\bmajority\b(?!\s+of\s+(?!(?:just|only|a|mere|about|around|almost|nearly|over|under|more|less|some|barely|exactly)\b)\p{L})|\bmargin\b/u;
// "won by 507 votes", "byjust 132 votes" (glued), "came within 528 votes"
const BY_BEFORE = /\b(?:by|within)\s*(?:(?:just|only|a|mere|slim|narrow|of|the|some|about|around|almost|nearly|over|under|more|less|fewer|than)\s+)*$/;
// "1,689 votes short of winning", "507 votes ahead"
const SHORT_AFTER = /^\s*(?:votes?\s+)?(?:short|behind|ahead|clear|more|fewer|less)\b/;
const SHARE_WORDS = /\bshare\b|\bof (?:the )?(?:total )?votes?\b/;
// "15% interest rates": a percentage of something else
const OTHER_NOUN_AFTER =
  /^\s+(?!(?:of|share|vote|votes|and|in|at|to|with|while|whilst|but|on|for|from|after|the|a|among|across|compared|than|as|up|down)\b)\p{L}/u;
const TURNOUT_WORDS = /\bturnout\b/;
const ELECTORATE_WORDS = /\belectorate\b|\bregistered voters\b|\beligible voters\b|\bon the (?:electoral )?register\b/;
const VALID_WORDS = /\bvalid votes\b|\bvotes were cast\b|\btotal (?:of )?votes cast\b|\bballots were cast\b/;
const INVALID_WORDS = /\b(?:spoilt|spoiled|rejected|invalid)\s+(?:ballots?|ballot papers|votes|papers)\b/;
const VOTES_AFTER = /^\s*votes?\b/;

export interface MeasureFound {
  measure: Measure;
  /** clause: the measure words sit in the figure's clause; sentence: only elsewhere in its sentence */
  from: 'clause' | 'sentence';
}

/**
 * What a figure measures, from the words around it. `before`/`after` are its clause's text on either side
 * of the figure, `exact` the figure itself; `sentence` is the whole sentence (only a share or turnout
 * may borrow its words from there: "…with 49.2 percent of the vote, while X came second with 34.4 percent").
 */
export function detectMeasure(before: string, exact: string, after: string, unit: string | null, sentence: string): MeasureFound | null {
  const b = before.toLowerCase();
  const a = after.toLowerCase();
  const e = exact.toLowerCase();
  const clause = `${b}${e}${a}`;
  if (unit === 'percent') {
    if (OTHER_NOUN_AFTER.test(after)) return null;
    if (TURNOUT_WORDS.test(clause)) return { measure: 'turnout', from: 'clause' };
    if (SHARE_WORDS.test(clause)) return { measure: 'share', from: 'clause' };
    const s = sentence.toLowerCase();
    if (TURNOUT_WORDS.test(s)) return { measure: 'turnout', from: 'sentence' };
    if (SHARE_WORDS.test(s)) return { measure: 'share', from: 'sentence' };
    return null;
  }
  if (!isCountUnit(unit)) return null;
  const votesAfter = unit === 'votes' || VOTES_AFTER.test(a);
  const majorityNear = MAJORITY_WORD.test(b.slice(-80)) || MAJORITY_WORD.test(e) || MAJORITY_WORD.test(a.slice(0, 30));
  if (majorityNear || ((BY_BEFORE.test(b) || SHORT_AFTER.test(a)) && votesAfter) || (BY_BEFORE.test(b) && /\bmajority\b/.test(clause))) {
    return { measure: 'majority', from: 'clause' };
  }
  if (INVALID_WORDS.test(clause)) return { measure: 'invalid_votes', from: 'clause' };
  if (VALID_WORDS.test(clause)) return { measure: 'valid_votes', from: 'clause' };
  if (ELECTORATE_WORDS.test(clause)) return { measure: 'electorate', from: 'clause' };
  if (votesAfter) return { measure: 'votes', from: 'clause' };
  return null;
}

// "majority was cut by 4,690 votes", "share rose 5 percent": a change, not a level
export const CHANGE_BEFORE =
  /\b(?:fell|fall|falls|fallen|falling|dropped|drop|drops|cut|reduced|slashed|slumped|increased|increase|rose|rise|risen|grew|grown|swing|swung|shrank|shrunk|down|up|boosted|halved|doubled)\s+(?:(?:by|of)\s*)?(?:(?:just|only|some|about|around|almost|nearly|over|more than|less than|a further)\s+)?$/i;
// "picked up 1,794 votes", "racked up": a total, not a rise
export const PHRASAL_UP = /\b(?:picked|picking|picks|pick|racked|racking|chalked|chalking|mopped|snapped|ended|totted|totalled)\s+up\s+$/i;

export const PLACE_MEASURES: ReadonlySet<Measure> = new Set(['majority', 'turnout', 'electorate', 'valid_votes', 'invalid_votes']);
