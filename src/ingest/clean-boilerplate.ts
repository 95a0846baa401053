/** What to do with each paragraph of a scraped article: keep it, or remove it as page furniture of a kind. */
export interface ParagraphVerdict {
  text: string;
  removedAs: string | null;
}

// Short lines that are site chrome, never prose. Matched against a whole paragraph.
const FURNITURE_LINES: [kind: string, re: RegExp][] = [
  ['share-prompt', /^(share( this( article)?)?( via| on)?\b.{0,40}|tweet|email|print)$/i],
  [
    'paywall',
    /^(to continue reading|want more from|subscribe (now|today|to)|already a subscriber|sign in to (continue|read)|get the best news and views|register (now|for free)|you have reached your)\b.{0,200}$/i,
  ],
  ['newsletter', /^(sign up (to|for)|stay informed with|get (our|the latest) newsletter|subscribe to our newsletter|newsletter sign.?up)\b.{0,200}$/i],
  ['read-more', /^(read more|related:?|see also:?|more on this story|continue reading)\s*[»›>→]*$/i],
  ['listing-heading', /^(top articles|latest posts|related (articles|posts|stories)|most (read|popular)|recommended( for you)?|trending( now)?)$/i],
  ['badge', /^[•·]?\s*\S+ badge$/i],
  ['caption', /^.{0,400}\((photo|picture|image)s? (by|credit|:)[^)]*\)$/i],
  ['caption', /^(image|photo) (caption|copyright|source)\b.{0,200}$/i],
];

// Lines of an author-profile / page-metadata block ("Views: 5912", "Phone: +1…").
const PROFILE_LINE =
  /^(author|name|birthday|address|phone|job|hobby|introduction|views|rating|reviews|last updated|email|website|location|joined|posts|votes?)\s*:/i;
const PROFILE_HEADING = /^(article information|author information|about the author|author details)$/i;

// An embedded social-media post: a short paragraph carrying a shortened link or "— Name (@handle) date".
const EMBEDDED_POST = /(https?:\/\/(t\.co|bit\.ly|ow\.ly|fb\.me|instagr\.am)\/\S+|pic\.twitter\.com\/\S+|—\s*[^()]{1,60}\(@\w+\)\s+\w+ \d{1,2}, \d{4})/i;

const normaliseForCompare = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Marks page furniture among an article's paragraphs. Rules are general (site chrome, paywalls, profile
 * blocks, repeated headline, scraper-repeated paragraphs, embedded posts), never per file.
 */
export function classifyParagraphs(paragraphs: string[], title: string | null): ParagraphVerdict[] {
  const out: ParagraphVerdict[] = paragraphs.map((text) => ({ text, removedAs: null }));
  const titleKey = title ? normaliseForCompare(title) : null;
  const seen = new Set<string>();
  const profileStart = findProfileBlockStart(paragraphs);

  for (let i = 0; i < out.length; i++) {
    const p = out[i].text;
    const key = normaliseForCompare(p);
    const next = out[i + 1]?.text;
    if (i >= profileStart) out[i].removedAs = 'author-profile';
    else if (titleKey && key === titleKey) out[i].removedAs = 'repeated-headline';
    else if (looksLikeChrome(p) && FURNITURE_LINES.some(([kind, re]) => re.test(p) && (out[i].removedAs = kind))) continue;
    else if (key.length > 20 && seen.has(key)) out[i].removedAs = 'repeated-paragraph';
    else if (next && key.length > 40 && isCutRepeat(key, normaliseForCompare(next))) out[i].removedAs = 'repeated-paragraph';
    else if (p.length <= 400 && EMBEDDED_POST.test(p) && !/[“"]/.test(p)) out[i].removedAs = 'embedded-post';
    else if (next && isReadMore(next) && p.length <= 200 && !/[.!?"”’]$/.test(p)) out[i].removedAs = 'related-link';
    seen.add(key);
  }
  mergeSplitFurniture(out);
  return out;
}

/**
 * The scraper's cut copy of the next paragraph: the next one repeats this text and goes on with the same
 * sentence ("…Muslim voters." / "…Muslim votersin a sign of anger…"). A next paragraph that adds a new
 * sentence after all of this one is content that extends it, not a copy.
 */
function isCutRepeat(key: string, next: string): boolean {
  const stem = key.replace(/[.!?…]+$/, '');
  if (next.length <= key.length || !next.startsWith(stem)) return false;
  return !/^[.!?…]+["”’)]?\s+\S/.test(next.slice(stem.length));
}

/** Site chrome is short and quotes nobody: a paragraph with quotation marks ("Sign up for…," she said) is prose. */
function looksLikeChrome(p: string): boolean {
  return p.length <= 300 && !/[“”"]/.test(p);
}

function isReadMore(p: string): boolean {
  return /^read more\s*[»›>→]*$/i.test(p.trim());
}

/** Index where a trailing profile block begins ("Article information", then "Views: …", "Phone: …"), or Infinity. */
function findProfileBlockStart(paragraphs: string[]): number {
  let firstFurniture = Infinity;
  let profileLines = 0;
  for (let i = paragraphs.length - 1; i >= Math.floor(paragraphs.length / 2); i--) {
    const p = paragraphs[i].trim();
    // a profile line is a short "Label: value" line; a sentence that starts with "Location:" is prose
    if ((PROFILE_LINE.test(p) && p.length < 100) || PROFILE_HEADING.test(p) || FURNITURE_LINES.some(([kind, re]) => kind === 'listing-heading' && re.test(p))) {
      firstFurniture = i;
      if (PROFILE_LINE.test(p) && p.length < 100) profileLines++;
    } else if (profileLines >= 3 && p.length < 120 && !/[.!?]$/.test(p)) {
      continue; // short labels inside the block ("Author information")
    } else if (firstFurniture !== Infinity) {
      break;
    }
  }
  return profileLines >= 3 ? firstFurniture : Infinity;
}

/** A prompt the scraper broke over two paragraphs ("Want more from" / "the JC?") goes with its first half. */
function mergeSplitFurniture(out: ParagraphVerdict[]): void {
  for (let i = 0; i + 1 < out.length; i++) {
    // a line broken by the scraper goes on in lower case ("Want more from" / "the JC?")
    if (out[i + 1].removedAs || out[i + 1].text.length > 80 || !/^\p{Ll}/u.test(out[i + 1].text)) continue;
    // the first half may already be caught on its own; the second only if the first half is unfinished
    if (out[i].removedAs && /[.!?…]$/.test(out[i].text)) continue;
    const joined = `${out[i].text} ${out[i + 1].text}`;
    if (joined.length > 300) continue;
    const match = FURNITURE_LINES.find(([, re]) => re.test(joined));
    if (match) {
      out[i].removedAs ??= match[0];
      out[i + 1].removedAs = match[0];
    }
  }
}
