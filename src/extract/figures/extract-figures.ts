// The figure grammar: numbers (digits, words, multipliers, signs), their currency or unit, ranges, and the
// rules for what is not a figure. One left-to-right scan per paragraph; every look-around is a bounded window,
// so the cost is linear in the text.
import type { Span } from '../../core/span.js';
import { readCountedNoun, unitOfNoun } from './counted-noun.js';
import { CURRENCY_PREFIX_PATTERN, currencyOfPrefix, readCurrencyAfter } from './currencies.js';
import type { Figure } from './figure.js';
import { FRACTION_AFTER, collectFractions, collectSingleUnits } from './fractions.js';
import { AMBIGUOUS_ABBREVIATIONS, readMultiplier } from './multipliers.js';
import { INTENSIFIER_AFTER, isDateOrYear, isNamingNounBefore, isListNumber, isNamedNumber, isTime, startsSentence } from './not-figures.js';
import { NUMBER_WORD_START, readNumberWords } from './number-words.js';
import { readQualifierMatch } from './qualifiers.js';
import { type UnitFamily, readUnitAfter } from './units.js';
import { mergeRanges } from './ranges.js';

export type { Figure } from './figure.js';

/** A number found in the text, with what the grammar read around it; ranges and the accept rule work on these. */
export interface Candidate {
  start: number;
  end: number;
  /** the number as written, before its multiplier */
  raw: number;
  factor: number;
  /** a multiplier was written ("bn", "million", "thousand") */
  multiplied: boolean;
  value: number;
  valueMax: number | null;
  unit: string | null;
  family: UnitFamily | 'currency' | 'noun' | null;
  subject: string | null;
  denominator: number | null;
  qualifier: string | null;
  words: boolean;
  /** a thousands separator was written ("2,000"): a quantity, not a code */
  grouped: boolean;
  /** a qualifier ("more than", "about") stands before it */
  qualified: boolean;
  /** not a figure whatever follows (a year, a date, a name with a number) */
  rejected: boolean;
  /** the text before it, for range and carry rules */
  before: string;
}

// The scan looks for digits alone (fast); a currency prefix or a sign is read backwards from each number.
const DIGIT_RE = /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+/g;
/** A sign and a currency written just before the number: "-", "$", "US$", "USD ", "RM", "-£". */
/** No match: the number is glued to a word or a number ("A320", "1,2", "10:30", "v2.1", "#5"). */
const PREFIX_BEFORE = new RegExp(String.raw`(?:^|[^A-Za-z\u00C0-\u024F0-9_@#.,:/\\])(([-−])?(?:(${CURRENCY_PREFIX_PATTERN})[ \u00A0]?)?)$`);
// no u flag: a case-insensitive unicode alternation is several times slower in V8
const WORD_START_RE = new RegExp(
  // "a hundred", "a dozen": the scale word is found and the "a" before it read back (an "a(?=…)" branch is slow)
  String.raw`\b(?:${NUMBER_WORD_START.join('|')})\b`,
  'gi',
);
const AFTER_SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '₹': 'INR',
  '₩': 'KRW',
  '₽': 'RUB',
  '₺': 'TRY',
  '₦': 'NGN',
  '₱': 'PHP',
  '₡': 'CRC',
  '₾': 'GEL',
  '₭': 'LAK',
  元: 'CNY',
  $: 'USD',
};
/** The whole after "N of the" is itself a number: "of the three brigades", "of the 650 seats". */
const PARTITIVE_WHOLE = /^\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred)\b)/i;
/** A share written before "a million": "half ", "a quarter of ", "three-quarters of " (group 2: three quarters, 3: a quarter). */
const SHARE_OF_A = /(?:^|[^A-Za-z-])((?:(three[\s-]quarters)|((?:a |one )?quarter)) of |half )$/i;
const MASS_CONTEXT = /\b(?:weigh\w*|weight|heav\w*|lose|lost|losing|gain\w*|shed\w*|drop\w*|lighter|pounds? of|lb)\b/i;
/** Ages: "aged 72", "at the age of 87", "turns 35", "I'm 30", "At 23, Henson…", "Hynde, 53," (a name in apposition). */
const AGE_WORDS_BEFORE = /\b(?:aged|age|ages|age of|turns|turned|turning|I'm|I am|he's|she's)\s+$|(?:^|[.!?"“]\s*)At\s+$/;
const AGE_NAME_BEFORE = /\p{Lu}[\p{L}'’-]+,\s$/u;

/** Figures in the text: money, percentages, measures, counts with their nouns, ranges. Years, dates, names with numbers and page furniture are not figures. */
export function extractFigures(text: string, paragraphs: Span[], quoted: Span[] = []): Figure[] {
  const out: Figure[] = [];
  const hasDigits = /\d/.test(text);
  WORD_START_RE.lastIndex = 0;
  const hasWords = WORD_START_RE.test(text);

  const skipped: boolean[] = new Array(paragraphs.length).fill(false);
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i];
    const para = text.slice(p.start, p.end);
    if (isFurniture(text, paragraphs, i, para)) {
      skipped[i] = true;
      continue;
    }
    const candidates: Candidate[] = [];
    if (hasDigits && /\d/.test(para)) collectDigits(text, p, para, candidates);
    if (hasWords) collectWords(text, p, para, quoted, candidates);
    if (candidates.length) {
      candidates.sort((a, b) => a.start - b.start);
      // in a "Label: value" line a bare number is a counter or a code ("Views: 5912"); an amount is content
      const labelLine = para.length < 100 && LABEL_LINE.test(para);
      for (const c of mergeRanges(text, candidates)) {
        if (labelLine && !c.unit) continue;
        if (accept(c)) out.push(toFigure(c));
      }
    }
  }
  // shares ("a third", "twice") and single units ("within a decade"): one scan each over the whole text
  collectFractions(text, paragraphs, skipped, out);
  collectSingleUnits(text, paragraphs, skipped, out);
  return dropOverlaps(out.sort((a, b) => a.start - b.start || b.end - a.end));
}

const LABEL_LINE = /^[A-Z][\p{L} ]{0,24}:\s*\S/u;

/** Page furniture: a run of short "Label: value" lines ("Views: 5912" / "Phone: …"), or a short shared-post line. One label line alone is content ("Total price: $48,900"). */
function isFurniture(text: string, paragraphs: Span[], i: number, para: string): boolean {
  if (para.length < 200 && /https?:\/\//.test(para)) return true;
  if (para.length >= 100 || !LABEL_LINE.test(para)) return false;
  const isLabel = (j: number) => {
    const q = paragraphs[j];
    return !!q && q.end - q.start < 100 && LABEL_LINE.test(text.slice(q.start, q.end));
  };
  return isLabel(i - 1) || isLabel(i + 1);
}

/** Where the reading stands after a number: its end offset and the text still ahead. */
interface Cursor {
  end: number;
  rest: string;
}

function advance(cur: Cursor, n: number): void {
  cur.end += n;
  cur.rest = cur.rest.slice(n);
}

function newCandidate(start: number, end: number, raw: number, before: string, words: boolean): Candidate {
  const qualifier = readQualifierMatch(before);
  return {
    start,
    end,
    raw,
    factor: 1,
    multiplied: false,
    value: raw,
    valueMax: null,
    unit: null,
    family: null,
    subject: null,
    denominator: null,
    qualifier: qualifier.qualifier,
    words,
    grouped: false,
    qualified: qualifier.found,
    rejected: false,
    before,
  };
}

function collectDigits(text: string, p: Span, para: string, out: Candidate[]): void {
  let skipUntil = -1;
  for (const m of para.matchAll(DIGIT_RE)) {
    const num = m[0];
    const numStart = p.start + m.index;
    if (numStart < skipUntil) continue;
    const numEnd = numStart + num.length;
    // up to 8 characters back: longer than any sign and prefix, so "^" only matches at the paragraph start
    const pre = PREFIX_BEFORE.exec(text.slice(Math.max(p.start, numStart - 8), numStart));
    if (!pre) continue;
    const sign = pre[2];
    const prefix = pre[3];
    let start = numStart - pre[1].length;
    const before = text.slice(Math.max(p.start, start - 40), start);
    const after = text.slice(numEnd, Math.min(p.end, numEnd + 80));
    let raw = Number(num.replace(/,/g, ''));
    const c = newCandidate(start, numEnd, raw, before, false);
    c.grouped = num.includes(',');
    let currency = prefix ? currencyOfPrefix(prefix) : null;
    const cur: Cursor = { end: numEnd, rest: after };
    if (isTime(after) || /^\.\d/.test(after) || /^(?:st|nd|rd|th)(?![\p{L}])/u.test(after)) continue;
    if (isListNumber(before, after)) continue;
    if (/[\p{L}][-–]$/u.test(before)) continue; // "COVID-19", "F-35", "A-1"
    let fraction = false;
    if (/^\/\d/.test(after)) {
      // "3/8" is a fraction; "12/05/2020" and "24/7" are not figures
      const f = /^\/(\d{1,3})(?![\d/])/.exec(after);
      if (!f || !Number.isInteger(raw) || raw >= Number(f[1]) || currency || /\b(?:on|since|until|by|from|dated?)\s+$/i.test(before)) continue;
      raw = raw / Number(f[1]);
      fraction = true;
      advance(cur, f[0].length);
    }
    const mixed = /^ (\d)\/(\d{1,2})(?![\d/])/.exec(cur.rest);
    if (mixed && Number(mixed[1]) < Number(mixed[2])) {
      raw += Number(mixed[1]) / Number(mixed[2]);
      advance(cur, mixed[0].length);
    }
    c.raw = raw;
    // a multiplier: "bn", "m", " million", " thousand"
    const mult = readMultiplier(cur.rest);
    if (mult) {
      const spacedAbbrev = mult.length > mult.word.length && mult.word.length <= 2;
      let isMultiplier = true;
      if (AMBIGUOUS_ABBREVIATIONS.has(mult.word) || spacedAbbrev) {
        // "20m users" and "$7.5M" are millions; "600m" alone is metres
        const tail = cur.rest.slice(mult.length);
        isMultiplier = !!currency || !!readCurrencyAfter(tail) || !!readCountedNoun(tail);
      }
      if (isMultiplier) {
        c.factor = mult.factor;
        c.multiplied = true;
        advance(cur, mult.length);
      }
    }
    // a currency after the number: "650m euros", "49p", " USD"
    if (!currency) {
      const cw = readCurrencyAfter(cur.rest);
      if (cw && !(cw.unit === 'penny' && c.multiplied)) {
        currency = cw.unit === 'GBP' && /^\s?pounds?\b/i.test(cur.rest) && MASS_CONTEXT.test(before + cur.rest.slice(0, cw.length + 12)) ? null : cw.unit;
        if (currency) advance(cur, cw.length);
        else {
          c.unit = 'pound';
          c.family = 'mass';
          advance(cur, cw.length);
        }
      }
    }
    if (!currency && !c.unit) {
      // "10 €", "100₾": a symbol after the number (continental style), not the prefix of a next amount
      const sym = /^[ \u00A0]?([€£¥₹₩₽₺₦₱₡₾₭元]|\$(?![ \u00A0]?\d))/u.exec(cur.rest);
      if (sym) {
        currency = AFTER_SYMBOLS[sym[1]] ?? null;
        if (currency) advance(cur, sym[0].length);
      }
    }
    if (currency) {
      c.unit = currency;
      c.family = 'currency';
    } else if (!c.unit) {
      const u = readUnitAfter(cur.rest);
      if (u && !(u.unit === 'metre' && c.multiplied)) {
        c.unit = u.unit;
        c.family = u.family;
        advance(cur, u.length);
        if (u.hyphenated && u.family === 'duration' && /^-old\b/.test(cur.rest)) advance(cur, 4); // "72-year-old"
      }
    }
    if (isKindOfScore(c, cur.rest)) continue;
    // glued letters that are no unit, multiplier or currency make a code or a model: "5G", "24703L202", "3D"
    if (/^[\p{L}\p{N}]/u.test(cur.rest) && cur.end === numEnd) continue;
    if (/^[\p{L}]/u.test(cur.rest) && !c.unit && !c.multiplied) continue;
    if (sign || /\bminus\s$/i.test(before)) {
      raw = -raw;
      c.raw = raw;
      if (!sign) start -= 'minus '.length;
    }
    c.start = start;
    c.value = c.raw * c.factor;
    if (!currency && c.family !== 'percent') {
      if ((num.length <= 2 || num.length === 4) && isDateOrYear(num, before, after)) c.rejected = true;
      if (isNamingNounBefore(before)) c.rejected = true; // "Article 50", "route 66", "top 20"
      if (/\d\s+$/.test(before)) c.rejected = true; // a number right after a number is part of a name or a date
      if (num.length === 2 && /['’‘]$/.test(before)) c.rejected = true; // "in '94": a year
      if (/\($/.test(before) && /^\)/.test(cur.rest) && !c.unit) c.rejected = true; // "Bowyer (77)": a minute or a reference
      if (/^\d{6,}$/.test(num) && !c.unit) c.rejected = true; // phone numbers, ids
      // a number with thousands separators is a quantity ("In Gaza 38,000 Palestinians"), never a model name
      if (!c.unit && !c.multiplied && !c.grouped) {
        const nameWord = /(\S+)\s$/.exec(before)?.[1] ?? '';
        if (isNamedNumber(before, startsSentence(before, nameWord.length))) c.rejected = true; // "iPhone 15", "FTSE 100"
      }
    }
    if (c.family === 'percent' && INTENSIFIER_AFTER.test(cur.rest)) continue; // "100% certain" is emphasis
    // ages: "Hendricks, 58,", "aged 72"
    if (
      !c.unit &&
      Number.isInteger(raw) &&
      raw > 0 &&
      raw < 120 &&
      ((AGE_WORDS_BEFORE.test(before) && !/^\s+(?:per|percent|%)/.test(cur.rest)) || (AGE_NAME_BEFORE.test(before) && /^[,.;]/.test(cur.rest)))
    ) {
      c.unit = 'years';
      c.family = 'duration';
    }
    cur.end = describeNoun(text, p, c, cur.end, cur.rest);
    // "Commodore 64 enthusiasts": a name with a number stays a name when a plural follows
    if (c.family === 'noun' && !currency && !c.grouped && !c.multiplied && !c.rejected) {
      const nameWord = /(\S+)\s$/.exec(before)?.[1] ?? '';
      if (isNamedNumber(before, startsSentence(before, nameWord.length))) c.rejected = true;
    }
    // a written fraction ("3/8") or a leading-point decimal (".625") is a quantity, never a code
    if (!c.unit && (fraction || num.startsWith('.'))) {
      c.unit = fraction ? 'fraction' : 'count';
      c.family = 'noun';
    }
    if (c.denominator !== null) skipUntil = cur.end;
    c.end = cur.end;
    out.push(c);
  }
}

/** Counted nouns, hyphenated modifiers, "out of N", percentages "of" something: extends the candidate. */
function describeNoun(text: string, p: Span, c: Candidate, end: number, rest: string): number {
  if (c.family === 'percent') {
    c.subject = /^\s+of\s+(?:the\s+|all\s+|its\s+|their\s+)?((?:[\p{L}’'-]+\s?){1,3}?)(?=[\s,.;:)]|$)/u.exec(rest)?.[1]?.trim() ?? null;
    return end;
  }
  if (c.unit && c.family !== 'currency') return end;
  const outOf = /^\s+out of\s+(\d{1,3}(?:,\d{3})+|\d+)(?![\p{L}\p{N}])/u.exec(rest);
  if (!c.unit && outOf) {
    c.denominator = Number(outOf[1].replace(/,/g, ''));
    end += outOf[0].length;
    rest = text.slice(end, Math.min(p.end, end + 60));
  }
  // "22 of those constituencies": the part counts the noun after "of the"
  const ofThe = c.unit || outOf ? null : /^\s+of\s+(?:the|those|these|its|their|our|his|her)(?=\s)/.exec(rest);
  if (ofThe && PARTITIVE_WHOLE.test(rest.slice(ofThe[0].length))) {
    // "two of the three brigades", "six of the nine members": the part and the whole are two figures
    c.unit = 'count';
    c.family = 'noun';
    return end;
  }
  const noun = readCountedNoun(ofThe ? rest.slice(ofThe[0].length) : rest);
  if (noun) {
    c.subject = noun.subject;
    if (!c.unit) {
      c.unit = unitOfNoun(noun.head, noun.subject);
      c.family = 'noun';
      end += noun.length + (ofThe ? ofThe[0].length : 0);
    }
    return end;
  }
  // a hyphenated or spaced singular modifier: "a 40-page report", "a 10 point plan" (after "a", a number is a modifier)
  const modifier = c.unit
    ? null
    : (/^-([a-z]{3,})(?=\s+[a-z])/.exec(rest) ?? (/\b(?:a|an)\s+$/i.test(c.before) ? /^\s([a-z]{3,})(?=\s+[a-z]{3,})/.exec(rest) : null));
  if (modifier && !/^(?:odd|ish|plus|something|year|old)$/.test(modifier[1])) {
    c.unit = 'count';
    c.family = 'noun';
    c.subject = modifier[1];
    end += modifier[0].length;
  }
  return end;
}

function collectWords(text: string, p: Span, para: string, quoted: Span[], out: Candidate[]): void {
  WORD_START_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD_START_RE.exec(para))) {
    let start = p.start + m.index;
    let shareOf = 1;
    let shareLength = 0;
    if (/^(?:hundred|thousand|million|billion|dozen)$/i.test(m[0])) {
      // a scale word opens a number only after "a" ("a hundred people"); after a number word it was read with it
      if (!/(?:^|[^A-Za-z])[Aa] $/.test(text.slice(Math.max(p.start, start - 3), start))) continue;
      start -= 2;
      // "half a million", "a quarter of a million", "three quarters of a billion": a share of the scale
      const share = SHARE_OF_A.exec(text.slice(Math.max(p.start, start - 24), start));
      if (share && /^(?:thousand|million|billion)$/i.test(m[0])) {
        shareOf = share[2] ? 0.75 : share[3] ? 0.25 : 0.5;
        shareLength = share[1].length;
      }
    }
    // \b is an ASCII boundary: a hyphen or an accented letter next to the word makes it part of another word
    if (/[-\u00C0-\u024F]/.test(text[start - 1] ?? '') || /[\u00C0-\u024F]/.test(text[start + m[0].length] ?? '')) continue;
    const read = readNumberWords(text, start, p.end);
    if (!read) continue;
    WORD_START_RE.lastIndex = read.end - p.start;
    start -= shareLength;
    const before = text.slice(Math.max(p.start, start - 40), start);
    const cur: Cursor = { end: read.end, rest: text.slice(read.end, Math.min(p.end, read.end + 80)) };
    if (FRACTION_AFTER.test(cur.rest)) continue; // "two thirds of": a fraction, found by collectFractions
    // "Six Nations", "Lock, Stock and Two Smoking Barrels": a capitalised number word inside a sentence is a name
    if (/^[A-Z]/.test(m[0]) && !startsSentence(before, 0)) continue;
    const c = newCandidate(start, read.end, (read.value / read.scale) * shareOf, before, true);
    const first = start < p.start + m.index ? 'a' : m[0].toLowerCase();
    c.factor = read.scale;
    c.multiplied = read.scale >= 1000;
    const cw = readCurrencyAfter(cur.rest);
    if ((cw && cw.unit !== 'penny') || (cw && /^\s?pence/.test(cur.rest))) {
      c.unit = cw.unit;
      c.family = 'currency';
      advance(cur, cw.length);
    } else {
      const u = readUnitAfter(cur.rest);
      if (u && !u.glued && !(u.unit === 'metre' && u.length <= 2)) {
        c.unit = u.unit;
        c.family = u.family;
        advance(cur, u.length);
        if (u.hyphenated && u.family === 'duration' && /^-old\b/.test(cur.rest)) advance(cur, 4);
      }
    }
    if (/\bminus\s$/i.test(before)) {
      c.raw = -c.raw;
      c.start -= 'minus '.length;
    }
    c.value = c.raw * c.factor;
    if (c.unit === 'bit' && text[read.end] === '-') continue; // "two-bit" is an idiom
    if (isKindOfScore(c, cur.rest)) continue;
    // "one" is a pronoun or determiner ("one of the", "one day") unless it measures something
    if (first === 'one' && !c.multiplied && (!c.family || c.family === 'duration' || c.family === 'sport')) continue;
    cur.end = describeNoun(text, p, c, cur.end, cur.rest);
    if (first === 'a' && !c.multiplied && read.value !== 12 && !c.unit) continue; // "a hundred" alone
    // "five of the cars", "two of its top-selling drugs": a part of a group is a count ("one of the" is a pronoun)
    if (!c.unit && first !== 'one' && /^\s+of\s+(?:the|those|these|its|their|our|his|her|them|us)\b/.test(cur.rest)) {
      c.unit = 'count';
      c.family = 'noun';
    }
    // in speech an indefinite count is rhetoric ("two Muslim approaches"); "the two companies" counts real things
    if (c.family === 'noun' && inside(quoted, start) && !/\b(?:the|all|its|their|our)\s+$/i.test(before)) continue;
    c.end = cur.end;
    out.push(c);
  }
}

/** "3-point shooting", "a two-point conversion": the name of a kind of score, not a number of points. */
function isKindOfScore(c: Candidate, rest: string): boolean {
  return c.unit === 'points' && /^\s+(?:shots?|shooting|shooter|line|range|attempts?|plays?|conversions?|percentage|baskets?|field goals?)\b/.test(rest);
}

/** Whether a candidate is a figure: money, percentages, measures and counted nouns are; a bare number only when clearly a quantity. */
function accept(c: Candidate): boolean {
  if (c.rejected) return false;
  if (c.unit) return true;
  if (c.words) {
    if (c.multiplied || c.raw === 12 || (c.qualified && c.value >= 2)) {
      c.unit = 'count';
      return true;
    }
    return false;
  }
  // a bare number in running text is a count ("a ferry that carries 48", "In 191 of them"), except 0 and 1
  // (mostly "No 1", "one of"): the rules above have already dropped names, dates, times, scores and codes
  if ((c.qualified && Math.abs(c.value) >= 10) || c.multiplied || c.grouped || c.denominator !== null || Math.abs(c.value) >= 2) {
    c.unit = 'count';
    return true;
  }
  return false;
}

function toFigure(c: Candidate): Figure {
  return {
    start: c.start,
    end: c.end,
    value: c.value,
    valueMax: c.valueMax,
    unit: c.unit ?? 'count',
    qualifier: c.qualifier,
    subject: c.subject,
    denominator: c.denominator,
    confidence: c.words ? 0.7 : 0.85,
  };
}

/** Whether `at` falls inside one of the sorted, disjoint spans (binary search). */
function inside(spans: Span[], at: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end <= at) lo = mid + 1;
    else if (spans[mid].start > at) hi = mid - 1;
    else return true;
  }
  return false;
}

/** Figures sorted by start (longest first at a tie): a figure inside an earlier one is dropped. */
function dropOverlaps(figures: Figure[]): Figure[] {
  const out: Figure[] = [];
  let lastEnd = -1;
  for (const f of figures) {
    if (f.start < lastEnd) continue;
    out.push(f);
    lastEnd = f.end;
  }
  return out;
}
