// Words before a number that qualify it: "at least 411 seats", "almost £4,000", "an average 18 points".

const QUALIFIER_RE =
  /(?:^|[\s(])(at least|more than|less than|fewer than|up to|as many as|as much as|as little as|as few as|almost|nearly|just over|just under|just above|just below|just|over|under|around|about|approximately|roughly|some|only|an average of|an average|on average|close to|in excess of|upwards of|no more than|no fewer than|a total of|barely|an estimated|estimated|a further|another|a record|below|above|between|down|up|by)\s+$/i;

/** The qualifier ending `before` (lower-cased; "by" is a change marker, not a qualifier), or null. */
export function readQualifier(before: string): string | null {
  const q = QUALIFIER_RE.exec(before)?.[1];
  if (!q) return null;
  const l = q.toLowerCase();
  if (l === 'by' || l === 'between') return null;
  return l.replace(/ of$/, '');
}

/** Both at once: whether a qualifier ends `before` (also "by", "between") and its normalised form. */
export function readQualifierMatch(before: string): { found: boolean; qualifier: string | null } {
  const q = QUALIFIER_RE.exec(before)?.[1];
  if (!q) return { found: false, qualifier: null };
  const l = q.toLowerCase();
  return { found: true, qualifier: l === 'by' || l === 'between' ? null : l.replace(/ of$/, '') };
}

/** `before` ends with a qualifier (a bare number after "more than" is a quantity). */
export function hasQualifier(before: string): boolean {
  return QUALIFIER_RE.test(before);
}
