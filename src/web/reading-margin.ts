import type { OfficialSummary } from '../search/search-types.js';

export interface MarginClaim {
  id: number;
  kind: string;
  exact: string;
  start: number;
  end: number;
  speaker_name: string | null;
  speaker_entity_id: number | null;
  verdict: string;
}

/** One line of the reading view's margin: a claim, who said it and what is known of it. */
export interface MarginEntry {
  id: number;
  kind: string;
  kindLabel: string;
  speaker: string | null;
  speakerId: number | null;
  excerpt: string;
  verdict: string;
  verdictLabel: string;
  /** ids of claims that contradict this one */
  conflicts: number[];
  official: OfficialSummary | null;
}

/** What the text shows on a claim's highlight: classes for its state (the CSS adds a visible marker to each). */
export interface HighlightFlags {
  conflicted: boolean;
  official: 'matches' | 'differs' | null;
}

const KIND_LABELS: Record<string, string> = { quote: 'Quote', reported: 'Reported', attribution: 'Attribution', figure: 'Figure' };
const EXCERPT_CHARS = 90;

/** A claim's words cut to about EXCERPT_CHARS at a word boundary. Pure. */
export function excerptOf(exact: string, max = EXCERPT_CHARS): string {
  const flat = exact.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/** The margin in text order (as the highlights run), and the flags of each claim by id. Pure. */
export function buildMargin(
  claims: MarginClaim[],
  conflicts: Map<number, number[]>,
  official: Map<number, OfficialSummary>,
  verdictLabels: Record<string, string>,
): { entries: MarginEntry[]; flags: Record<number, HighlightFlags> } {
  const ordered = [...claims].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const flags: Record<number, HighlightFlags> = {};
  const entries = ordered.map((c): MarginEntry => {
    const o = official.get(c.id) ?? null;
    const against = conflicts.get(c.id) ?? [];
    flags[c.id] = { conflicted: against.length > 0, official: o?.status ?? null };
    return {
      id: c.id,
      kind: c.kind,
      kindLabel: KIND_LABELS[c.kind] ?? c.kind,
      speaker: c.speaker_name,
      speakerId: c.speaker_entity_id,
      excerpt: excerptOf(c.exact),
      verdict: c.verdict,
      verdictLabel: verdictLabels[c.verdict] ?? c.verdict,
      conflicts: against,
      official: o,
    };
  });
  return { entries, flags };
}
