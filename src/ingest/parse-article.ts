import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { Article, SourceFormat, SourceMeta } from './article.js';
import { publishedFromMeta } from '../core/partial-date.js';
import { decodeBytes, DEFAULT_MAX_BYTES } from './decode.js';
import { htmlToArticle } from './html-to-text.js';
import { joinParagraphs, normaliseBody } from './normalise.js';
import { parseFrontMatter } from './parse-front-matter.js';
import { segmentParagraphs, segmentSentences } from './segment.js';

export const SUPPORTED_EXTENSIONS: Record<string, SourceFormat> = { '.md': 'md', '.markdown': 'md', '.txt': 'txt', '.html': 'html', '.htm': 'html' };

export interface ParseOptions {
  maxBytes?: number;
  /** metadata given alongside the file (e.g. a web form); wins over what the file says */
  meta?: Partial<SourceMeta>;
}

export type ParseResult = { ok: true; article: Article } | { ok: false; reason: string };

export function formatOf(fileName: string): SourceFormat | null {
  return SUPPORTED_EXTENSIONS[extname(fileName).toLowerCase()] ?? null;
}

const EMPTY_META: SourceMeta = { title: null, outlet: null, url: null, author: null, publishedAt: null, language: null };

/** Bytes of one file → a normalised Article, or the reason it cannot be ingested. Pure: no I/O. */
export function parseArticle(bytes: Uint8Array, fileName: string, options: ParseOptions = {}): ParseResult {
  const format = formatOf(fileName);
  if (!format) return { ok: false, reason: `unsupported file type "${extname(fileName) || '(none)'}" (use .md, .txt or .html)` };
  const decoded = decodeBytes(bytes, options.maxBytes ?? DEFAULT_MAX_BYTES);
  if (!decoded.ok) return decoded;
  const warnings = [...decoded.warnings];

  let meta: SourceMeta = { ...EMPTY_META };
  let body: { text: string; removed: Article['removed'] };
  if (format === 'html') {
    // [^<>] keeps the test linear: with [^>], "<a<a<a…" without ">" rescanned the rest of the text from every "<"
    if (!/<[a-z!][^<>]*>/i.test(decoded.text)) return { ok: false, reason: 'not HTML: no tags found' };
    const html = htmlToArticle(decoded.text);
    if (!html.ok) return html;
    const page = html.page;
    // a page's date in another form is read to ISO when unambiguous, else left out with a warning (never stored as written)
    const published = publishedFromMeta(page.publishedTime);
    if (published.warning) warnings.push(published.warning);
    meta = { title: page.title, outlet: page.siteName, url: page.url, author: page.byline, publishedAt: published.value, language: page.language };
    body = joinParagraphs(page.paragraphs, meta.title);
  } else if (format === 'md') {
    const fm = parseFrontMatter(decoded.text);
    if (!fm.ok) return fm;
    if (fm.meta)
      meta = {
        title: fm.meta.title,
        outlet: fm.meta.outlet,
        url: fm.meta.url,
        author: fm.meta.author,
        publishedAt: fm.meta.published,
        language: fm.meta.language,
      };
    else meta.title = firstLine(fm.body);
    body = normaliseBody(fm.body, meta.title);
  } else {
    meta.title = firstLine(decoded.text);
    body = normaliseBody(decoded.text, meta.title);
  }
  meta = { ...meta, ...definedOnly(options.meta ?? {}) };
  if (!body.text.trim()) return { ok: false, reason: 'no article text left after removing page furniture' };

  const paragraphs = segmentParagraphs(body.text);
  return {
    ok: true,
    article: {
      meta,
      text: body.text,
      paragraphs,
      sentences: segmentSentences(body.text, paragraphs),
      removed: body.removed,
      format,
      rawSha256: sha256(bytes),
      contentSha256: contentHash(meta.title, body.text),
      warnings,
    },
  };
}

/** The dedupe key: the headline and the normalised body (two stories that differ only in headline are two sources). */
function contentHash(title: string | null, text: string): string {
  return sha256(`${title ?? ''}\n\n${text}`);
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The first line of a plain-text article is its headline, unless it reads as body text (long, or ending
 * like a sentence): then there is no headline and the line stays in the body.
 */
function firstLine(text: string): string | null {
  const line =
    text
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .find((l) => l.trim())
      ?.trim() ?? null;
  if (!line || line.length > 160 || /(?<!\.)[.:;,]$/.test(line)) return null;
  return line;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}
