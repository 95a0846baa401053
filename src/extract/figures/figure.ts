/** A quantity stated in the text. */
export interface Figure {
  start: number;
  end: number;
  /** the value with its multiplier applied ("$6bn" → 6e9); for a range, its lower bound */
  value: number;
  /** the upper bound of a range ("$20 to $30 billion" → 30e9), else null */
  valueMax: number | null;
  unit: string;
  qualifier: string | null;
  subject: string | null;
  /** "13 out of 650": 650 */
  denominator: number | null;
  confidence: number;
}
