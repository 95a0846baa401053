import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractClaims } from '../../src/extract/index.js';

const corpusDir = join(process.cwd(), 'corpus');

/** The body of a corpus file: front matter removed, paragraphs normalised like the ingest does. */
function bodyOf(file: string): string {
  const raw = readFileSync(join(corpusDir, file), 'utf8').replace(/\r\n?/g, '\n');
  const withoutFrontMatter = raw.replace(/^---\n[\s\S]*?\n---\n/, '');
  return withoutFrontMatter
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n\n');
}

const seeds = readdirSync(corpusDir).filter((f) => f.endsWith('.md') && f !== 'README.md');

describe('provenance on the seed articles', () => {
  it('has seed articles to check', () => {
    expect(seeds.length).toBeGreaterThanOrEqual(5);
  });

  it.each(seeds)('every claim in %s slices back to its exact text', (file) => {
    const text = bodyOf(file);
    const { claims, entities } = extractClaims(text);
    expect(claims.length).toBeGreaterThan(0);
    for (const c of claims) {
      expect(text.slice(c.start, c.end)).toBe(c.exact);
      expect(c.confidence).toBeGreaterThan(0);
      expect(c.confidence).toBeLessThanOrEqual(1);
    }
    for (const e of entities) for (const m of e.mentions) expect(e.aliases).toContain(text.slice(m.start, m.end));
  });

  it('is pure: the same text gives the same claims', () => {
    const text = bodyOf(seeds[0]);
    expect(extractClaims(text)).toEqual(extractClaims(text));
  });
});
