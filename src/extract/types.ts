type ClaimKind = 'quote' | 'reported' | 'figure' | 'attribution';

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
  /** the role the speaker was introduced with next to the quote ("the club's head coach", "mobile analyst"), if any */
  speakerRole?: string | null;
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
  /**
   * 0..1, how the speaker was found (quotes and reported speech), from the surest pattern to the loosest:
   * - 0.9  a name and a cue next to the quote ("…," Mr. Alvarez said / Dana Whitfield said: "…" / said Sen. Lopez)
   * - 0.85 the same with role words or a determiner between (mobile analyst Carolina Milanesi told / according to X)
   * - 0.8  the first of two people making a joint statement ("…," chief executive A and finance director B said)
   * - 0.75 a pronoun next to the cue, resolved by coreference (agreeing in gender), or "the group" to its organisation
   * - 0.7  a role nominal resolved to the person introduced with that role ("the governor" -> Gov. Teresa Lindqvist);
   *        "he"/"she" after an unnamed spokesman in the same paragraph (that spokesman); a document whose issuer
   *        is named with it ("a report from the NTSB", "the TMV website")
   * - 0.65 a role nominal or "the 34-year-old" resolved to the likeliest recent person
   * - 0.6  a nominal kept as written ("the campaign", "a Labour source"); a cue-less quote after a speaker reported
   *        in the same paragraph; "they" after two people named together (the first of them); a document issued by
   *        the body its modifier names ("an agency statement") or by "its"/"their" body
   * - 0.55 a cue-less quote continuing the previous quote's speaker, or after a speaker reported the paragraph before
   * - 0.5  a cue-less quote opening a paragraph after one about a person ("Errol Batiste, 71, rode out the storm …")
   * - 0.2  no speaker found (speaker null)
   * Figures and attributions use their own values (0.7 for "according to" attributions).
   */
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
  /** speakers named only by a cue (not among `entities`) that are proper names: stored as entities without mentions */
  speakerEntities?: Pick<EntityDraft, 'kind' | 'name' | 'aliases'>[];
}

export const EXTRACTOR_NAME = 'claimtrail-rules';
