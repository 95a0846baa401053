/** A half-open character range [start, end) into a source's normalised text (JS string indices). */
export interface Span {
  start: number;
  end: number;
}
