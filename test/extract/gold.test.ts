// Scores the extractor against our own hand labels for the seeds the shared gold does not cover
// (test/fixtures/gold/seed-extra-gold.json), matching the way /work/shared/tools/score-extraction.mjs
// matches, so a rule change that loses quotes, speakers or figures fails here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { extractClaims } from '../../src/extract/index.js';

interface GoldQuote { prefix: string; nth: number; speakers: string[]; kind: 'full' | 'partial' | 'optional' }
interface GoldFigure { text: string; value: number; unit: string }
interface GoldArticle { file: string; quotes: GoldQuote[]; not_quotes: string[]; figures: GoldFigure[]; not_figures: string[] }

const gold = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/gold/seed-extra-gold.json'), 'utf8')) as { articles: GoldArticle[] };
const corpusDir = join(process.cwd(), 'corpus');
const corpusFiles = readdirSync(corpusDir);

const norm = (s: string | null | undefined): string =>
  String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.,:;!?-]+|[\s"'.,:;!?-]+$/g, '');
const TITLES = /^(sir|mr|mrs|ms|dr|lord|lady|dame|the|a|an|one)\s+/;
const normName = (s: string | null | undefined): string => {
  let n = norm(s).replace(/[^a-z0-9' -]/g, ' ').replace(/\s+/g, ' ').trim();
  while (TITLES.test(n)) n = n.replace(TITLES, '');
  return n;
};
const lastToken = (s: string | null | undefined): string => normName(s).split(' ').pop() ?? '';
function speakerMatches(pred: string | null, acceptable: string[]): boolean {
  const p = normName(pred);
  if (!p) return false;
  return acceptable.some((a) => {
    const g = normName(a);
    return p === g || p.includes(g) || g.includes(p) || (lastToken(a).length > 3 && lastToken(a) === lastToken(pred));
  });
}

/** The seed "000_bd9a….txt" lives in the corpus as "000-….md". */
function corpusFileFor(seed: string): string {
  const file = corpusFiles.find((f) => f.startsWith(`${seed.slice(0, 3)}-`) && f.endsWith('.md'));
  if (!file) throw new Error(`no corpus file for ${seed}`);
  return file;
}

interface Totals { qPred: number; qTP: number; fullGold: number; fullHit: number; spkOK: number; spkAll: number; notQ: number; fPred: number; fTP: number; fGold: number; notF: number }

function scoreArticle(art: GoldArticle): { totals: Totals; misses: string[] } {
  const file = corpusFileFor(art.file);
  const bytes = readFileSync(join(corpusDir, file));
  const parsed = parseArticle(new Uint8Array(bytes), file);
  if (!parsed.ok) throw new Error(`${file}: ${parsed.reason}`);
  const raw = bytes.toString('utf8').replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '');
  const { claims } = extractClaims(parsed.article.text, parsed.article.paragraphs, parsed.article.sentences);
  const quotes = claims.filter((c) => c.kind === 'quote').map((c) => ({ c, n: norm(c.exact), used: false }));
  const figures = claims.filter((c) => c.kind === 'figure').map((c) => ({ c, n: norm(c.exact), used: false }));
  const t: Totals = { qPred: quotes.length, qTP: 0, fullGold: 0, fullHit: 0, spkOK: 0, spkAll: 0, notQ: 0, fPred: figures.length, fTP: 0, fGold: art.figures.length, notF: 0 };
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
    if (g.kind === 'full') t.fullGold++;
    const hit = quotes.find((q) => !q.used && q.n.length <= maxLen && (q.n.includes(key) || (q.n.length >= 4 && key.startsWith(q.n))));
    if (!hit) {
      if (g.kind !== 'optional') misses.push(`${art.file}: missed ${g.kind} quote "${g.prefix}"`);
      continue;
    }
    hit.used = true;
    if (g.kind === 'optional') {
      t.qPred--;
      continue;
    }
    t.qTP++;
    if (g.kind === 'full') {
      t.fullHit++;
      if (g.speakers.length) {
        t.spkAll++;
        if (speakerMatches(hit.c.speaker, g.speakers)) t.spkOK++;
        else misses.push(`${art.file}: speaker of "${g.prefix}" is ${JSON.stringify(hit.c.speaker)}`);
      }
    }
  }
  for (const nq of art.not_quotes) if (quotes.some((q) => !q.used && q.n === norm(nq))) t.notQ++;
  for (const q of quotes.filter((x) => !x.used)) misses.push(`${art.file}: extra quote "${q.c.exact.slice(0, 60)}"`);
  for (const g of art.figures) {
    const key = norm(g.text);
    const numTok = (g.text.match(/\d[\d,.]*/) ?? [g.text.split(' ')[0]])[0].toLowerCase();
    const hit = figures.find((f) => !f.used && (f.n.includes(numTok) || key.includes(f.n) || f.n.includes(key)) && Math.abs((f.c.value ?? NaN) - g.value) < 1e-9);
    if (!hit) {
      misses.push(`${art.file}: missed figure "${g.text}"`);
      continue;
    }
    hit.used = true;
    t.fTP++;
  }
  for (const nf of art.not_figures) if (figures.some((f) => norm(nf).includes(f.n) || f.n.includes(norm(nf)))) t.notF++;
  for (const f of figures.filter((x) => !x.used)) misses.push(`${art.file}: extra figure "${f.c.exact}"`);
  return { totals: t, misses };
}

describe('extraction against the seed gold (test/fixtures/gold/seed-extra-gold.json)', () => {
  const sum: Totals = { qPred: 0, qTP: 0, fullGold: 0, fullHit: 0, spkOK: 0, spkAll: 0, notQ: 0, fPred: 0, fTP: 0, fGold: 0, notF: 0 };
  const misses: string[] = [];
  for (const art of gold.articles) {
    const r = scoreArticle(art);
    for (const k of Object.keys(sum) as (keyof Totals)[]) sum[k] += r.totals[k];
    misses.push(...r.misses);
  }
  const ratio = (a: number, b: number): number => (b ? a / b : 0);
  const f1 = (p: number, r: number): number => (p + r ? (2 * p * r) / (p + r) : 0);

  it('labels three seeds', () => {
    expect(gold.articles.map((a) => a.file.slice(0, 3))).toEqual(['000', '002', '003']);
    expect(sum.fullGold).toBeGreaterThanOrEqual(25);
    expect(sum.fGold).toBeGreaterThanOrEqual(40);
  });

  // Thresholds sit just under what the rules reach (all 1.000 at 0.3.0): one lost quote, speaker or figure fails;
  // the misses are printed in the failure message.
  it('finds the quotes without extras', () => {
    expect({ precision: ratio(sum.qTP, sum.qPred) >= 0.99, fullRecall: ratio(sum.fullHit, sum.fullGold) >= 0.97, misses }).toMatchObject({ precision: true, fullRecall: true });
    expect(sum.notQ).toBe(0);
  });

  it('attributes the full quotes', () => {
    expect({ speakerAccuracy: ratio(sum.spkOK, sum.spkAll) >= 0.97, misses }).toMatchObject({ speakerAccuracy: true });
  });

  it('finds the figures and no page furniture', () => {
    expect({ figureF1: f1(ratio(sum.fTP, sum.fPred), ratio(sum.fTP, sum.fGold)) >= 0.99, misses }).toMatchObject({ figureF1: true });
    expect(sum.notF).toBe(0);
  });
});
