import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticle } from '../../src/ingest/parse-article.js';
import { CORPUS_DIR } from '../helpers/db.js';

const parseCorpus = (name: string) => {
  const r = parseArticle(readFileSync(join(CORPUS_DIR, name)), name);
  if (!r.ok) throw new Error(r.reason);
  return r.article;
};

describe('page furniture removal on the seed corpus', () => {
  it('removes the JC paywall prompts (including one split over two lines) and the share prompt', () => {
    const a = parseCorpus('000-jc-tmv-founders.md');
    const removed = a.removed.map((r) => `${r.kind}: ${r.text}`);
    expect(removed).toEqual(
      expect.arrayContaining([
        'share-prompt: Share via',
        'paywall: Want more from the JC?',
        'paywall: To continue reading, we just need a few details...',
        'paywall: Want more from',
        'paywall: the JC?',
        'paywall: To continue reading, we just',
        'paywall: need a few details...',
      ]),
    );
    expect(a.text).not.toMatch(/Want more from|To continue reading|Share via|Get the best news/);
    expect(a.text).toContain('TMV, Yakoob, Qayum and Haddad were approached for comment.');
    expect(a.removed.find((r) => r.kind === 'caption')?.text).toMatch(/\(Photo by Ian Forsyth\/Getty Images\)$/);
  });

  it('removes the fake author block, newsletter sign-up, related links and the scraper-repeated paragraph of 003', () => {
    const a = parseCorpus('003-mee-perry-barr.md');
    expect(a.text).not.toMatch(/Trent Wehner|Views: 5912|Phone:|Birthday|Top Articles|Latest Posts|Read More|Stay informed|Sign up to get/);
    expect(a.text).not.toContain('UK election 2024: Pro-Palestine independent beats');
    const spectacular = a.text.split('\n\n').filter((p) => p.startsWith('Although it was a spectacular night'));
    expect(spectacular).toHaveLength(1);
    expect(spectacular[0]).toMatch(/in a sign of anger towards Keir Starmer/);
    expect(a.removed.filter((r) => r.kind === 'repeated-paragraph')).toHaveLength(1);
    expect(a.text).toContain('Mahmood has never acknowledged that the Trojan Horse plot was a hoax.');
  });

  it('removes the badge and embedded tweets of 004 but keeps the article', () => {
    const a = parseCorpus('004-buzzfeed-crowdfunding.md');
    expect(a.text).not.toMatch(/t\.co\/|election2017 badge/);
    expect(a.removed.filter((r) => r.kind === 'embedded-post')).toHaveLength(3);
    expect(a.text).toContain('"This is the beginning. We want to make this a regular feature."');
  });

  it('records where each removed piece sat in the stored text', () => {
    const a = parseCorpus('003-mee-perry-barr.md');
    for (const r of a.removed) {
      expect(r.at).toBeGreaterThanOrEqual(0);
      expect(r.at).toBeLessThanOrEqual(a.text.length);
      expect(r.at === 0 || a.text[r.at - 1] !== ' ').toBe(true);
    }
  });

  it('keeps every character of kept paragraphs (no quote rewriting)', () => {
    for (const name of [
      '000-jc-tmv-founders.md',
      '001-lmn-urgent-action.md',
      '002-tmv-election-alliance.md',
      '003-mee-perry-barr.md',
      '004-buzzfeed-crowdfunding.md',
    ]) {
      const raw = readFileSync(join(CORPUS_DIR, name), 'utf8');
      const a = parseCorpus(name);
      for (const p of a.text.split('\n\n')) expect(raw).toContain(p);
    }
  });
});

describe('furniture rules leave prose alone', () => {
  it('keeps a paragraph that the next one extends with a new sentence (only a cut copy is removed)', () => {
    const first = 'The council approved the new parking charges on Tuesday after a long debate.';
    const second = `${first} Residents will pay £48 a year from April.`;
    const r = parseArticle(Buffer.from(`Headline\n\n${first}\n\n${second}\n`), 'a.txt');
    expect(r.ok && r.article.text).toBe(`${first}\n\n${second}`);
    const cut = parseArticle(Buffer.from(`Headline\n\n${first}\n\n${first.slice(0, -1)} in a vote of 7 to 4.\n`), 'a.txt');
    expect(cut.ok && cut.article.removed.map((x) => x.kind)).toEqual(['repeated-headline', 'repeated-paragraph']);
  });

  it('keeps one short "Label: value" line of content; a run of profile lines is furniture', () => {
    const body = 'The dealer listed the car online last week.\n\nTotal price: $48,900 …\n\nIt sold within a day, the dealer said.';
    const r = parseArticle(Buffer.from(`Headline\n\n${body}\n`), 'a.txt');
    expect(r.ok && r.article.text).toBe(body);
    const profile = `${body}\n\nAuthor: Trent Wehner\n\nViews: 5912\n\nPhone: +18698800304764\n\nEmail: t@example.com`;
    const p = parseArticle(Buffer.from(`Headline\n\n${profile}\n`), 'a.txt');
    expect(p.ok && p.article.text).toBe(body);
  });

  it('keeps a short paragraph that starts like a prompt but quotes someone', () => {
    const r = parseArticle(Buffer.from('Headline\n\n"Sign up to vote before Friday," the council said.\n\nSign up to get our newsletter\n'), 'a.txt');
    expect(r.ok && r.article.text).toBe('"Sign up to vote before Friday," the council said.');
    expect(r.ok && r.article.removed.map((x) => x.kind)).toEqual(['repeated-headline', 'newsletter']);
  });
});
