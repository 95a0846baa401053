import type { Span } from '../core/span.js';
import { segmentSentences } from '../ingest/segment.js';
import { findNames } from './find-names.js';
import type { ReferenceIndex } from './index-rows.js';
import { matchFigure, type FigureClaim, type FigureMark } from './match-figure.js';

/** Marks every figure of one article that a reference row bears out or contradicts; figures without a fit are left out. */
export function markArticleFigures<F extends FigureClaim>(text: string, paragraphs: Span[], figures: F[], index: ReferenceIndex): { figure: F; mark: FigureMark }[] {
  if (!figures.length || !index.rows.size) return [];
  const article = { text, paragraphs, sentences: segmentSentences(text, paragraphs), names: findNames(text, index) };
  if (!article.names.length) return [];
  const out: { figure: F; mark: FigureMark }[] = [];
  for (const figure of figures) {
    const mark = matchFigure(figure, article, index);
    if (mark) out.push({ figure, mark });
  }
  return out;
}
