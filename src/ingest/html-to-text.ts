import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

interface HtmlArticle {
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  url: string | null;
  language: string | null;
  /** paragraphs of the readable article body, in order */
  paragraphs: string[];
}

export type HtmlResult = { ok: true; page: HtmlArticle } | { ok: false; reason: string };

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, figcaption, td';

/**
 * Readability's time grows with nesting depth times element count (1,200 nested <div>s, 13 kB, took 20 s);
 * real article pages stay far below these.
 */
export const MAX_HTML_ELEMENTS = 10_000;
export const MAX_HTML_DEPTH = 100;
/** the sum of every element's depth (how many ancestors' subtrees it is in): Readability's work grows with it */
export const MAX_HTML_NESTING_WORK = 150_000;

/**
 * Extracts the readable article from an HTML page (Readability on linkedom); scripts and styles never reach the
 * text. A page over MAX_HTML_ELEMENTS elements or MAX_HTML_DEPTH levels of nesting is refused before Readability.
 */
export function htmlToArticle(html: string): HtmlResult {
  // counted on the text first: parsing a huge page into a DOM is itself slow
  const elements = countElements(html, MAX_HTML_ELEMENTS);
  if (elements > MAX_HTML_ELEMENTS)
    return { ok: false, reason: `HTML too large: more than ${fmt(MAX_HTML_ELEMENTS)} elements (limit ${fmt(MAX_HTML_ELEMENTS)})` };
  const { document } = parseHTML(html);
  const { depth, work } = measureNesting(document.documentElement as unknown as Element | null);
  if (depth > MAX_HTML_DEPTH) return { ok: false, reason: `HTML nested too deeply: ${fmt(depth)} levels of elements (limit ${fmt(MAX_HTML_DEPTH)})` };
  if (work > MAX_HTML_NESTING_WORK) {
    return {
      ok: false,
      reason: `HTML too complex: its elements' depths add up to ${fmt(work)} (limit ${fmt(MAX_HTML_NESTING_WORK)}; many elements nested deep)`,
    };
  }
  return { ok: true, page: readArticle(document) };
}

function readArticle(document: ReturnType<typeof parseHTML>['document']): HtmlArticle {
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
    if (!paragraphs.length && parsed.textContent?.trim())
      paragraphs.push(
        ...parsed.textContent
          .split(/\n\s*\n/)
          .map((p) => p.replace(/\s+/g, ' ').trim())
          .filter(Boolean),
      );
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

const fmt = (n: number) => n.toLocaleString('en-GB');

const RAW_CLOSE = { script: /<\/script/gi, style: /<\/style/gi, textarea: /<\/textarea/gi };

/**
 * Start tags in the text, outside comments, <script>, <style> and <textarea> (an upper bound on the elements a
 * parser makes). One pass with indexOf; stops counting past `stopAfter`.
 */
export function countElements(html: string, stopAfter = Infinity): number {
  let n = 0;
  let i = html.indexOf('<');
  while (i !== -1 && i < html.length - 1 && n <= stopAfter) {
    const next = html.charCodeAt(i + 1);
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      if (end === -1) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) {
      n++;
      const raw = /^(script|style|textarea)\b/i.exec(html.slice(i + 1, i + 10));
      if (raw) {
        // raw text: its "<" are not tags; skip to the closing tag
        const close = RAW_CLOSE[raw[1].toLowerCase() as keyof typeof RAW_CLOSE];
        close.lastIndex = i + 1;
        if (!close.exec(html)) break;
        i = html.indexOf('<', close.lastIndex);
        continue;
      }
    }
    i = html.indexOf('<', i + 1);
  }
  return n;
}

/** The deepest chain of elements under `root` and the sum of all their depths (iterative: no stack overflow). */
function measureNesting(root: Element | null): { depth: number; work: number } {
  if (!root) return { depth: 0, work: 0 };
  let depth = 0;
  let work = 0;
  const stack: [Element, number][] = [[root, 1]];
  while (stack.length) {
    const [el, d] = stack.pop()!;
    if (d > depth) depth = d;
    work += d;
    for (const child of Array.from(el.children)) stack.push([child, d + 1]);
  }
  return { depth, work };
}
