import { extractClaims } from '../../src/extract/index.js';
import type { ClaimDraft } from '../../src/extract/types.js';

/** Paragraphs joined the way the ingest normalises them. */
export function body(...paragraphs: string[]): string {
  return paragraphs.join('\n\n');
}

export function claimsOf(text: string, kind?: ClaimDraft['kind']): ClaimDraft[] {
  const all = extractClaims(text).claims;
  return kind ? all.filter((c) => c.kind === kind) : all;
}
