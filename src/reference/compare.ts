/** A figure as stored: its value, unit and qualifier, and the characters it was read from. */
export interface ReportedFigure {
  value: number;
  unit: string | null;
  qualifier: string | null;
  /** the claim's exact text ("35.5 percent", "1,689 votes", "4 million"): how precisely it was written */
  exact: string;
}

export type MarkStatus = 'matches' | 'differs';

// Qualifiers that make a figure a bound or an estimate, and those that only add emphasis.
const LOWER = new Set(['more than', 'over', 'just over', 'in excess', 'upwards', 'above']);
const LOWER_INCLUSIVE = new Set(['at least', 'no fewer than']);
const UPPER = new Set(['almost', 'nearly', 'just under', 'under', 'less than', 'fewer than']);
const UPPER_INCLUSIVE = new Set(['up to', 'no more than', 'as many as', 'as much as']);
const APPROXIMATE = new Set(['about', 'around', 'approximately', 'roughly', 'some', 'close to', 'an estimated', 'estimated']);
const EMPHASIS = new Set(['just', 'only', 'barely', 'a total', 'a mere', 'exactly']);

/** Qualifiers under which the figure is not a level at all (a change, an average, an addition): never compared. */
export function isComparableQualifier(q: string | null): boolean {
  if (!q) return true;
  const l = q.toLowerCase();
  return LOWER.has(l) || LOWER_INCLUSIVE.has(l) || UPPER.has(l) || UPPER_INCLUSIVE.has(l) || APPROXIMATE.has(l) || EMPHASIS.has(l);
}

/** Whether the qualifier is shown in a label ("reported more than 500"); emphasis words are not. */
function isRangeQualifier(q: string | null): boolean {
  return !!q && isComparableQualifier(q) && !EMPHASIS.has(q.toLowerCase());
}

/**
 * How finely the figure was written: 35.5 → 0.1; 528 → 1; 9,000 (a count) → 1,000; 4 million → 1,000,000.
 * Counts ending in two or more zeros are taken as rounded to that place; percentages to their last digit.
 */
export function writtenStep(f: ReportedFigure): number {
  const numeral = /\d[\d,]*(?:\.\d+)?/.exec(f.exact)?.[0];
  if (!numeral) return 1;
  const written = Number(numeral.replace(/,/g, ''));
  const multiplier = written > 0 && f.value !== written ? f.value / written : 1;
  const decimals = numeral.includes('.') ? numeral.split('.')[1].length : 0;
  if (decimals > 0) return 10 ** -decimals * multiplier;
  const zeros = /0*$/.exec(numeral.replace(/,/g, ''))![0].length;
  const percent = f.unit === 'percent';
  return (percent || zeros < 2 ? 1 : 10 ** zeros) * multiplier;
}

const EPS = 1e-9;

/**
 * Does the official value bear out the figure as written? Equal after rounding as written ("35.5 percent"
 * vs 35.51), or inside the qualifier's range ("almost 4,000" vs 3,950; "more than 500" vs 528).
 */
export function compareFigure(f: ReportedFigure, official: number): MarkStatus {
  const v = f.value;
  const step = writtenStep(f);
  const q = f.qualifier?.toLowerCase() ?? null;
  // how far a bound may sit from the official value and still describe it: the rounding step, at least a tenth
  const slack = Math.max(step, Math.abs(v) * 0.1);
  let ok: boolean;
  if (q && LOWER.has(q)) ok = official > v && official <= v + slack + EPS;
  else if (q && LOWER_INCLUSIVE.has(q)) ok = official >= v - EPS && official <= v + slack + EPS;
  else if (q && UPPER.has(q)) ok = official < v && official >= v - slack - EPS;
  else if (q && UPPER_INCLUSIVE.has(q)) ok = official <= v + EPS && official >= v - slack - EPS;
  else if (q && APPROXIMATE.has(q)) ok = Math.abs(official - v) <= Math.max(step / 2, Math.abs(v) * 0.05) + EPS;
  else ok = Math.abs(official - v) <= step / 2 + EPS;
  return ok ? 'matches' : 'differs';
}

/** "13,303", "35.5%": counts with thousands separators, percentages to the reported precision (at least one decimal for official). */
function formatValue(value: number, unit: string, decimals?: number): string {
  if (unit === 'percent') {
    const d = decimals ?? 1;
    return `${value.toLocaleString('en-GB', { minimumFractionDigits: 0, maximumFractionDigits: d })}%`;
  }
  return value.toLocaleString('en-GB', { maximumFractionDigits: decimals ?? 2 });
}

function decimalsOf(exact: string): number {
  const numeral = /\d[\d,]*(?:\.(\d+))?/.exec(exact);
  return numeral?.[1]?.length ?? 0;
}

/**
 * The words shown beside a figure: "matches official: 528 (House of Commons Library)" or
 * "differs from official: reported 538, official 528".
 */
export function markLabel(status: MarkStatus, f: ReportedFigure, official: number, unit: string, source: string): string {
  const d = decimalsOf(f.exact);
  const officialText = formatValue(official, unit, unit === 'percent' ? Math.max(d, 1) : undefined);
  if (status === 'matches') return `matches official: ${officialText} (${source})`;
  const reported = formatValue(f.value, unit, unit === 'percent' ? d : undefined);
  const qualifier = isRangeQualifier(f.qualifier) ? `${f.qualifier} ` : '';
  return `differs from official: reported ${qualifier}${reported}, official ${officialText}`;
}
