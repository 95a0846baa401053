import type { Span } from '../core/span.js';
import { MONTHS, PEOPLE_NOUNS } from './lexicon.js';

/** A quantity stated in the text. */
export interface Figure {
  start: number;
  end: number;
  value: number;
  unit: string;
  qualifier: string | null;
  subject: string | null;
  /** "13 out of 650": 650 */
  denominator: number | null;
  confidence: number;
}

const MULTIPLIERS: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mn: 1e6, million: 1e6, bn: 1e9, billion: 1e9, tn: 1e12, trillion: 1e12,
};
const CURRENCY: Record<string, string> = { '£': 'GBP', $: 'USD', US$: 'USD', '€': 'EUR' };
const WORD_NUMBERS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20,
  thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
  one: 1,
};
const TIME_UNITS = new Set(['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds', 'decades', 'centuries']);

const DIGIT_RE = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,\/:#@_-])(US\$|[£$€])?\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)` +
    String.raw`(?:(bn|mn|m|k|tn)(?![\p{L}\p{N}])|\s(thousand|million|billion|trillion)(?![\p{L}]))?` +
    String.raw`(?:\s?(%|per\s?cent(?![\p{L}])|percent(?![\p{L}])|percentage[\s-]points?(?![\p{L}])))?`,
  'gu',
);
const WORD_RE = new RegExp(
  // no u flag: a case-insensitive unicode alternation is several times slower in V8
  String.raw`(?<![A-Za-z\u00C0-\u024F-])(${Object.keys(WORD_NUMBERS).join('|')})(?:-(one|two|three|four|five|six|seven|eight|nine))?(?:\s(hundred|thousand|million|billion))?(?![A-Za-z\u00C0-\u024F-])`,
  'gi',
);
const QUALIFIER_RE = /(?:^|[\s(])(at least|more than|less than|fewer than|up to|as many as|as much as|almost|nearly|just over|just under|just|over|under|around|about|approximately|roughly|some|only|an average of|an average|on average|close to|in excess of|upwards of|no more than|no fewer than|a total of|barely|an estimated|estimated|a further|another|a record|down|up|by)\s+$/i;
const NAMING_NOUN_BEFORE = /(?:^|\s)(?:website|channel|number|no\.?|route|flight|room|page|article|section|chapter|version|episode|season|series|level|grade|stage|phase|step|line|platform|gate|category|division|tier|band|class|type|model|size|clause|paragraph|rule|amendment|resolution|act|bill|track|album|volume|vol\.?|issue|part|stand|junction|exit|terminal|highway|interstate|Article|Section|Chapter|Route|Flight|Room|Page|Clause|Rule|Vol|Part|Formula|Windows|Covid|Channel|Radio|Series)\s+$/;
const FURNITURE_LINE = /^[A-Z][\p{L} ]{0,24}:\s*\S/u;
const CURRENCY_WORDS: Record<string, string> = { euro: 'EUR', dollar: 'USD', pound: 'GBP', yen: 'JPY', yuan: 'CNY', franc: 'CHF', rupee: 'INR', pence: 'pence', p: 'pence' };
const CURRENCY_WORD_AFTER = /^(?:\s?(euros?|dollars?|pounds?|yen|yuan|francs?|rupees?|pence)|(p))(?![\p{L}\p{N}])/u;
const INTENSIFIER_AFTER = /^\s+(?:sure|certain|confident|committed|behind|right|correct|true|fit|focused|convinced|happy|serious|genuine|honest|safe|clear|guaranteed|accurate|positive)\b/;
const FRACTIONS: Record<string, number> = { half: 2, halves: 2, third: 3, thirds: 3, quarter: 4, quarters: 4, fifth: 5, fifths: 5, sixth: 6, sixths: 6, seventh: 7, sevenths: 7, eighth: 8, eighths: 8, tenth: 10, tenths: 10 };
const FRACTION_RE = /(?<![\p{L}-])(?:(a|one|two|three|four|nine)[\s-])?(half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|tenths?)(?![\p{L}-])/giu;

/** Figures in the text: money, percentages, counts with their nouns. Years, dates and page furniture are not figures. */
export function extractFigures(text: string, paragraphs: Span[], quoted: Span[]): Figure[] {
  const out: Figure[] = [];
  const hasDigits = /\d/.test(text);
  WORD_RE.lastIndex = 0;
  const hasWords = WORD_RE.test(text);
  WORD_RE.lastIndex = 0;
  const hasFractions = FRACTION_HINT.test(text);
  if (!hasDigits && !hasWords && !hasFractions) return out;
  for (const p of paragraphs) {
    const para = text.slice(p.start, p.end);
    if (para.length < 100 && FURNITURE_LINE.test(para)) continue; // "Views: 5912", "Phone: +1869…"
    if (para.length < 200 && /https?:\/\//.test(para)) continue; // shared-post furniture
    if (hasDigits && /\d/.test(para)) collectDigitFigures(text, p, out);
    if (hasWords) collectWordFigures(text, p, quoted, out);
    if (hasFractions && FRACTION_HINT.test(para)) collectFractions(text, p, quoted, out);
  }
  return out.sort((a, b) => a.start - b.start);
}

function collectDigitFigures(text: string, p: Span, out: Figure[]): void {
  const para = text.slice(p.start, p.end);
  let skipUntil = -1;
  for (const m of para.matchAll(DIGIT_RE)) {
    const start = p.start + m.index + (m[0].length - m[0].trimStart().length);
    let end = p.start + m.index + m[0].length;
    if (start < skipUntil) continue;
    const [, cur, num, glued, word, pct] = m;
    const after = text.slice(end, Math.min(p.end, end + 60));
    const before = text.slice(Math.max(p.start, start - 40), start);
    if (/^\d{6,}$/.test(num) || /^[-–]\p{L}/u.test(after) || /^[\/:]\d/.test(after) || /^\.\d/.test(after)) continue;
    if (!cur && !pct && isDateOrYear(num, before, after)) continue;
    if (/\d\s+$/.test(before)) continue;
    if (!cur && NAMING_NOUN_BEFORE.test(before)) continue; // "website 5 Pillars", "Article 50", "chapter 11" // "October 9 5 Pillars": a number after a number is part of a name or date
    if (pct && INTENSIFIER_AFTER.test(after)) continue; // "100% certain" is emphasis, not a statistic
    let value = Number(num.replace(/,/g, ''));
    const mult = glued ?? word;
    // "650m euros", "510.75 pence", "50p": a currency named after the number
    const curWord = cur || pct ? null : CURRENCY_WORD_AFTER.exec(after);
    if (mult) {
      if (mult === 'm' && !cur && !curWord) continue; // "600m" without a currency is metres
      value *= MULTIPLIERS[mult.toLowerCase()];
    }
    let unit: string | null = cur ? CURRENCY[cur] : null;
    if (curWord) {
      unit = CURRENCY_WORDS[(curWord[1] ?? curWord[2]).toLowerCase().replace(/(?<!pence)s$/, '')] ?? null;
      end += curWord[0].length;
    }
    if (pct) unit = /point/.test(pct) ? 'percentage_points' : 'percent';
    let subject: string | null = null;
    let denominator: number | null = null;
    const outOf = /^\s+(?:out of|of|in)\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\p{L}\p{N}])/u.exec(after);
    const ofThe = unit || outOf ? null : /^\s+of\s+(?:the|those|these|its|their|our|his|her)(?=\s)/.exec(after);
    if (!unit && outOf && /out of/.test(outOf[0])) {
      denominator = Number(outOf[1].replace(/,/g, ''));
      end += outOf[0].length;
      skipUntil = end;
    }
    // "22 of those constituencies": the part counts the noun after "of the"
    const noun = countedNoun(text.slice(end + (ofThe ? ofThe[0].length : 0), Math.min(p.end, end + 60)));
    if (ofThe && noun) end += ofThe[0].length;
    if (unit === 'percent' || unit === 'percentage_points') {
      subject = /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?((?:[\p{L}’'-]+\s?){1,3}?)(?=[\s,.;:)]|$)/u.exec(after)?.[1]?.trim() ?? null;
    } else if (noun) {
      subject = noun.subject;
      if (!unit) unit = unitForNoun(noun.head);
      if (!cur && !curWord) end += noun.length;
    }
    if (!unit) {
      // a bare number is a figure only when it is clearly a quantity
      const qualified = QUALIFIER_RE.test(before);
      if (!(qualified && value >= 10) && !mult && !num.includes(',') && denominator === null) continue;
      if (/^\s+[A-Z]/.test(after) && !noun) continue;
      unit = 'count';
    }
    if (cur && noun) subject = noun.subject;
    const qualifier = normaliseQualifier(QUALIFIER_RE.exec(before)?.[1] ?? null);
    out.push({ start, end, value, unit, qualifier, subject, denominator, confidence: 0.85 });
  }
}

function collectWordFigures(text: string, p: Span, quoted: Span[], out: Figure[]): void {
  const para = text.slice(p.start, p.end);
  for (const m of para.matchAll(WORD_RE)) {
    const start = p.start + m.index;
    if (quoted.some((q) => start >= q.start && start < q.end)) continue; // "two approaches" in speech is rhetoric
    let end = start + m[0].length;
    const after = text.slice(end, Math.min(p.end, end + 60));
    const first = m[1].toLowerCase();
    let value = WORD_NUMBERS[first] + (m[2] ? WORD_NUMBERS[m[2].toLowerCase()] : 0);
    if (m[3]) value *= m[3].toLowerCase() === 'hundred' ? 100 : MULTIPLIERS[m[3].toLowerCase()];
    if (first === 'one' && !m[3]) continue;
    if (first === 'hundred' || first === 'dozen') {
      if (!/\b(?:a|one)\s+$/i.test(text.slice(Math.max(p.start, start - 4), start))) continue;
    }
    if (FRACTION_AFTER.test(after)) continue; // "two thirds of": a fraction, found by collectFractions
    const noun = countedNoun(after);
    if (!noun) continue;
    end += noun.length;
    const before = text.slice(Math.max(p.start, start - 40), start);
    const qualifier = normaliseQualifier(QUALIFIER_RE.exec(before)?.[1] ?? null);
    out.push({ start, end, value, unit: unitForNoun(noun.head), qualifier, subject: noun.subject, denominator: null, confidence: 0.7 });
  }
}

const FRACTION_HINT = /half|third|quarter|fifth|sixth|seventh|eighth|tenth/i;
const FRACTION_AFTER = /^[\s-](?:half|thirds?|quarters?|fifths?|sixths?|sevenths?|eighths?|tenths?)(?![\p{L}])/u;
const NUMERATORS: Record<string, number> = { a: 1, one: 1, two: 2, three: 3, four: 4, nine: 9 };

/** "more than a fifth of the electorate", "two-thirds of MPs", "cut by a third": value 0..1, unit "fraction". */
function collectFractions(text: string, p: Span, quoted: Span[], out: Figure[]): void {
  const para = text.slice(p.start, p.end);
  for (const m of para.matchAll(FRACTION_RE)) {
    const start = p.start + m.index;
    if (quoted.some((q) => start >= q.start && start < q.end)) continue;
    const before = text.slice(Math.max(p.start, start - 40), start);
    const after = text.slice(start + m[0].length, Math.min(p.end, start + m[0].length + 60));
    const head = m[2].toLowerCase();
    const numerator = m[1] ? NUMERATORS[m[1].toLowerCase()] : head === 'half' ? 1 : 0;
    if (!numerator) continue;
    if (!m[1] && /\b(?:the|first|second|this|that|last|next|latter|former|its|his|her|their)\s+$/i.test(before)) continue; // "the second half of the game"
    // "third place", "the second half": only a share "of" something, or a change "by" one, is a figure
    const of = /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?((?:[\p{L}’'-]+\s?){1,3}?)(?=[\s,.;:)]|$)/u.exec(after);
    if (!of && !/\bby\s+$/.test(before)) continue;
    if (!m[1] && !of) continue;
    const qualifier = normaliseQualifier(QUALIFIER_RE.exec(before)?.[1] ?? null);
    let end = start + m[0].length;
    let subject: string | null = null;
    if (of) {
      const words = of[1].trim().split(/\s+/);
      const stop = words.findIndex((w, i) => i > 0 && (STOP_WORDS.test(w) || /^(?:are|say|says|live|lives|want|wants|think|thinks)$|[a-z](?:ed|ing)$/.test(w)));
      subject = (stop > 0 ? words.slice(0, stop) : words).join(' ');
      end = start + m[0].length + after.indexOf(subject) + subject.length;
    }
    out.push({ start, end, value: numerator / FRACTIONS[head], unit: 'fraction', qualifier, subject, denominator: null, confidence: 0.7 });
  }
}

const NOT_NOUNS = new Set(['is', 'was', 'has', 'as', 'this', 'his', 'its', 'us', 'less', 'yes', 'plus', 'thus', 'across', 'unless', 'various', 'previous', 'serious', 'famous', 'news', 'always', 'perhaps', 'whereas', 'does', 'goes', 'gas', 'bus', 'process', 'success', 'access', 'business', 'congress', 'press', 'status', 'focus', 'campus', 'census', 'bonus', 'virus', 'crisis', 'basis', 'analysis', 'series', 'species']);
const STOP_WORDS = /^(?:of|in|on|at|to|for|from|by|with|and|or|but|the|a|an|that|which|who|than|as|per|each|more|less|after|before|since|ago|last|this|next|is|was|were|are|be|have|has|had|will|would|could|it|he|she|they|we)$/i;

/** The plural noun counted by a number: "votes", "Muslim organisations", "members of parliament". */
function countedNoun(after: string): { subject: string; head: string; length: number } | null {
  const m = /^\s+((?:[\p{L}’'-]+\s+){0,2}[\p{L}’'-]+)(?![\p{L}’'-])/u.exec(after);
  if (!m) return null;
  const words = m[1].split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (STOP_WORDS.test(w)) return null;
    const lower = w.toLowerCase();
    const plural = (/[^s']s$/.test(lower) && lower.length > 3 && !NOT_NOUNS.has(lower)) || PEOPLE_NOUNS.has(lower) || /^[A-Z]{2,}s$/.test(w);
    if (plural) {
      let subject = words.slice(0, i + 1).join(' ');
      let length = after.indexOf(w) + w.length;
      const ofPart = /^\s+of\s+([a-z]+)(?![\p{L}])/u.exec(after.slice(length));
      if (ofPart && /^(?:members|share|percentage|proportion|number|cases)$/.test(lower)) {
        subject += ` of ${ofPart[1]}`;
        length += ofPart[0].length;
      }
      return { subject, head: lower, length };
    }
    // capitalised modifiers are allowed only before a plural noun ("five Muslim organisations", not "5 Pillars pledge")
    if (i === words.length - 1) return null;
  }
  return null;
}

function unitForNoun(head: string): string {
  if (head === 'votes' || head === 'seats') return head;
  if (TIME_UNITS.has(head)) return head;
  if (PEOPLE_NOUNS.has(head)) return 'people';
  return 'count';
}

function normaliseQualifier(q: string | null): string | null {
  if (!q) return null;
  const l = q.toLowerCase();
  if (l === 'by') return null;
  return l.replace(/ of$/, '');
}

/** Years ("in 2014", "2010-19") and dates ("October 7", "25 December", "June 11, 2024") are not figures. */
function isDateOrYear(num: string, before: string, after: string): boolean {
  const prevWord = /([\p{L}]+)\.?\s+$/u.exec(before)?.[1]?.toLowerCase();
  const nextWord = /^\s+([\p{L}]+)/u.exec(after)?.[1]?.toLowerCase();
  if (prevWord && MONTHS.has(prevWord) && prevWord !== 'may' ) return true;
  if (prevWord === 'may' && /^\d{1,2}$/.test(num)) return true;
  if (nextWord && MONTHS.has(nextWord) && /^\d{1,2}$/.test(num)) return true;
  if (/^\d{1,2}(?:st|nd|rd|th)$/.test(num)) return true;
  if (/^(?:1[5-9]|20)\d\d$/.test(num)) {
    const counted = nextWord && /^(?:votes|people|seats|jobs|members|voters|homes|deaths|cases|times|pounds|dollars|euros|units|copies)$/.test(nextWord);
    return !counted;
  }
  if (/^[-–]\d/.test(after)) return true; // a range of years or scores "2010-19", "3-1"
  return false;
}
