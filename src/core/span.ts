/** A half-open character range [start, end) into a source's normalised text (JS string indices). */
export interface Span {
  start: number;
  end: number;
}

/** Returns the text of a span; the single way code should read a span back from its text. */
export function sliceSpan(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}
