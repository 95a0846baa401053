import type { ClaimDraft } from '../../src/extract/types.js';
import { claimsOf } from './helpers.js';

/** The quote claim that starts with `startsWith` (undefined when no such quote was found). */
export function quoteStarting(text: string, startsWith: string): ClaimDraft | undefined {
  return claimsOf(text, 'quote').find((q) => q.exact.startsWith(startsWith));
}

/** Speaker and a confidence band of a quote, for table-driven expectations. */
export function attributionOf(text: string, startsWith: string): { speaker: string | null | undefined; band: string } {
  const q = quoteStarting(text, startsWith);
  if (!q) return { speaker: undefined, band: 'no quote' };
  const band = q.confidence >= 0.9 ? 'direct' : q.confidence >= 0.8 ? 'near' : q.confidence >= 0.5 ? 'inferred' : 'guess';
  return { speaker: q.speaker, band };
}
