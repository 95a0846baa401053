import type { Span } from '../core/span.js';

export interface HighlightClaim {
  id: number;
  kind: string;
  start: number;
  end: number;
}

export interface TextSegment {
  text: string;
  /** offset of the segment's first character in the source text (for selection → offsets in the browser) */
  start: number;
  /** the innermost claim covering this segment, if any */
  claim: HighlightClaim | null;
  /** every claim covering this segment (outermost first) */
  covering: HighlightClaim[];
}

/**
 * Cuts each paragraph at every claim boundary so overlapping claims (a figure inside a quote) can be shown:
 * each segment knows the claims that cover it. Pure; the template escapes the text.
 */
export function segmentParagraphsForHighlight(text: string, paragraphs: Span[], claims: HighlightClaim[]): TextSegment[][] {
  const sorted = [...claims].sort((a, b) => a.start - b.start || b.end - a.end);
  return paragraphs.map((p) => {
    const inside = sorted.filter((c) => c.start < p.end && c.end > p.start);
    const cuts = new Set<number>([p.start, p.end]);
    for (const c of inside) {
      cuts.add(Math.max(c.start, p.start));
      cuts.add(Math.min(c.end, p.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const segments: TextSegment[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i], points[i + 1]];
      const covering = inside.filter((c) => c.start <= from && c.end >= to);
      const innermost = covering.reduce<HighlightClaim | null>((best, c) => (!best || c.end - c.start < best.end - best.start ? c : best), null);
      segments.push({ text: text.slice(from, to), start: from, claim: innermost, covering });
    }
    return segments;
  });
}
