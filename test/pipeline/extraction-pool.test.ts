import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createExtractionPool, type ExtractionPool, formatBudget, workerFile } from '../../src/pipeline/extraction-pool.js';
import { tempDir } from '../helpers/db.js';
import { slowDocument } from '../reliability/web-slow-document.js';

const ARTICLE =
  'Council approves cycle lanes\n\n“This will save lives,” said Maria Lopez, chair of the Cycling Alliance.\n\nThe scheme will cost £2.4 million.';
const BUDGET_MS = 1000;

let pool: ExtractionPool;
let slowText: string;
beforeAll(() => {
  pool = createExtractionPool({ threads: 2, budgetMs: BUDGET_MS });
  slowText = slowDocument(BUDGET_MS * 2.5).text;
}, 120_000); // measuring the slow document on a busy machine
afterAll(() => pool.close());

describe('the extraction pool', () => {
  it('parses and extracts a document in a worker, from text or from a file it reads itself', async () => {
    const fromText = await pool.run({ name: 'a.txt', text: ARTICLE, maxBytes: 1e6 });
    if (!fromText.ok) throw new Error(fromText.reason);
    expect(fromText.article!.meta.title).toBe('Council approves cycle lanes');
    const quote = fromText.extraction.claims.find((c) => c.kind === 'quote')!;
    expect(quote).toMatchObject({ exact: 'This will save lives', speaker: 'Maria Lopez' });
    expect(fromText.article!.text.slice(quote.start, quote.end)).toBe(quote.exact);

    const path = join(tempDir(), 'b.txt');
    writeFileSync(path, ARTICLE);
    const fromFile = await pool.run({ name: 'b.txt', path, maxBytes: 1e6 });
    expect(fromFile.ok && fromFile.article!.contentSha256).toBe(fromText.ok && fromText.article!.contentSha256);
  });

  it('says why a document cannot be ingested (the reason from the parser, no stack)', async () => {
    expect(await pool.run({ name: 'x.pdf', text: 'x', maxBytes: 1e6 })).toEqual({ ok: false, reason: expect.stringMatching(/unsupported file type "\.pdf"/) });
    expect(await pool.run({ name: 'big.txt', text: 'x'.repeat(200), maxBytes: 100 })).toEqual({ ok: false, reason: expect.stringMatching(/file too large/) });
    const missing = await pool.run({ name: 'gone.txt', path: join(tempDir(), 'gone.txt'), maxBytes: 1e6 });
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toMatch(/^cannot read: ENOENT/);
    expect(!missing.ok && missing.reason).not.toMatch(/\n\s+at /);
  });

  it('stops a document over its budget, names the budget, replaces the worker, and others do not wait for it', async () => {
    const t0 = performance.now();
    const slow = pool.run({ name: 'slow.txt', text: slowText, maxBytes: 64 * 1024 * 1024 });
    // the other worker keeps answering while the slow one runs
    const fast = await pool.run({ name: 'fast.txt', text: ARTICLE, maxBytes: 1e6 });
    expect(fast.ok).toBe(true);
    const fastDone = performance.now() - t0;
    const outcome = await slow;
    const slowDone = performance.now() - t0;
    expect(outcome).toEqual({ ok: false, timedOut: true, reason: 'took longer than 1 s to extract; it was stopped and not stored' });
    expect(fastDone).toBeLessThan(slowDone);
    const after = await pool.run({ name: 'after.txt', text: ARTICLE, maxBytes: 1e6 });
    expect(after.ok).toBe(true);
  });

  it('starts a queued document’s budget only when a worker takes it', async () => {
    const one = createExtractionPool({ threads: 1, budgetMs: 1000 });
    try {
      const slow = one.run({ name: 'slow.txt', text: slowText, maxBytes: 64 * 1024 * 1024 });
      const queued = one.run({ name: 'queued.txt', text: ARTICLE, maxBytes: 1e6 });
      expect((await slow).ok).toBe(false);
      expect((await queued).ok).toBe(true);
    } finally {
      await one.close();
    }
  });
});

describe('pool settings', () => {
  it('formats the budget as a person reads it', () => {
    expect(formatBudget(5000)).toBe('5 s');
    expect(formatBudget(1500)).toBe('1.5 s');
    expect(formatBudget(800)).toBe('800 ms');
  });

  it('loads the TypeScript worker through the .mjs bootstrap when there is no compiled .js', () => {
    expect(workerFile()).toMatch(/\/src\/pipeline\/extract-worker-bootstrap\.mjs$/);
  });
});
