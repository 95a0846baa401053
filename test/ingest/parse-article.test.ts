import { parseArticle } from '../../src/ingest/parse-article.js';

const enc = (s: string) => Buffer.from(s, 'utf8');

describe('parseArticle', () => {
  it('takes the first line of a .txt as its title and keeps the body by paragraphs', () => {
    const r = parseArticle(enc('Headline here\n\nFirst para.\nSecond “para”.\r\n\r\n\r\nThird.'), 'a.txt');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article.meta.title).toBe('Headline here');
    expect(r.article.text).toBe('First para.\n\nSecond “para”.\n\nThird.');
    expect(r.article.paragraphs.map((p) => r.article.text.slice(p.start, p.end))).toEqual(['First para.', 'Second “para”.', 'Third.']);
    expect(r.article.removed).toEqual([{ kind: 'repeated-headline', text: 'Headline here', at: 0 }]);
  });

  it('gives the same content hash to the same text with different line endings, and keeps the raw hash apart', () => {
    const a = parseArticle(enc('T\n\nBody one.\n\nBody two.'), 'a.txt');
    const b = parseArticle(enc('T\r\n\r\nBody one.\r\n\r\nBody two.\r\n'), 'b.txt');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.article.contentSha256).toBe(b.article.contentSha256);
    expect(a.article.rawSha256).not.toBe(b.article.rawSha256);
  });

  it('reads an HTML page with Readability: title, byline, site name, date, and no script text', () => {
    const html = `<!doctype html><html lang="en"><head><title>Page title</title>
      <meta property="og:site_name" content="Example Times"><meta property="article:published_time" content="2024-07-05T10:00:00Z">
      <meta name="author" content="Jane Reporter"><link rel="canonical" href="https://example.org/story"></head>
      <body><nav>Home | News</nav><article><h1>Big story</h1>
      <p>The minister said: “We will act.” <script>alert(1)</script> More than 38,000 people have been killed, officials said today in a statement to the press.</p>
      <p>Second paragraph with enough words to count as the readable article body for Readability's threshold of characters.</p>
      <img src=x onerror="alert(2)"></article></body></html>`;
    const r = parseArticle(enc(html), 'story.html');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article.meta).toMatchObject({
      outlet: 'Example Times',
      author: 'Jane Reporter',
      url: 'https://example.org/story',
      publishedAt: '2024-07-05T10:00:00Z',
      language: 'en',
    });
    expect(r.article.text).toContain('The minister said: “We will act.”');
    expect(r.article.text).not.toMatch(/alert|onerror|<script/);
  });

  it.each([
    ['an unambiguous date in another form, read to ISO', 'Thu, 04 Jul 2024 10:00:00 GMT', '2024-07-04', []],
    [
      'a date that may be day-first or month-first, left out with a warning',
      '12/05/2024',
      null,
      ['the page\'s publication date "12/05/2024" is not an unambiguous date: left out'],
    ],
  ])('reads a page date: %s', (_name, content, publishedAt, warnings) => {
    const html = `<!doctype html><html><head><title>T</title><meta name="date" content="${content}"></head><body><article>
      <p>The minister said the plan would cost more than £4,000 for every household in the borough, officials said today.</p>
      <p>Second paragraph with enough words to count as the readable article body for Readability's threshold of characters.</p></article></body></html>`;
    const r = parseArticle(enc(html), 'dated.html');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article.meta.publishedAt).toBe(publishedAt);
    expect(r.article.warnings).toEqual(warnings);
  });

  it('lets metadata given with the file win over what the file says', () => {
    const r = parseArticle(enc('Title line\n\nBody.'), 'x.txt', { meta: { outlet: 'Given Outlet', title: 'Given title' } });
    expect(r.ok && r.article.meta).toMatchObject({ outlet: 'Given Outlet', title: 'Given title' });
  });

  it.each([
    ['x.pdf', enc('%PDF-1.4'), /unsupported file type "\.pdf"/],
    ['x.html', enc('just words, no tags'), /not HTML/],
    ['x.txt', enc('Share via\n\nRead More »'), /no article text left/],
  ])('rejects %s with a reason', (name, bytes, reason) => {
    const r = parseArticle(bytes, name);
    expect(!r.ok && r.reason).toMatch(reason);
  });
});

describe('the first line of a .txt', () => {
  it('is not taken as the headline when it reads as body text, and stays in the body', () => {
    const line = 'Labour leader Keir Starmer has been encouraged to take “urgent action” after a senior official spoke.';
    const r = parseArticle(Buffer.from(`${line}\nSecond paragraph.\n`), 'a.txt');
    expect(r.ok && r.article.meta.title).toBeNull();
    expect(r.ok && r.article.text).toBe(`${line}\n\nSecond paragraph.`);
  });
});
