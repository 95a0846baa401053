type LinkRelation = 'corroborates' | 'contradicts' | 'variant_of';

/** A suggested link between two claims of different sources; claimA < claimB. */
export interface LinkSuggestion {
  claimA: number;
  claimB: number;
  relation: LinkRelation;
  /** 0..1, higher is surer */
  score: number;
  /** one sentence an editor can check */
  reason: string;
}

/** Orders a pair so the same two claims always make the same row. */
export function orderedPair(x: number, y: number): [number, number] {
  return x < y ? [x, y] : [y, x];
}
