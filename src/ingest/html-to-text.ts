import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

export interface HtmlArticle {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  url: string | null;
  language: string | null;
  /** paragraphs of the readable article body, in order */
  paragraphs: string[];
}

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td';

/** Extracts the readable article from an HTML page (Readability on linkedom); scripts and styles never reach the text. */
export function htmlToArticle(html: string): HtmlArticle {
  const { document } = parseHTML(html);
  const meta = (sel: string) => document.querySelector(sel)?.getAttribute('content')?.trim() || null;
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') || meta('meta[property="og:url"]');
  const language = document.documentElement?.getAttribute('lang') || null;
  const published = meta('meta[property="article:published_time"]') || meta('meta[name="date"]') || meta('meta[itemprop="datePublished"]');
  const parsed = new Readability(document as unknown as Document, { charThreshold: 100 }).parse();
  const paragraphs: string[] = [];
  if (parsed?.content) {
    const { document: body } = parseHTML(`<!doctype html><html><body>${parsed.content}</body></html>`);
    for (const el of body.querySelectorAll(BLOCKS)) {
      if (el.querySelector(BLOCKS)) continue; // only leaf blocks, so nested text is not taken twice
      const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) paragraphs.push(text);
    }
    if (!paragraphs.length && parsed.textContent?.trim()) paragraphs.push(...parsed.textContent.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean));
  }
  return {
    title: parsed?.title?.trim() || document.querySelector('title')?.textContent?.trim() || null,
    byline: parsed?.byline?.trim() || meta('meta[name="author"]'),
    siteName: parsed?.siteName?.trim() || meta('meta[property="og:site_name"]'),
    publishedTime: parsed?.publishedTime?.trim() || published,
    url: canonical && /^https?:\/\//i.test(canonical) ? canonical : null,
    language,
    paragraphs,
  };
}
