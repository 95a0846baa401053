import { claimUrl, figureReading, oneLine } from './claim-note.js';
import type { ExportContext, ExportRow, RowSource } from './types.js';

/** Verdicts as ClaimReview ratings on a 1 (worst) … 5 (best) scale; the label travels as alternateName. */
const VERDICT_RATINGS: Record<string, { label: string; value: number }> = {
  verified: { label: 'Verified', value: 5 },
  needs_context: { label: 'Needs context', value: 3 },
  disputed: { label: 'Disputed', value: 2 },
  misattributed: { label: 'Misattributed', value: 1 },
  false: { label: 'False', value: 1 },
};

const humanise = (v: string) => v.replace(/[_-]+/g, ' ').replace(/^\w/, (c) => c.toUpperCase());

export interface ClaimReview {
  '@context'?: string;
  '@type': 'ClaimReview';
  url: string;
  claimReviewed: string;
  datePublished?: string;
  author: { '@type': 'Organization'; name: string };
  editor?: { '@type': 'Person'; name: string };
  reviewRating: { '@type': 'Rating'; alternateName: string; ratingValue: number; bestRating: number; worstRating: number };
  itemReviewed: {
    '@type': 'Claim';
    /** the sentence of the article the claim stands in */
    text?: string;
    author?: { '@type': 'Person' | 'Organization'; name: string };
    datePublished?: string;
    appearance: { '@type': 'CreativeWork'; url?: string; headline?: string; publisher?: { '@type': 'Organization'; name: string } };
  };
}

/** True for claims an editor has judged (anything but unverified): only those get a ClaimReview. */
const isReviewed = (r: Pick<ExportRow, 'verdict'>) => Boolean(r.verdict) && r.verdict !== 'unverified';

/** What was claimed: the words themselves, or for a figure its sentence and reading (a bare "528" says nothing). */
export function claimReviewedText(r: ExportRow): string {
  const figure = figureReading(r);
  if (!figure) return oneLine(r.exact);
  return r.sentence ? `${oneLine(r.sentence)} [figure: ${figure}]` : `${oneLine(r.exact)} [figure: ${figure}]`;
}

export function toClaimReview(r: ExportRow, ctx: Pick<ExportContext, 'baseUrl' | 'publisher'>): ClaimReview {
  const rating = VERDICT_RATINGS[r.verdict] ?? { label: humanise(r.verdict), value: 3 };
  const review: ClaimReview = {
    '@type': 'ClaimReview',
    url: claimUrl(ctx, r.id),
    claimReviewed: claimReviewedText(r),
    author: { '@type': 'Organization', name: ctx.publisher },
    reviewRating: { '@type': 'Rating', alternateName: rating.label, ratingValue: rating.value, bestRating: 5, worstRating: 1 },
    itemReviewed: { '@type': 'Claim', appearance: { '@type': 'CreativeWork' } },
  };
  if (r.reviewed_at) review.datePublished = r.reviewed_at.slice(0, 10);
  if (r.reviewed_by) review.editor = { '@type': 'Person', name: r.reviewed_by };
  if (r.speaker_name)
    review.itemReviewed.author = { '@type': r.speaker_kind === 'person' || !r.speaker_kind ? 'Person' : 'Organization', name: r.speaker_name };
  if (r.sentence) review.itemReviewed.text = oneLine(r.sentence);
  if (r.published_at) review.itemReviewed.datePublished = r.published_at;
  const appearance = review.itemReviewed.appearance;
  if (r.url) appearance.url = r.url;
  if (r.title) appearance.headline = r.title;
  if (r.outlet) appearance.publisher = { '@type': 'Organization', name: r.outlet };
  return review;
}

/** Fields Google and schema.org expect of a ClaimReview; returns what is missing (empty when valid). */
export function missingClaimReviewFields(c: ClaimReview): string[] {
  const missing: string[] = [];
  if (c['@type'] !== 'ClaimReview') missing.push('@type');
  if (!c.url) missing.push('url');
  if (!c.claimReviewed) missing.push('claimReviewed');
  if (!c.author?.name) missing.push('author.name');
  if (!c.reviewRating?.alternateName) missing.push('reviewRating.alternateName');
  if (c.reviewRating && !(c.reviewRating.worstRating <= c.reviewRating.ratingValue && c.reviewRating.ratingValue <= c.reviewRating.bestRating))
    missing.push('reviewRating.ratingValue in range');
  if (c.itemReviewed?.['@type'] !== 'Claim') missing.push('itemReviewed');
  if (!c.itemReviewed?.appearance) missing.push('itemReviewed.appearance');
  return missing;
}

const claims = (n: number) => `${n} claim${n === 1 ? '' : 's'}`;

/** The wrapper's note: how many ClaimReviews it holds, how many claims were skipped and why, or why it is empty. */
export function claimReviewNote(reviewed: number, skipped: number): string {
  const why = 'not reviewed yet (verdict unverified); only claims an editor has judged become ClaimReviews';
  if (reviewed === 0 && skipped === 0) return 'Nothing to export: no claims matched.';
  if (reviewed === 0)
    return `Nothing to export: none of the ${claims(skipped)} has been reviewed (all unverified). Judge claims on their pages first; only claims an editor has judged become ClaimReviews.`;
  return skipped ? `${claims(reviewed)} reviewed; ${claims(skipped)} skipped: ${why}.` : `${claims(reviewed)} reviewed; none skipped.`;
}

/**
 * A schema.org ItemList of ClaimReviews (JSON-LD). Only reviewed claims are written; the ones skipped (those the
 * query already left out, ctx.skipped, plus any unverified row it is given) are counted in the note
 * (`description`), written after the list with the exact number of items.
 */
export async function* formatClaimReview(rows: RowSource, ctx: ExportContext): AsyncGenerator<string> {
  yield `{\n"@context": "https://schema.org",\n"@type": "ItemList",\n"itemListElement": [`;
  let reviewed = 0;
  let skipped = ctx.skipped ?? 0;
  for await (const r of rows) {
    if (!isReviewed(r)) {
      skipped++;
      continue;
    }
    yield `${reviewed ? ',\n' : '\n'}${JSON.stringify(toClaimReview(r, ctx))}`;
    reviewed++;
  }
  yield `${reviewed ? '\n' : ''}],\n"numberOfItems": ${reviewed},\n"description": ${JSON.stringify(claimReviewNote(reviewed, skipped))}\n}\n`;
}
