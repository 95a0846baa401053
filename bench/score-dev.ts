// In-process copy of ../shared/tools/score-extraction.mjs (same matching), so a gold set scores in seconds rather than
// one CLI start-up per article. Usage: tsx bench/score-dev.ts --gold GOLD.json --articles DIR [--only a,b] [--skip a,b]
// VERBOSE=1 lists the misses. Quotes and speakers only (figures are another engineer's).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../src/ingest/parse-article.js';
import { extractClaims } from '../src/extract/index.js';

interface GoldQuote { prefix: string; nth: number; speakers: string[]; kind: 'full' | 'partial' | 'optional' }
interface GoldArticle { file: string; quotes: GoldQuote[]; not_quotes: string[] }

const argv = process.argv.slice(2);
const arg = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const goldPath = arg('gold');
const dir = arg('articles');
if (!goldPath || !dir) throw new Error('usage: score-dev.ts --gold GOLD.json --articles DIR');
const only = arg('only')?.split(',');
const skip = arg('skip')?.split(',');

const norm = (s: unknown): string =>
  String(s ?? '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.,:;!?-]+|[\s"'.,:;!?-]+$/g, '');
const TITLES = /^(sir|mr|mrs|ms|dr|lord|lady|dame|the|a|an|one)\s+/;
const normName = (s: unknown): string => {
  let n = norm(s).replace(/[^a-z0-9' -]/g, ' ').replace(/\s+/g, ' ').trim();
  while (TITLES.test(n)) n = n.replace(TITLES, '');
  return n;
};
const lastToken = (s: unknown): string => normName(s).split(' ').pop() ?? '';
const dropReflexive = (s: string): string => s.replace(/\s+(himself|herself|itself|themselves)\s*$/i, '');
function speakerMatches(pred: string | null, acceptable: string[]): boolean {
  const p = normName(pred);
  if (!p) return false;
  return acceptable.some((a) => {
    const parts = String(a ?? '').split(',').map(dropReflexive).filter((x) => normName(x));
    return parts.some((part, i) => {
      const g = normName(part);
      return p === g || (g.length > 3 && p.includes(g)) || (p.length > 3 && g.includes(p)) || (i === 0 && lastToken(part).length > 3 && lastToken(part) === lastToken(pred));
    });
  });
}

const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] };
const tot = { qPred: 0, qTP: 0, fullGold: 0, fullHit: 0, partGold: 0, partHit: 0, spkOK: 0, spkAll: 0, spkNull: 0, notQ: 0 };
for (const art of gold.articles) {
  if (only && !only.some((o) => art.file.includes(o))) continue;
  if (skip && skip.some((o) => art.file.includes(o))) continue;
  const bytes = readFileSync(join(dir, art.file));
  const parsed = parseArticle(new Uint8Array(bytes), art.file);
  if (!parsed.ok) throw new Error(`${art.file}: ${parsed.reason}`);
  const file = bytes.toString('utf8');
  const fm = file.match(/^---\r?\n[\s\S]*?\r?\n---\r?\n/);
  const raw = fm ? file.slice(fm[0].length) : file;
  const { claims } = extractClaims(parsed.article.text, parsed.article.paragraphs, parsed.article.sentences);
  const quotes = claims.filter((c) => c.kind === 'quote').map((c) => ({ c, n: norm(c.exact), used: false }));
  const a = { qPred: quotes.length, qTP: 0, fullGold: 0, fullHit: 0, partGold: 0, partHit: 0, spkOK: 0, spkAll: 0, spkNull: 0, notQ: 0 };
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
      if (!optional) misses.push(`  missed ${g.kind} quote: "${g.prefix}…"`);
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
      if (speakerMatches(hit.c.speaker, g.speakers)) a.spkOK++;
      else {
        if (!hit.c.speaker) a.spkNull++;
        misses.push(`  wrong speaker for "${g.prefix}…": got ${JSON.stringify(hit.c.speaker)} (${JSON.stringify(hit.c.speakerText)}, ${hit.c.confidence}), want ${JSON.stringify(g.speakers)}`);
      }
    }
  }
  for (const nq of art.not_quotes ?? []) {
    const key = norm(nq);
    if (quotes.some((q) => !q.used && q.n === key)) {
      a.notQ++;
      misses.push(`  reported a non-quote as a quote: "${nq}"`);
    }
  }
  for (const q of quotes.filter((q) => !q.used)) misses.push(`  extra quote: "${q.c.exact.slice(0, 70)}" (speaker ${JSON.stringify(q.c.speaker)})`);
  for (const k of Object.keys(tot) as (keyof typeof tot)[]) tot[k] += a[k];
  if (process.env.VERBOSE) {
    console.log(`${art.file}: quotes ${a.qTP}/${a.qPred}, full ${a.fullHit}/${a.fullGold}, partial ${a.partHit}/${a.partGold}, speakers ${a.spkOK}/${a.spkAll}`);
    misses.forEach((m) => console.log(m));
  }
}
const r = (x: number, y: number): number => (y ? x / y : 0);
const f1 = (p: number, q: number): number => (p + q ? (2 * p * q) / (p + q) : 0);
const qP = r(tot.qTP, tot.qPred);
const fullR = r(tot.fullHit, tot.fullGold);
console.log(
  `quoteF1=${f1(qP, fullR).toFixed(3)} P=${qP.toFixed(3)} fullR=${fullR.toFixed(3)} partialR=${r(tot.partHit, tot.partGold).toFixed(3)} (${tot.partHit}/${tot.partGold}) speakerAcc=${r(tot.spkOK, tot.spkAll).toFixed(3)} (${tot.spkOK}/${tot.spkAll}, null ${tot.spkNull}) notQ=${tot.notQ}`,
);
