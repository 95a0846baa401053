import { sentenceAround } from '../crossref/text-context.js';
import { diffWords, type DiffPart } from '../crossref/word-diff.js';
import type { BoardClaimRow, BoardLinkRow, BoardSourceRow } from '../storage/board.repository.js';
import type { OfficialMark } from '../storage/reference.repository.js';

/** What a card shows of an official figure beside a claim (as search hits and the reading view do). */
interface CardOfficial {
  status: 'matches' | 'differs';
  official: number;
  reported: number;
  source: string;
  label: string;
}

interface BoardSide {
  claim: Omit<BoardClaimRow, 'source_id'>;
  source: Omit<BoardSourceRow, 'text'>;
  /** the sentence around the claim, cut in three so a view can highlight the claim */
  sentence: { before: string; claim: string; after: string };
  official: CardOfficial | null;
}

export interface BoardCard extends BoardLinkRow {
  a: BoardSide;
  b: BoardSide;
  /** word differences between two quotes (variants, and contradicting quotes) */
  diff: DiffPart[] | null;
}

export const RELATION_LABELS: Record<string, string> = { contradicts: 'Contradiction', variant_of: 'Quote variant', corroborates: 'Corroboration' };

/** Cards in the order of `rows`; a link whose claim or source is missing is left out. Pure. */
export function buildBoardCards(
  rows: BoardLinkRow[],
  sides: { claims: Map<number, BoardClaimRow>; sources: Map<number, BoardSourceRow> },
  official: Map<number, OfficialMark>,
): BoardCard[] {
  const side = (id: number): BoardSide | null => {
    const c = sides.claims.get(id);
    const s = c && sides.sources.get(c.source_id);
    if (!c || !s) return null;
    const span = sentenceAround(s.text, c.start, c.end);
    const from = Math.min(span.start, c.start);
    const to = Math.max(span.end, c.end);
    const { source_id: _sid, ...claim } = c;
    const { text, ...source } = s;
    const o = official.get(c.id);
    return {
      claim,
      source,
      sentence: { before: text.slice(from, c.start), claim: c.exact, after: text.slice(c.end, to) },
      official: o ? { status: o.status, official: o.official, reported: o.reported, source: o.source, label: o.label } : null,
    };
  };
  const cards: BoardCard[] = [];
  for (const r of rows) {
    const a = side(r.claim_a);
    const b = side(r.claim_b);
    if (!a || !b) continue;
    const quotes = r.relation === 'variant_of' || (r.relation === 'contradicts' && a.claim.kind === 'quote');
    cards.push({ ...r, a, b, diff: quotes ? diffWords(a.claim.exact, b.claim.exact) : null });
  }
  return cards;
}
