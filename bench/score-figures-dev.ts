// Scores the figure extractor on ../shared/data/figures-dev/figures-dev.jsonl (Recognizers-Text specs and
// quantulum3 tests; see that folder's README). Usage: npx tsx bench/score-figures-dev.ts [FILE] [--verbose]
//
// Normalisations (the dataset's conventions are not all ours):
// - A line is scored only against the kinds in its `scope`: a prediction counts on a `currency` line only
//   when its unit is a currency, on a `number` line only when it is a plain count, and so on (kindsOfUnit).
// - `ordinal` lines are reported per source but left out of the totals: ordinals are not figures in claimtrail.
// - Match: the predicted span overlaps the gold surface and the values are equal (relative 1e-9; the
//   dataset rounds to 12 significant digits); one prediction matches at most one gold quantity.
// - Unit right: as ../shared/tools/score-extraction.mjs, the predicted unit (lower-cased, spaces → _) starts
//   with the first 4 letters of the gold unit; the dataset's bare `dollar` is our `USD`. Gold without a unit
//   (plain numbers) is not counted in unit accuracy.
// - Held out: every 5th line (index % 5 === 4) is never used for tuning; its score is printed separately.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { isCurrencyUnit } from '../src/extract/figures/currencies.js';

export interface DevQuantity {
  surface: string;
  start: number;
  end: number;
  value: number;
  value_max?: number;
  unit: string | null;
  kind: string;
}

export interface DevLine {
  source: string;
  id: string;
  scope: string;
  text: string;
  quantities: DevQuantity[];
}

export interface PredictedFigure {
  start: number;
  end: number;
  value: number;
  valueMax?: number | null;
  unit: string | null;
}

export interface FiguresScore {
  gold: number;
  predicted: number;
  matched: number;
  unitGold: number;
  unitRight: number;
  precision: number;
  recall: number;
  f1: number;
  unitAccuracy: number;
}

export interface FiguresDevReport {
  overall: FiguresScore;
  bySource: Record<string, FiguresScore>;
  misses: string[];
}

const CURRENCY_NAMES = new Set([
  'cent',
  'penny',
  'pence',
  'sen',
  'franc',
  'rupee',
  'bitcoin',
  'satoshi',
  'peseta',
  'dime',
  'dollar',
  'finnish_markka',
  'netherlands_guilder',
]);
const TEMPERATURE = /^(degree_celsius|degree_fahrenheit|kelvin|degree)$/;
const AGE = /^(years?|months?|weeks?|days?)$/;
const DURATION = /^(years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century)$/;
const PLAIN = /^(count|people|votes|seats|points|goals|runs|wickets|times|fraction|dozen)$/;

const normUnit = (u: string | null): string => (u ?? '').toLowerCase().replace(/\s+/g, '_');

/** The dataset kinds one of our units can stand for. */
export function kindsOfUnit(unit: string | null): Set<string> {
  const u = normUnit(unit);
  if (!u || PLAIN.test(u)) return new Set(['number']);
  if (u === 'percent' || u === 'percentage_points') return new Set(['percent']);
  if ((unit && isCurrencyUnit(unit)) || CURRENCY_NAMES.has(u) || /^(dollar|[a-z]{3})_per_/.test(u)) return new Set(['currency']);
  if (TEMPERATURE.test(u)) return new Set(['temperature']);
  if (AGE.test(u)) return new Set(['age', 'duration']);
  if (DURATION.test(u)) return new Set(['duration']);
  return new Set(['dimension']);
}

function scopeKinds(scope: string): Set<string> | null {
  if (scope === 'all') return null;
  if (scope === 'number range') return new Set(['number']);
  return new Set([scope]);
}

function unitRight(pred: string | null, gold: string): boolean {
  const g = normUnit(gold === 'dollar' ? 'USD' : gold);
  return normUnit(pred).startsWith(g.slice(0, 4));
}

const sameValue = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

function emptyScore(): FiguresScore {
  return { gold: 0, predicted: 0, matched: 0, unitGold: 0, unitRight: 0, precision: 0, recall: 0, f1: 0, unitAccuracy: 0 };
}

function finish(s: FiguresScore): FiguresScore {
  s.precision = s.predicted ? s.matched / s.predicted : 0;
  s.recall = s.gold ? s.matched / s.gold : 0;
  s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  s.unitAccuracy = s.unitGold ? s.unitRight / s.unitGold : 0;
  return s;
}

function add(into: FiguresScore, from: FiguresScore): void {
  into.gold += from.gold;
  into.predicted += from.predicted;
  into.matched += from.matched;
  into.unitGold += from.unitGold;
  into.unitRight += from.unitRight;
}

/** Scores one line: its in-scope predictions against its quantities. */
export function scoreLine(line: DevLine, predicted: PredictedFigure[], misses?: string[]): FiguresScore {
  const kinds = scopeKinds(line.scope);
  const preds = predicted.filter((p) => !kinds || [...kindsOfUnit(p.unit)].some((k) => kinds.has(k)));
  const used = new Set<PredictedFigure>();
  const s = emptyScore();
  s.gold = line.quantities.length;
  s.predicted = preds.length;
  for (const g of line.quantities) {
    const hit = preds.find((p) => !used.has(p) && p.start < g.end && g.start < p.end && sameValue(p.value, g.value));
    if (!hit) {
      misses?.push(`${line.id} missed "${g.surface}" = ${g.value} ${g.unit ?? ''} in: ${line.text.trim().slice(0, 120)}`);
      continue;
    }
    used.add(hit);
    s.matched++;
    if (g.unit) {
      s.unitGold++;
      if (unitRight(hit.unit, g.unit)) s.unitRight++;
      else misses?.push(`${line.id} unit of "${g.surface}": got ${hit.unit}, want ${g.unit}`);
    }
  }
  for (const p of preds)
    if (!used.has(p)) misses?.push(`${line.id} extra "${line.text.slice(p.start, p.end)}" = ${p.value} ${p.unit ?? ''} in: ${line.text.trim().slice(0, 120)}`);
  return s;
}

/** Precision, recall, F1 and unit accuracy over the lines, overall and per source (ordinal lines: per source only). */
export function scoreFiguresDev(lines: DevLine[], extract: (text: string) => PredictedFigure[]): FiguresDevReport {
  const overall = emptyScore();
  const bySource: Record<string, FiguresScore> = {};
  const misses: string[] = [];
  for (const line of lines) {
    const s = scoreLine(line, extract(line.text), misses);
    bySource[line.source] ??= emptyScore();
    add(bySource[line.source], s);
    if (line.scope !== 'ordinal') add(overall, s);
  }
  for (const k of Object.keys(bySource)) finish(bySource[k]);
  return { overall: finish(overall), bySource, misses };
}

export function readDevLines(file: string): DevLine[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DevLine);
}

/** Every 5th line is held out from tuning. */
export function splitHeldOut(lines: DevLine[]): { tune: DevLine[]; heldOut: DevLine[] } {
  return { tune: lines.filter((_, i) => i % 5 !== 4), heldOut: lines.filter((_, i) => i % 5 === 4) };
}

function formatScore(name: string, s: FiguresScore): string {
  const f = (x: number) => x.toFixed(3);
  return `${name.padEnd(44)} P ${f(s.precision)}  R ${f(s.recall)}  F1 ${f(s.f1)}  unit ${f(s.unitAccuracy)}  (gold ${s.gold}, predicted ${s.predicted}, matched ${s.matched})`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--')) ?? '../shared/data/figures-dev/figures-dev.jsonl';
  const { extractClaims } = await import('../src/extract/index.js');
  const extract = (text: string): PredictedFigure[] =>
    extractClaims(text)
      .claims.filter((c) => c.kind === 'figure')
      .map((c) => ({ start: c.start, end: c.end, value: c.value ?? NaN, valueMax: c.valueMax ?? null, unit: c.unit }));
  const lines = readDevLines(file);
  const { tune, heldOut } = splitHeldOut(lines);
  const all = scoreFiguresDev(lines, extract);
  const held = scoreFiguresDev(heldOut, extract);
  const tuned = scoreFiguresDev(tune, extract);
  console.log(formatScore('figures-dev: all', all.overall));
  console.log(formatScore('figures-dev: tuning part (4/5)', tuned.overall));
  console.log(formatScore('figures-dev: held-out fifth', held.overall));
  for (const [source, s] of Object.entries(all.bySource)) console.log(formatScore(`  ${source}`, s));
  if (args.includes('--verbose')) for (const m of tuned.misses) console.log(m);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
