/** What tells two stored sources apart as articles: outlet, title and the sentences they are made of. */
export interface ArticleFingerprint {
  outlet: string;
  title: string;
  /** normalised sentences long enough to be telling (short ones are boilerplate: "Read more.") */
  sentences: Set<string>;
}

const MIN_SENTENCE = 40;
/** Share of the shorter article's sentences found in the other above which the two are one article. */
const SAME_ARTICLE_SHARE = 0.5;

const squash = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

export function articleFingerprint(outlet: string | null, title: string | null, text: string): ArticleFingerprint {
  const sentences = new Set<string>();
  // sentences as written (stored text is already normalised): cheap slices, no copies
  for (const s of text.split(/(?<=[.!?]["'”’]?)\s+|\n+/)) {
    if (s.length >= MIN_SENTENCE) sentences.add(s);
  }
  return { outlet: squash(outlet ?? ''), title: squash(title ?? ''), sentences };
}

/**
 * Whether two sources are one article stored twice (an updated version, a re-titled copy, a syndicated reprint):
 * the same outlet and title, or most sentences in common. Such pairs are not independent, so they are never
 * linked as corroborating or contradicting each other.
 */
export function sameArticle(a: ArticleFingerprint, b: ArticleFingerprint): boolean {
  if (a.title && a.title === b.title && a.outlet === b.outlet) return true;
  const [small, large] = a.sentences.size <= b.sentences.size ? [a.sentences, b.sentences] : [b.sentences, a.sentences];
  if (!small.size) return false;
  let shared = 0;
  for (const s of small) if (large.has(s)) shared++;
  return shared / small.size >= SAME_ARTICLE_SHARE;
}
