// Shares and multiples written in words: "a fifth of the electorate", "two-thirds of MPs", "cut by half", "fourfold".
import type { Span } from '../../core/span.js';
import { STOP_WORDS } from './counted-noun.js';
import type { Figure } from './figure.js';
import { hasQualifier, readQualifier } from './qualifiers.js';

const DENOMINATORS: Record<string, number> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
};
const NUMERATORS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, five: 5, seven: 7, nine: 9 };
const L = 'A-Za-z\u00C0-\u024F';
// one scan for every kind (no u flag: a case-insensitive unicode alternation is several times slower in V8)
// the numerator ("two" in "two-thirds") is read backwards from the fraction word: a leading optional group is slow
const SHARE_RE =
  /\b(?:(half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)|(twice|doubled?|tripled?|trebled?)|(two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)-?fold)\b/gi;
const NUMERATOR_BEFORE = new RegExp(String.raw`(?:^|[^${L}-])(a|one|two|three|four|five|seven|nine)[\s-]$`, 'i');
const GLUED = new RegExp(`[${L}-]`);
/** A fraction word right after a number word ("two thirds"): the fraction rule reads it, not the count rule. */
export const FRACTION_AFTER = /^[\s-](?:half|halves|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)(?![\p{L}])/u;
const FOLD_VALUES: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twenty: 20,
  hundred: 100,
  thousand: 1000,
};
/** "within a decade", "under a minute", "for an hour": one unit after a word that measures time or distance. */
const A_UNIT_RE = / (an?) (decade|year|month|week|day|hour|minute|mile)(?![A-Za-z-])(?! (?:earlier|ago|later|before|after|on|or|and)\b)/gi;
const A_UNIT_BEFORE = /\b(?:within|for|under|over|than|nearly|almost|about|around|least|after|lasting|only|just)$/i;
const A_UNITS: Record<string, string> = {
  decade: 'years',
  year: 'years',
  month: 'months',
  week: 'weeks',
  day: 'days',
  hour: 'hours',
  minute: 'minutes',
  mile: 'mile',
};
/** After "a quarter" / "half": "point", "-point", "a percentage point" (group 1: the "a" of "half a point"). */
const POINT_AFTER = /^(?:[\s-](a\s))?[\s-]?(?:of\s+a\s+)?(?:percentage[\s-])?points?(?![A-Za-z])/;
const SHARE_AFTER = /^\s+(?:fewer|more|less|lower|higher|smaller|larger|bigger|cheaper)\b/;
const OF_RE = /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?((?:[\p{L}’'-]+\s?){1,3}?)(?=[\s,.;:)]|$)/u;

/**
 * Shares and multiples in words: "more than a fifth of the electorate", "two-thirds of MPs", "cut by a third"
 * (value 0..1, unit "fraction"); "fourfold", "twice", "roughly doubled" (unit "times").
 */
export function collectFractions(text: string, paragraphs: Span[], skipped: boolean[], out: Figure[]): void {
  // one scan over the whole text, each match placed in its paragraph (cheaper than a hint test per paragraph)
  let j = 0;
  for (const m of text.matchAll(SHARE_RE)) {
    const wordStart = m.index;
    const wordEnd = wordStart + m[0].length;
    while (j < paragraphs.length && paragraphs[j].end <= wordStart) j++;
    const p = paragraphs[j];
    if (!p || wordStart < p.start || skipped[j] || wordEnd > p.end || GLUED.test(text[wordEnd] ?? '')) continue;
    const numerator = m[1] ? NUMERATOR_BEFORE.exec(text.slice(Math.max(p.start, wordStart - 7), wordStart)) : null;
    if (!numerator && GLUED.test(text[wordStart - 1] ?? '')) continue;
    const start = numerator ? wordStart - numerator[1].length - 1 : wordStart;
    const before = text.slice(Math.max(p.start, start - 40), start);
    if (m[2] || m[3]) {
      // "twice" and "fourfold" always count; "doubled", "tripled" only when qualified ("roughly doubled")
      const word = (m[2] ?? '').toLowerCase();
      if (m[2] && word !== 'twice' && !hasQualifier(before)) continue;
      const value = m[3] ? FOLD_VALUES[m[3].toLowerCase()] : /^tri|^tre/.test(word) ? 3 : 2;
      // "twice" counts occasions ("booked twice"); "fourfold", "doubled" multiply
      out.push(figure(start, wordEnd, value, word === 'twice' ? 'count' : 'times', readQualifier(before), null));
      continue;
    }
    const after = text.slice(wordEnd, Math.min(p.end, wordEnd + 60));
    const head = m[1].toLowerCase();
    // "a quarter point", "half a percentage point", "a quarter-point cut": a move in a rate
    const point =
      (head === 'quarter' && numerator) || (head === 'half' && !numerator && !/\b(?:the|first|second|this|that|last|next)\s+$/i.test(before))
        ? POINT_AFTER.exec(after)
        : null;
    if (point && (head === 'quarter') !== !!point[1]) {
      const top = numerator ? NUMERATORS[numerator[1].toLowerCase()] : 1;
      out.push(figure(start, wordEnd + point[0].length, top / DENOMINATORS[head], 'percentage_points', readQualifier(before), null));
      continue;
    }
    const top = numerator ? NUMERATORS[numerator[1].toLowerCase()] : head === 'half' ? 1 : 0;
    if (!top) continue;
    if (!numerator && /\b(?:the|first|second|this|that|last|next|latter|former|its|his|her|their)\s+$/i.test(before)) continue; // "the second half of the game"
    // "third place", "the second half": only a share "of" something, or a change "by" one, is a figure
    const of = OF_RE.exec(after);
    const by = /\bby\s+$/.test(before) || (head === 'half' && /\bin\s+$/.test(before)); // "cut by a third", "cut in half"
    // "a third fewer", "about half the room", "nearly two thirds said": a share without "of"
    const share =
      SHARE_AFTER.test(after) ||
      (hasQualifier(before) && /^\s+(?:the|said|say|says|were|are|have|had|think|thought|want|expect|fewer|more|less)\b/.test(after));
    if (!of && !by && !share) continue;
    if (!numerator && !of && !share && head !== 'half') continue;
    // the figure is the share itself ("a third"); what it is a share of is its subject
    const end = wordEnd;
    let subject: string | null = null;
    if (of) {
      const words = of[1].trim().split(/\s+/);
      const stop = words.findIndex((w, i) => i > 0 && (STOP_WORDS.test(w) || /^(?:are|say|says|live|lives|want|wants|think|thinks)$|[a-z](?:ed|ing)$/.test(w)));
      subject = (stop > 0 ? words.slice(0, stop) : words).join(' ');
    }
    // four decimals, as fractions are written in the gold ("a third" = 0.3333): a share in words is not more precise
    out.push(figure(start, end, Math.round((top / DENOMINATORS[head]) * 1e4) / 1e4, 'fraction', readQualifier(before), subject));
  }
}

/** "within a decade", "under a minute": one unit (a decade is 10 years). */
export function collectSingleUnits(text: string, paragraphs: Span[], skipped: boolean[], out: Figure[]): void {
  let j = 0;
  for (const m of text.matchAll(A_UNIT_RE)) {
    while (j < paragraphs.length && paragraphs[j].end <= m.index) j++;
    const p = paragraphs[j];
    if (!p || m.index < p.start || skipped[j] || m.index + m[0].length > p.end) continue;
    const before = text.slice(Math.max(p.start, m.index - 30), m.index);
    if (!A_UNIT_BEFORE.test(before)) continue;
    const unit = m[2].toLowerCase();
    out.push(figure(m.index + 1, m.index + m[0].length, unit === 'decade' ? 10 : 1, A_UNITS[unit], readQualifier(`${before} `), null));
  }
}

function figure(start: number, end: number, value: number, unit: string, qualifier: string | null, subject: string | null): Figure {
  return { start, end, value, valueMax: null, unit, qualifier, subject, denominator: null, confidence: 0.7 };
}
