// Ranges ("$20 to $30 billion", "10-15 mph", "between 700,000 and one million", "two or three megapixel") and
// units carried from a neighbour ("rose 3 percent but fell by 2", "from 5 to 7%").
import type { Candidate } from './extract-figures.js';

/** A measure written in two units, larger then smaller: how many of the smaller one the larger holds. */
const COMPOUNDS: Record<string, number> = {
  'foot inch': 12,
  'hours minutes': 60,
  'minutes seconds': 60,
  'years months': 12,
  'weeks days': 7,
  'days hours': 24,
  'stone pound': 14,
  'pound ounce': 16,
  'metre centimetre': 100,
};
const GAP_RE = /^-?[ \u00A0]*(to|and|or|-|–|—)[ \u00A0]*$/i;
// "to" after a change gives a level ("climbed 2.7% to 717,000"), so it carries money only
const CARRY_BEFORE = /\b(?:by|and|or|than|from)\s+$/;
const CARRY_MONEY_BEFORE = /\b(?:to|at)\s+$/;

/**
 * Joins each number with the next when they form a range: value is the lower bound, valueMax the upper; a
 * multiplier written once is shared ("six to seven thousand") when the first number is the smaller as written.
 * "from A to B" is a change, two figures. Two bare numbers joined by a hyphen are a score or a code, not figures.
 */
export function mergeRanges(text: string, cands: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 0; i < cands.length; i++) {
    const a = cands[i];
    const b = cands[i + 1];
    // a list after a name or year goes on naming: "Windows 95, 98 and 2000", "in 2019, 2020 and 2021"
    if (b && a.rejected && !b.unit && b.start >= a.end && /^,?\s*(?:(?:and|or)\s+)?$/.test(text.slice(a.end, b.start))) b.rejected = true;
    if (!b || b.start < a.end || b.start - a.end > 12) {
      out.push(carryUnit(text, a, out[out.length - 1]));
      continue;
    }
    if (
      a.family === 'currency' &&
      (b.unit === 'cent' || b.unit === 'penny') &&
      a.unit !== b.unit &&
      a.valueMax === null &&
      b.value < 100 &&
      /^\s*(?:and\s+)?$/.test(text.slice(a.end, b.start))
    ) {
      // "3 dollars 50 cents", "£4 and 20p": one amount in the larger unit
      a.value += b.value / 100;
      a.end = b.end;
      out.push(a);
      i++;
      continue;
    }
    const compound = a.unit && b.unit ? COMPOUNDS[`${a.unit} ${b.unit}`] : undefined;
    if (compound && !a.rejected && !b.rejected && a.valueMax === null && /^,?\s*(?:and\s+)?$/.test(text.slice(a.end, b.start))) {
      // "6ft 4in" → 76 inches, "two hours 45 minutes" → 165 minutes: one measure in the smaller unit
      a.value = a.value * compound + b.value;
      a.raw = a.value;
      a.factor = 1;
      a.unit = b.unit;
      a.end = b.end;
      out.push(a);
      i++;
      continue;
    }
    const gap = GAP_RE.exec(text.slice(a.end, b.start));
    if (!gap) {
      out.push(carryUnit(text, a, out[out.length - 1]));
      continue;
    }
    const joiner = gap[1].toLowerCase();
    const hyphen = joiner !== 'to' && joiner !== 'and' && joiner !== 'or';
    if (hyphen && (a.rejected || (!a.unit && !b.unit && !a.multiplied && !b.multiplied))) {
      // "2010-19", "won 3-1": a year range or a score
      a.rejected = true;
      b.rejected = true;
      out.push(a);
      continue;
    }
    if (b.rejected && !a.unit && !a.rejected && joiner !== 'or') {
      // "from 6 to 9 January": the first number of a date range is a date too
      a.rejected = true;
      out.push(a);
      continue;
    }
    // "from A to B" is a change; "by 400m euros to 2.5bn euros" is a change and the level it reached
    const from = /\b(?:from|by)\s+$/i.test(a.before);
    const between = /\bbetween\s+$/i.test(a.before);
    if (a.rejected || b.rejected || (joiner === 'and' && !between) || (a.unit && b.unit && a.unit !== b.unit) || a.valueMax !== null) {
      out.push(carryUnit(text, a, out[out.length - 1]));
      continue;
    }
    const factor = !a.multiplied && b.multiplied && Math.abs(a.raw) <= Math.abs(b.raw) ? b.factor : a.factor;
    const low = a.raw * factor;
    if (from || low > b.value) {
      // a change "from 5 to 7 per cent" or a fall "20% to 10%": two figures, the unit written once
      if (!a.unit && b.unit && (b.family === 'percent' || b.family === 'currency')) {
        a.unit = b.unit;
        a.family = b.family;
      }
      out.push(a);
      continue;
    }
    a.factor = factor;
    a.value = low;
    a.valueMax = b.value;
    a.end = b.end;
    a.unit ??= b.unit;
    a.family ??= b.family;
    a.subject = b.subject ?? a.subject;
    a.multiplied ||= b.multiplied;
    a.grouped ||= b.grouped;
    a.qualified ||= b.qualified;
    a.words &&= b.words;
    out.push(a);
    i++;
  }
  return out;
}

/** A bare number after "by", "to", "than"… in the sentence of a percentage or an amount takes its unit. */
function carryUnit(text: string, c: Candidate, prev: Candidate | undefined): Candidate {
  if (c.unit || c.rejected || c.words || !prev?.unit || (prev.family !== 'percent' && prev.family !== 'currency')) return c;
  if (c.start - prev.end > 80) return c;
  if (!CARRY_BEFORE.test(c.before) && !(prev.family === 'currency' && CARRY_MONEY_BEFORE.test(c.before))) return c;
  if (/[.!?;]\s/.test(text.slice(prev.end, c.start))) return c;
  c.unit = prev.unit;
  c.family = prev.family;
  return c;
}
