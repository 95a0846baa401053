// Scores extracted claims against hand-labelled gold in the format of ../shared/tools/score-extraction.mjs,
// matching exactly as that tool matches (a faithful port), so `npm run score` runs in one process instead of
// starting the CLI once per article. Pure: takes the article body and the claim rows, returns counts.

export interface GoldQuote {
  prefix: string;
  nth: number;
  speakers: string[];
  kind: 'full' | 'partial' | 'optional';
}
export interface GoldFigure {
  text: string;
  value: number;
  unit: string;
  value_max?: number;
}
export interface GoldArticle {
  file: string;
  quotes: GoldQuote[];
  not_quotes: string[];
  figures: GoldFigure[];
  not_figures: string[];
}
export interface GoldSet {
  about?: string;
  articles: GoldArticle[];
}

/** One claim as `claimtrail extract --format jsonl` prints it (the fields the scorer reads). */
export interface ClaimRow {
  kind: string;
  text: string;
  speaker?: string | null;
  value?: number | string | null;
  unit?: string | null;
}

export interface Totals {
  spkGold: number;
  qPred: number;
  qTP: number;
  fullGold: number;
  fullHit: number;
  partGold: number;
  partHit: number;
  spkOK: number;
  spkAll: number;
  notQ: number;
  fPred: number;
  fTP: number;
  fGold: number;
  fUnitOK: number;
  notF: number;
}

export const emptyTotals = (): Totals => ({
  spkGold: 0,
  qPred: 0,
  qTP: 0,
  fullGold: 0,
  fullHit: 0,
  partGold: 0,
  partHit: 0,
  spkOK: 0,
  spkAll: 0,
  notQ: 0,
  fPred: 0,
  fTP: 0,
  fGold: 0,
  fUnitOK: 0,
  notF: 0,
});

export function addTotals(into: Totals, more: Totals): Totals {
  for (const k of Object.keys(into) as (keyof Totals)[]) into[k] += more[k];
  return into;
}

export const norm = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.,:;!?-]+|[\s"'.,:;!?-]+$/g, '');

const TITLES = /^(sir|mr|mrs|ms|dr|lord|lady|dame|the|a|an|one)\s+/;
function normName(s: unknown): string {
  let n = norm(s)
    .replace(/[^a-z0-9' -]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  while (TITLES.test(n)) n = n.replace(TITLES, '');
  return n;
}
const lastToken = (s: unknown): string => normName(s).split(' ').pop() ?? '';
const dropReflexive = (s: string): string => s.replace(/\s+(himself|herself|itself|themselves)\s*$/i, '');

/** A gold name may carry an apposition ("Flynn, the president of Common Cause"): each comma part counts. */
export function speakerMatches(pred: string | null | undefined, acceptable: string[]): boolean {
  const p = normName(pred);
  if (!p) return false;
  return acceptable.some((a) => {
    const parts = String(a ?? '')
      .split(',')
      .map(dropReflexive)
      .filter((x) => normName(x));
    return parts.some((part, i) => {
      const g = normName(part);
      return (
        p === g ||
        (g.length > 3 && p.includes(g)) ||
        (p.length > 3 && g.includes(p)) ||
        (i === 0 && lastToken(part).length > 3 && lastToken(part) === lastToken(pred))
      );
    });
  });
}

function parseValue(v: unknown): number {
  if (typeof v === 'number') return v;
  const n = Number(String(v ?? '').replace(/[,£$€%\s]/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** The body as the gold counts occurrences: the file without its front matter. */
export function goldBody(file: string): string {
  const fm = file.match(/^---\r?\n[\s\S]*?\r?\n---\r?\n/);
  return fm ? file.slice(fm[0].length) : file;
}

/** Scores one article: `raw` is its file text without front matter, `rows` the extractor's claims. */
export function scoreArticle(art: GoldArticle, raw: string, rows: ClaimRow[]): { totals: Totals; misses: string[] } {
  const quotes = rows.filter((r) => r.kind === 'quote').map((r) => ({ r, n: norm(r.text), used: false }));
  const figures = rows.filter((r) => r.kind === 'figure').map((r) => ({ r, n: norm(r.text), used: false }));
  const a = emptyTotals();
  a.spkGold = art.quotes.filter((g) => g.kind === 'full' && g.speakers.length).length;
  a.qPred = quotes.length;
  a.fPred = figures.length;
  a.fGold = art.figures.length;
  const misses: string[] = [];
  const spanOf = (g: GoldQuote): string => {
    let at = -1;
    for (let i = 0; i <= g.nth; i++) at = raw.indexOf(g.prefix, at + 1);
    if (at < 0) return g.prefix;
    const rest = raw.slice(at);
    const end = rest.search(/[”"]|\n\s*\n/);
    return end < 0 ? rest : rest.slice(0, end);
  };
  for (const g of art.quotes) {
    const key = norm(g.prefix);
    const maxLen = norm(spanOf(g)).length * 1.3 + 15;
    const isFull = g.kind === 'full';
    const optional = g.kind === 'optional';
    if (isFull) a.fullGold++;
    else if (!optional) a.partGold++;
    const hit = quotes.find((q) => !q.used && q.n.length <= maxLen && (q.n.startsWith(key) || q.n.includes(key) || (q.n.length >= 4 && key.startsWith(q.n))));
    if (!hit) {
      if (!optional) misses.push(`missed ${g.kind} quote: "${g.prefix}…"`);
      continue;
    }
    hit.used = true;
    if (optional) {
      a.qPred--;
      continue;
    }
    a.qTP++;
    if (isFull) a.fullHit++;
    else a.partHit++;
    if (isFull && g.speakers.length) {
      a.spkAll++;
      if (speakerMatches(hit.r.speaker, g.speakers)) a.spkOK++;
      else misses.push(`wrong speaker for "${g.prefix}…": got ${JSON.stringify(hit.r.speaker ?? null)}, want one of ${JSON.stringify(g.speakers)}`);
    }
  }
  for (const nq of art.not_quotes) {
    const key = norm(nq);
    if (quotes.some((q) => !q.used && q.n === key)) {
      a.notQ++;
      misses.push(`reported a non-quote as a quote: "${nq}"`);
    }
  }
  for (const q of quotes.filter((q) => !q.used)) misses.push(`extra quote: "${q.r.text.slice(0, 70)}" (speaker ${JSON.stringify(q.r.speaker ?? null)})`);
  for (const g of art.figures) {
    const key = norm(g.text);
    const numTok = (g.text.match(/\d[\d,.]*/) || [g.text.split(' ')[0]])[0].toLowerCase();
    const hit = figures.find(
      (f) => !f.used && (f.n.includes(numTok) || key.includes(f.n) || f.n.includes(key)) && Math.abs(parseValue(f.r.value) - g.value) < 1e-9,
    );
    if (!hit) {
      misses.push(`missed figure: "${g.text}" = ${g.value} ${g.unit}`);
      continue;
    }
    hit.used = true;
    a.fTP++;
    if (norm(hit.r.unit).replace(/\s+/g, '_').startsWith(g.unit.toLowerCase().slice(0, 4))) a.fUnitOK++;
    else misses.push(`wrong unit for figure "${g.text}": got ${JSON.stringify(hit.r.unit ?? null)}, want ${g.unit}`);
  }
  for (const nf of art.not_figures) {
    const key = norm(nf);
    if (figures.some((f) => key.includes(f.n) || f.n.includes(key))) {
      a.notF++;
      misses.push(`reported a non-figure as a figure: "${nf}"`);
    }
  }
  for (const f of figures.filter((f) => !f.used)) misses.push(`extra figure: "${f.r.text}" = ${f.r.value} ${f.r.unit ?? ''}`);
  return { totals: a, misses };
}

export interface Summary {
  quotePrecision: number;
  fullRecall: number;
  quoteF1: number;
  partialRecall: number;
  speakerAccuracy: number;
  attributedRecall: number;
  figurePrecision: number;
  figureRecall: number;
  figureF1: number;
  unitAccuracy: number;
}

const ratio = (x: number, y: number): number => (y ? x / y : 0);
const f1 = (p: number, r: number): number => (p + r ? (2 * p * r) / (p + r) : 0);

/** The scorer's closing figures, computed as it computes them. */
export function summarise(t: Totals): Summary {
  const quotePrecision = ratio(t.qTP, t.qPred);
  const fullRecall = ratio(t.fullHit, t.fullGold);
  const figurePrecision = ratio(t.fTP, t.fPred);
  const figureRecall = ratio(t.fTP, t.fGold);
  return {
    quotePrecision,
    fullRecall,
    quoteF1: f1(quotePrecision, fullRecall),
    partialRecall: ratio(t.partHit, t.partGold),
    speakerAccuracy: ratio(t.spkOK, t.spkAll),
    attributedRecall: ratio(t.spkOK, t.spkGold),
    figurePrecision,
    figureRecall,
    figureF1: f1(figurePrecision, figureRecall),
    unitAccuracy: ratio(t.fUnitOK, t.fTP),
  };
}
