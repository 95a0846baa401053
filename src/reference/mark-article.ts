import type { Span } from '../core/span.js';
import { segmentSentences } from '../ingest/segment.js';
import { findNames } from './find-names.js';
import type { ReferenceIndex } from './index-rows.js';
import { matchFigure, type FigureClaim, type FigureMark } from './match-figure.js';

/** Marks every figure of one article that a reference row bears out or contradicts; figures without a fit are left out. */
export function markArticleFigures<F extends FigureClaim>(
  source: { text: string; paragraphs: Span[]; title?: string | null; publishedAt?: string | null },
  figures: F[],
  index: ReferenceIndex,
): { figure: F; mark: FigureMark }[] {
  if (!figures.length || !index.rows.size) return [];
  const { text, paragraphs } = source;
  const published = /^(\d{4})/.exec(source.publishedAt ?? '')?.[1];
  const article = {
    text,
    paragraphs,
    sentences: segmentSentences(text, paragraphs),
    names: findNames(text, index),
    publishedYear: published ? Number(published) : null,
    latestYear: latestYear(`${source.title ?? ''}\n${text}`),
  };
  if (!article.names.length) return [];
  const out: { figure: F; mark: FigureMark }[] = [];
  for (const figure of figures) {
    const mark = matchFigure(figure, article, index);
    if (mark) out.push({ figure, mark });
  }
  return out;
}

/** The latest year (1800–2099) a text names, or null. */
function latestYear(text: string): number | null {
  let latest: number | null = null;
  for (const m of text.matchAll(/(?<![\d,.£$€])\b(1[89]\d\d|20\d\d)\b(?![\d,]|\.\d)/g)) latest = Math.max(latest ?? 0, Number(m[1]));
  return latest;
}
