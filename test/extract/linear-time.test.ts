// Extraction must take time linear in the text: hostile or odd input (a scraped page of quote marks, one endless
// sentence of cues) once made it quadratic or cubic (1 MB: over 120 s). Each generator is timed at 3 kB, 30 kB and
// 300 kB in CPU time; ten times the input may cost at most ~25 times the time (quadratic growth costs 100 times, and
// 300 kB is far enough above the noise for that to show), and 300 kB at most 1 CPU-second (the old 3 s per MB).
// Small sizes are repeated and the fastest batch kept, so a busy machine does not fail it.
import { extractClaims } from '../../src/extract/index.js';

type Generator = (size: number) => string;

/** `unit` repeated to exactly `size` characters. */
const repeat =
  (unit: string): Generator =>
  (size) =>
    unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const GENERATORS: [string, Generator][] = [
  ['runs of mixed quote marks', repeat('“”"‘’\'')],
  ['"a" repeated', repeat('"a" ')],
  ['"Hi," he said and … in one sentence', repeat('"Hi," he said and ')],
  ['a quote followed by text with no sentence end', (size) => `"It will work," ${repeat('and then the words run on ')(size - 16)}`],
  ['he said repeated', repeat('he said ')],
  ['honorifics with full stops, no sentence end', repeat('Mr. Alvarez told Ms. Okafor and Sen. ')],
  ['appositions and cues in one sentence', repeat('Dana Whitfield, chief economist at Harlow Capital, said "yes," and ')],
  ['unclosed quotes paragraph after paragraph', repeat('"It goes on and on\n\n')],
  ['ordinary paragraphs', repeat('"We will win," Mr. Reyes said on Tuesday. She told reporters: "Not yet." The group said it agreed.\n\n')],
  ['names without cues', repeat('Tom Reyes and Dana Whitfield of Harlow Capital met Ian Brook ')],
];

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU milliseconds of one extraction of `text`: the fastest of `batches` batches of `runs` runs each. */
function timeExtraction(text: string, runs: number, batches: number): number {
  let best = Infinity;
  for (let b = 0; b < batches; b++) {
    const t0 = cpuMs();
    for (let r = 0; r < runs; r++) extractClaims(text);
    best = Math.min(best, (cpuMs() - t0) / runs);
  }
  return best;
}

// below this a measurement is mostly timer and JIT noise: ratios are taken against at least this much
const FLOOR_MS = 3;

describe('extraction time grows linearly with the text', () => {
  test.each(GENERATORS)(
    '%s',
    (_name, generate) => {
      const small = generate(3_000);
      const medium = generate(30_000);
      const large = generate(300_000);
      expect([small.length, medium.length, large.length]).toEqual([3_000, 30_000, 300_000]);
      timeExtraction(small, 10, 1); // warm-up: compile the hot paths first
      const t3k = timeExtraction(small, 10, 5);
      const t30k = timeExtraction(medium, 3, 3);
      const t300k = timeExtraction(large, 1, 2);
      const timings = `3 kB ${t3k.toFixed(1)} ms, 30 kB ${t30k.toFixed(1)} ms, 300 kB ${t300k.toFixed(1)} ms`;
      expect({ timings, ratio: t30k / Math.max(t3k, FLOOR_MS) <= 25 }).toEqual({ timings, ratio: true });
      expect({ timings, ratio: t300k / Math.max(t30k, FLOOR_MS) <= 25 }).toEqual({ timings, ratio: true });
      expect({ timings, underOneSecond: t300k <= 1000 }).toEqual({ timings, underOneSecond: true });
      if (process.env.SHOW_TIMINGS) console.log(`${_name}: ${timings}`);
    },
    120_000,
  );
});
