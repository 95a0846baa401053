import type { LinkDecision } from '../core/views.js';
import type { DB } from '../storage/connect.js';
import { linkedClaims, listClaimLinkRows, type LinkedClaim, type LinkFilter } from '../storage/links.repository.js';
import { sentenceAround } from './text-context.js';
import { diffWords, type DiffPart } from './word-diff.js';

export interface LinkSide {
  claim: { id: number; kind: string; exact: string; start: number; end: number; speaker_name: string | null; speaker_entity_id: number | null; value: number | null; unit: string | null; qualifier: string | null };
  source: { id: number; title: string | null; outlet: string | null; published_at: string | null; url: string | null };
  /** the sentence around the claim, cut in three so a view can highlight the claim */
  sentence: { before: string; claim: string; after: string };
}

export interface LinkView extends LinkDecision {
  a: LinkSide;
  b: LinkSide;
  diff: DiffPart[] | null;
}

function sideOf({ source: s, ...claim }: LinkedClaim): LinkSide {
  const span = sentenceAround(s.text, claim.start, claim.end);
  const from = Math.min(span.start, claim.start);
  const to = Math.max(span.end, claim.end);
  return {
    claim,
    source: { id: s.id, title: s.title, outlet: s.outlet, published_at: s.published_at, url: s.url },
    sentence: { before: s.text.slice(from, claim.start), claim: claim.exact, after: s.text.slice(claim.end, to) },
  };
}

/** Links with both claims, their sources and the sentence around each claim (newest suggestions, best score first). */
export async function listLinks(db: DB, f: LinkFilter): Promise<LinkView[]> {
  const rows = await listClaimLinkRows(db, f);
  const claims = await linkedClaims(db, [...new Set(rows.flatMap((r) => [r.claim_a, r.claim_b]))]);
  return rows.map((r) => {
    const a = sideOf(claims.get(r.claim_a)!);
    const b = sideOf(claims.get(r.claim_b)!);
    return {
      id: r.id,
      relation: r.relation,
      status: r.status,
      score: r.score,
      reason: r.reason,
      decided_by: r.decided_by,
      decided_at: r.decided_at,
      a,
      b,
      diff: r.relation === 'variant_of' || (r.relation === 'contradicts' && a.claim.kind === 'quote') ? diffWords(a.claim.exact, b.claim.exact) : null,
    };
  });
}
