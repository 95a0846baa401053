import { countElements, htmlToArticle, MAX_HTML_NESTING_WORK } from '../../src/ingest/html-to-text.js';
import { parseArticle } from '../../src/ingest/parse-article.js';

describe('HTML limits before Readability', () => {
  it('counts start tags, not "<" inside comments, scripts, styles and textareas', () => {
    expect(countElements('<html><!-- <a><b> --><script>if (a<b) x = "<div>"</script><p>x<b>y</b></p><STYLE>a<b{}</style><textarea><i></textarea></html>')).toBe(
      6,
    );
    expect(countElements('<!doctype html><p>a < b</p>')).toBe(1);
    expect(countElements('<script>never closed <div><div>')).toBe(1);
  });

  it('stops counting past the limit it is given (a huge page costs no more than the limit)', () => {
    expect(countElements('<i>'.repeat(1_000_000), 50)).toBe(51);
  });

  it('refuses many elements nested deep (the sum of depths) but reads an ordinary page', () => {
    const para = `<p>${'The council said the plan would go ahead. '.repeat(5)}</p>`;
    const deep = `<html><body>${'<div>'.repeat(60)}${`<div><span>x</span>${para}</div>`.repeat(1000)}${'</div>'.repeat(60)}</body></html>`;
    const r = htmlToArticle(deep);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(
      new RegExp(`^HTML too complex: its elements' depths add up to [\\d,]+ \\(limit ${MAX_HTML_NESTING_WORK.toLocaleString('en-GB')};`),
    );
    const page = htmlToArticle(`<html><head><title>Budget</title></head><body><main><article>${para.repeat(6)}</article></main></body></html>`);
    expect(page.ok && page.page.paragraphs.length).toBe(6);
  });

  it('the tag test is linear: 200,000 "<a" without ">" are refused in well under a second', () => {
    const t0 = performance.now();
    expect(parseArticle(Buffer.from('<a'.repeat(200_000)), 'x.html')).toEqual({ ok: false, reason: 'not HTML: no tags found' });
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
