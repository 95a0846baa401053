// Multipliers written after a number: "$6bn", "20m users", "$7.5M", "six to seven thousand", "6 hundred".

const MULTIPLIER_WORDS: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  crore: 1e7,
  lakh: 1e5,
  dozen: 12,
  dozens: 12,
};
/** Glued or spaced abbreviations; `m`/`b` alone are only read as multipliers next to money or a counted noun. */
const MULTIPLIER_ABBREVIATIONS: Record<string, number> = {
  k: 1e3,
  K: 1e3,
  m: 1e6,
  M: 1e6,
  mn: 1e6,
  mln: 1e6,
  mil: 1e6,
  b: 1e9,
  B: 1e9,
  bn: 1e9,
  bln: 1e9,
  tn: 1e12,
  trn: 1e12,
  tln: 1e12,
  T: 1e12,
};
/** The abbreviations that may also be a unit (metre, byte, tonne): they need money or a counted noun to be read as multipliers. */
export const AMBIGUOUS_ABBREVIATIONS = new Set(['m', 'M', 'b', 'B', 'T', 'K']);

const GLUED_RE = /^(bn|bln|mn|mln|mil|trn|tn|k|K|m|M|b|B|T)(?![\p{L}\p{N}])/u;
const SPACED_RE = /^\s(hundred|thousand|million|billion|trillion|crore|lakh|dozens?|bn|bln|mn|mln|tn|trn|tln|m|k)(?![\p{L}\p{N}])/iu;

export interface MultiplierMatch {
  factor: number;
  length: number;
  word: string;
}

/** A multiplier at the start of `after` (the text just after the digits), glued or after one space. */
export function readMultiplier(after: string): MultiplierMatch | null {
  const g = GLUED_RE.exec(after);
  if (g) return { factor: MULTIPLIER_ABBREVIATIONS[g[1]], length: g[0].length, word: g[1] };
  const s = SPACED_RE.exec(after);
  if (s) {
    const w = s[1];
    const factor = MULTIPLIER_WORDS[w.toLowerCase()] ?? MULTIPLIER_ABBREVIATIONS[w.toLowerCase()];
    return { factor, length: s[0].length, word: w.length <= 2 ? w : w.toLowerCase() };
  }
  return null;
}
