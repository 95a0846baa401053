export type ClaimKind = 'quote' | 'reported' | 'figure' | 'attribution';

/**
 * A claim found by the extractor, before storage. Offsets are into Article.text and
 * `text.slice(start, end) === exact` always holds (for a quote: the words inside the marks).
 */
export interface ClaimDraft {
  kind: ClaimKind;
  exact: string;
  start: number;
  end: number;
  /** canonical speaker name (titles stripped), or null when not found */
  speaker: string | null;
  /** the speaker as written nearest the claim (e.g. "he", "Sir Keir"), or null */
  speakerText: string | null;
  /** the cue verb or phrase ("said", "told", "according to") or null */
  cue: string | null;
  /** a quote that is a fragment inside a sentence ("described as a “Jew baiter”") */
  partial: boolean;
  /** figures: the numeric value; null for other kinds */
  value: number | null;
  /** figures: votes | percent | percentage_points | seats | people | GBP | USD | EUR | count | years | … */
  unit: string | null;
  /** figures: at least | more than | almost | just | over | nearly | an average | … */
  qualifier: string | null;
  /** figures: the thing counted ("votes", "Palestinians"); attributions: the attributed body */
  subject: string | null;
  /** 0..1 */
  confidence: number;
  /** for multi-paragraph quotes: index of the first draft of the group, shared by all its spans */
  groupIndex?: number | null;
  /** figures: the whole a part is counted against ("13 out of 650" -> 650) */
  denominator?: number | null;
  /** figures: the upper bound of a range ("$20 to $30 billion" -> 30e9; value is the lower bound) */
  valueMax?: number | null;
}

/** A person, organisation or place named in an article, with every place it is mentioned. */
export interface EntityDraft {
  kind: 'person' | 'organisation' | 'place';
  /** canonical name: titles and possessives stripped, surname-only resolved to full name */
  name: string;
  /** every surface form seen in this article */
  aliases: string[];
  mentions: { start: number; end: number }[];
}

export interface ExtractionResult {
  claims: ClaimDraft[];
  entities: EntityDraft[];
}

export const EXTRACTOR_NAME = 'claimtrail-rules';
