// The figure rules must stay linear: adversarial texts at 3 kB, 30 kB and 300 kB; 10× the input may cost at
// most ~25× the time (quadratic growth costs 100×, plain at 300 kB), and 300 kB must extract in ≤ 1 s of CPU
// (the old budget of 3 s per MB).
import { extractFigures } from '../../src/extract/figures.js';
import { extractClaims } from '../../src/extract/index.js';
import { segmentParagraphs } from '../../src/ingest/segment.js';

/** Repeats `unit(i)` until the text is `size` characters long. */
function grow(size: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 1; length < size; i++) {
    const s = unit(i);
    parts.push(s);
    length += s.length;
  }
  return parts.join('').slice(0, size);
}

const WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twenty',
  'thirty-one',
  'hundred',
  'thousand',
  'million',
];
const GENERATORS: [string, (size: number) => string][] = [
  ['a digit run 1,2,3,…', (n) => grow(n, (i) => `${i % 1000},`)],
  ['1 to 2 to 3 to …', (n) => grow(n, (i) => `${i} to `)],
  ['number words one two three …', (n) => grow(n, (i) => `${WORDS[i % WORDS.length]} `)],
  ['$ $ $', (n) => grow(n, () => '$ ')],
  [
    'a paragraph with no sentence end full of numbers',
    (n) => grow(n, (i) => `rose ${i % 97}% to $${i}bn and ${i % 13} to ${i % 17} million people or 3 per cent by 2 and `),
  ],
  ['ranges and hyphens 10-15 mph 3-1 2010-19', (n) => grow(n, (i) => `${i}-${i + 5} mph ${i % 9}-${i % 7} 20${i % 90}-${i % 20} `)],
];

const FLOOR_MS = 3;

/** CPU milliseconds of one call: the fastest of at least 3 runs, more to fill ~40 ms (other processes only ever add time). */
function cpuMs(fn: () => void): number {
  const times: number[] = [];
  let total = 0;
  while (times.length < 3 || (total < 40 && times.length < 50)) {
    const t0 = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t0);
    const ms = (d.user + d.system) / 1000;
    times.push(ms);
    total += ms;
  }
  return Math.min(...times);
}

const figuresOf = (text: string) => () => void extractFigures(text, segmentParagraphs(text), []);

describe('figure extraction is linear in the text', () => {
  it.each(GENERATORS)('%s', (_name, make) => {
    const texts = [3_000, 30_000, 300_000].map(make);
    figuresOf(texts[0])(); // warm up the JIT
    figuresOf(texts[1])();
    const [t3k, t30k, t300k] = texts.map((t) => cpuMs(figuresOf(t)));
    const report = `3 kB ${t3k.toFixed(1)} ms, 30 kB ${t30k.toFixed(1)} ms, 300 kB ${t300k.toFixed(1)} ms`;
    // below FLOOR_MS a time is mostly timer and JIT noise: ratios are taken against at least that much
    const growth = (large: number, small: number) => large / Math.max(small, FLOOR_MS) <= 25;
    expect({ report, growth30k: growth(t30k, t3k), growth300k: growth(t300k, t30k) }).toEqual({ report, growth30k: true, growth300k: true });
    expect(t300k).toBeLessThan(1000);
  });

  it('a 300 kB paragraph full of numbers goes through the whole extractor in ≤ 1 s of CPU', () => {
    const text = GENERATORS[4][1](300_000);
    let figures = 0;
    const ms = cpuMs(() => {
      figures = extractClaims(text).claims.filter((c) => c.kind === 'figure').length;
    });
    expect(figures).toBeGreaterThan(3_000);
    expect(ms).toBeLessThan(1000);
  });
});
