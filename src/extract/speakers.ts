// Who said a quote or a reported claim. The pipeline, from the surest pattern to the loosest (after Muzny et al. 2017's
// quote-attribution sieves and BBC's citron):
//   1. candidate mentions: names with honorifics (entities.ts, honorifics.ts), role nominals and organisations
//      ("the senator", "the commission", "the 34-year-old"), pronouns (candidatesIn / scanCandidates below);
//   2. trigram sieves next to the quote: quote–cue–name and quote–name–cue (findSpeakerAfter, invertedSubject, with
//      role words or an apposition allowed between: cues.ts), then name–cue–quote and colon frames (findSpeakerBefore);
//   3. paragraph sieves for a quote with no cue: the previous quote's speaker, a speaker reported just before, the
//      person the previous paragraph is about (carriedOverSpeaker in index.ts);
//   4. coreference of pronouns and nominals to an antecedent that agrees in gender and role (resolve, coreference.ts):
//      "he" after an unnamed spokesman is that spokesman, "they" after "A and his wife, B" is A, a description with a
//      people's adjective ("the Australian-born actress") is the person described, a document ("a report from the
//      NTSB", "an agency statement") speaks for its issuer; "A and [role] B said" is a joint statement (A).
// Confidence falls from sieve to sieve: the scale is documented on ClaimDraft.confidence (types.ts).
import type { NameMention } from './entities.js';
import { lengthMaskByFirstLetter, mayBeInMask } from './chars.js';
import { type PeopleFacts, agreesInGender, collectPeopleFacts, introducedWithRole, learnGender } from './coreference.js';
import { PERSON_ROLE_HEADS, SPEAKING_ORG_NOUNS, clauseEnd, isRolePrefix } from './cues.js';
import { type Gender, genderOfPronoun } from './honorifics.js';
import { ANONYMOUS_NOUNS, CUE_VERBS, LABEL_CUES, ORG_NOUNS, PARTICIPLE_CUES, PERSON_ROLE_NOUNS } from './lexicon.js';

/** Who said something, as found next to a cue. */
export interface Attribution {
  /** canonical name, or null when it could not be found */
  speaker: string | null;
  /** the words naming the speaker nearest the claim ("he", "the group", "Sir Keir") */
  speakerText: string | null;
  cue: string | null;
  confidence: number;
  speakerKind: 'person' | 'organisation' | 'place' | 'nominal' | null;
  /** where the speaker words are, for later coreference */
  at: number;
}

// Bounds on looking back (mentions or speakers, and characters): an antecedent further back than this is not trusted,
// and without a bound every pronoun in a long text rescans it (quadratic time).
const MAX_LOOKBACK_ITEMS = 200;
const MAX_LOOKBACK_CHARS = 400;
// people looked back over for one introduced with a role ("the governor"): an article's cast, not its whole history
const MAX_ROLE_LOOKBACK = 60;

/** Everything the speaker rules need to know about the article. */
export interface SpeakerContext {
  text: string;
  mentions: NameMention[];
  /** ranges inside quotation marks: names there are not speakers */
  quoted: { start: number; end: number }[];
  /** speakers found so far, in text order */
  history: Attribution[];
  paragraphs: { start: number; end: number }[];
}

function paragraphIndex(ctx: SpeakerContext, at: number): number {
  let lo = 0;
  let hi = ctx.paragraphs.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.paragraphs[mid].start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

interface Candidate {
  start: number;
  end: number;
  text: string;
  type: 'name' | 'pronoun' | 'nominal';
  mention?: NameMention;
  head?: string;
  determiner?: string;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CUE_SOURCE = [...new Set(CUE_VERBS)]
  .sort((a, b) => b.length - a.length)
  .map(escapeRegExp)
  .join('|');
/** A cue verb or phrase (lower case only: "Said" at a sentence start is more likely a name). */
// A regex, not a JS word loop: irregexp scans a whole text several times faster than charCodeAt in JS.
const CUE_RE = new RegExp(String.raw`(?<![\p{L}’'-])(?:${CUE_SOURCE})(?![\p{L}’'-])`, 'gu');

const AUX = String.raw`(?:has|had|have|also|then|later|previously|once|again|recently|would|will|could|can|may|might|must|should|is|was|were|are|since|went on to|go on to|goes on to|appeared to|appears to|seemed to|reportedly|allegedly|further|himself|herself|themselves|itself|not|never|only|just|in a statement|publicly|privately|repeatedly|now|still|even|subsequently|both|all|too|first|last|simply|be|been|heard|being|be heard|angrily|quickly|bluntly|openly|explicitly|immediately|earlier|this week|on \w+day|yesterday|today)`;
const ALLOWED_GAP = new RegExp(String.raw`^(?:\s+${AUX})*\s*$`, 'i');

/** Index of the first item starting at or after `at` (items sorted by start). */
function firstAtOrAfter(items: { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether [start, end) overlaps a quoted range (ranges are sorted and disjoint: binary search). */
function inQuoted(ctx: SpeakerContext, start: number, end: number): boolean {
  return overlapsAny(ctx.quoted, start, end);
}

export function overlapsAny(ranges: { start: number; end: number }[], start: number, end: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].start < end;
}

/** Name, pronoun and nominal candidates for a speaker inside [from, to). */
function candidatesIn(ctx: SpeakerContext, from: number, to: number): Candidate[] {
  const { text } = ctx;
  const out: Candidate[] = [];
  for (let i = firstAtOrAfter(ctx.mentions, from); i < ctx.mentions.length; i++) {
    const m = ctx.mentions[i];
    if (m.start >= to) break;
    if (m.end <= to && !inQuoted(ctx, m.start, m.end) && m.kind !== 'place') {
      out.push({ start: m.start, end: m.end, text: m.surface, type: 'name', mention: m });
    }
  }
  for (let para = paragraphIndex(ctx, from); para < ctx.paragraphs.length && ctx.paragraphs[para].start < to; para++) {
    const scanned = scanCandidates(ctx, para);
    for (let i = firstAtOrAfter(scanned.pronouns, from); i < scanned.pronouns.length; i++) {
      const p = scanned.pronouns[i];
      if (p.end > to) break;
      out.push(p); // shared, never changed: only name candidates are rewritten below
    }
    for (let i = firstAtOrAfter(scanned.nominals, from); i < scanned.nominals.length; i++) {
      const n = scanned.nominals[i];
      if (n.start >= to) break;
      if (n.end > to) continue;
      // a nominal replaces the names inside it ("the TMV website", "a Lib Dem spokesperson")
      for (let k = out.length - 1; k >= 0; k--) {
        if (out[k].type === 'name' && out[k].start >= n.start && out[k].end <= n.end) out.splice(k, 1);
      }
      out.push(n);
    }
  }
  // "the 34-year-old said": a person described by age is a role nominal
  // searched in the window only: a regex run from `from` would scan on to the end of the text (quadratic)
  const ageAt = to - from < 2000 ? text.slice(from, to).indexOf('-year-old') : -1;
  if (ageAt >= 0) {
    const window = text.slice(from, to);
    AGE_NOMINAL_G.lastIndex = 0;
    for (let m = AGE_NOMINAL_G.exec(window); m; m = AGE_NOMINAL_G.exec(window)) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (inQuoted(ctx, start, start + 1)) continue;
      for (let k = out.length - 1; k >= 0; k--) if (out[k].start >= start && out[k].end <= end) out.splice(k, 1);
      out.push({ start, end, text: m[0], type: 'nominal', head: 'year-old', determiner: m[1].toLowerCase() });
    }
  }
  // "The leader of Muslims for Change": the role is the speaker, described by the name.
  for (const c of out) {
    if (c.type !== 'name') continue;
    const before = text.slice(Math.max(from, c.start - 40), c.start);
    if (!before.endsWith('of ') && !before.endsWith('of the ')) continue; // cheap test before the regex
    const role = /(?:^|\s)((?:[Tt]he|[Aa]n?)\s+(?:[\p{L}’'-]+\s+){0,2}?[\p{Ll}]+\s+of\s+(?:the\s+)?)$/u.exec(before);
    if (role && PERSON_ROLE_NOUNS.has(role[1].trim().split(/\s+/).slice(-2)[0].replace(/s$/, ''))) {
      c.start -= role[1].length;
      c.text = text.slice(c.start, c.end);
      c.type = 'nominal';
      c.head = 'role-of';
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

const candidateCache = new WeakMap<SpeakerContext, Map<number, { pronouns: Candidate[]; nominals: Candidate[] }>>();

/** Pronoun and nominal candidates of the whole text outside quotes, scanned once per article (speaker rules ask many times). */
function scanCandidates(ctx: SpeakerContext, para: number): { pronouns: Candidate[]; nominals: Candidate[] } {
  let byPara = candidateCache.get(ctx);
  if (!byPara) {
    byPara = new Map();
    candidateCache.set(ctx, byPara);
  }
  let found = byPara.get(para);
  if (found) return found;
  const { text } = ctx;
  const pronouns: Candidate[] = [];
  const nominals: Candidate[] = [];
  // One pass over the paragraph's words, only for paragraphs a speaker rule asks about, instead of a regex with a
  // 150-word alternation tried at every position. Words are offsets only; a string is cut just for likely words.
  const count = tokeniseWords(text, ctx.paragraphs[para].start, ctx.paragraphs[para].end);
  const starts = wordStarts;
  const ends = wordEnds;
  const wordAt = (k: number): string => text.slice(starts[k], ends[k]);
  let consumed = 0;
  for (let i = 0; i < count; i++) {
    const wStart = starts[i];
    const wEnd = ends[i];
    const first = text.charCodeAt(wStart);
    if (mayBeInMask(PRONOUN_MASK, first | 32, wEnd - wStart) && PRONOUNS.has(wordAt(i))) {
      if (!inQuoted(ctx, wStart, wStart + 1)) pronouns.push({ start: wStart, end: wEnd, text: wordAt(i), type: 'pronoun' });
      continue;
    }
    // "The MP for Ealing North claimed": the one capitalised head noun
    const isMP = wEnd - wStart === 2 && first === 77 && text.charCodeAt(wStart + 1) === 80;
    if (!isMP && !mayBeHead(text, wStart, wEnd)) continue;
    let head = isMP ? 'MP' : headOf(wordAt(i));
    if (!head) continue;
    const headAt = i;
    // look back over at most four words joined by spaces: the leftmost determiner, else a run of capitalised words
    let detAt = -1;
    let capAt = -1;
    for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
      if (!onlySpaces(text, ends[k], starts[k + 1]) || starts[k] < consumed) break;
      if (DETERMINERS.has(wordAt(k))) detAt = k;
      if (capAt === k + 1 || k === i - 1) {
        const c = text.charCodeAt(starts[k]);
        if (c >= 65 && c <= 90) capAt = k;
      }
    }
    const from = detAt >= 0 ? detAt : capAt;
    const start = from >= 0 ? starts[from] : -1;
    if (start < 0) continue;
    // a compound role runs on to its last head: "the club's head coach", "the company's chief executive"
    let lastStart = wStart;
    const possessive = !isMP && head.length < wEnd - wStart;
    for (let k = headAt + 1; k < count && k <= headAt + 3; k++) {
      if (!onlySpaces(text, ends[k - 1], starts[k])) break;
      const c = text.charCodeAt(starts[k]);
      if (c < 97 || c > 122) break;
      const w = wordAt(k);
      const h = mayBeHead(text, starts[k], ends[k]) && !CUE_WORDS.has(w) ? headOf(w) : null;
      if (h && h.length === w.length) {
        head = h;
        lastStart = starts[k];
        i = k;
      } else if (!(possessive || ROLE_MODIFIERS.has(w))) break;
    }
    const end = lastStart + head.length;
    consumed = end;
    if (inQuoted(ctx, start, end)) continue;
    nominals.push({
      start,
      end,
      text: text.slice(start, end),
      type: 'nominal',
      head: head.replace(/s$/, (x) => (NOMINAL_HEAD_SET.has(head) ? x : '')).toLowerCase(),
      determiner: detAt >= 0 ? wordAt(detAt).toLowerCase() : '',
    });
  }
  found = { pronouns, nominals };
  byPara.set(para, found);
  return found;
}

const LETTER = /\p{L}/u;
function isWordChar(text: string, i: number, c: number): boolean {
  const lower = c | 32;
  if (lower >= 97 && lower <= 122) return true;
  return c > 127 && (c === 0x2019 || LETTER.test(text[i]));
}

// Reused word-offset buffers of tokeniseWords (extraction is synchronous, so one pair serves every call).
let wordStarts: Int32Array = new Int32Array(1024);
let wordEnds: Int32Array = new Int32Array(1024);

/** Words (a letter, then letters, apostrophes and hyphens) into wordStarts/wordEnds; returns how many. */
function tokeniseWords(text: string, from: number, to: number): number {
  let count = 0;
  const n = to;
  let i = from;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c < 65 || c === 0x2019 || !isWordChar(text, i, c)) {
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < n) {
      c = text.charCodeAt(i);
      if (c === 39 || c === 45 || isWordChar(text, i, c)) i++;
      else break;
    }
    if (count === wordStarts.length) {
      wordStarts = growInt32(wordStarts);
      wordEnds = growInt32(wordEnds);
    }
    wordStarts[count] = start;
    wordEnds[count] = i;
    count++;
  }
  return count;
}

function growInt32(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

/** Cheap pre-check for headOf: the word, its part before an apostrophe or hyphen, or its singular may be a head. */
function mayBeHead(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  if (first < 97 || first > 122) return false;
  if (mayBeInMask(HEAD_MASK, first, end - start)) return true;
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 39 || c === 0x2019 || c === 45) return mayBeInMask(HEAD_MASK, first, i - start);
  }
  return text.charCodeAt(end - 1) === 115 && mayBeInMask(HEAD_MASK, first, end - start - 1);
}
const CUE_WORDS = new Set(CUE_VERBS);
const AGE_NOMINAL_G = /\b([Tt]he)\s+\d{1,3}-year-old\b/g;
// lower-case words inside a role before its head noun ("chief executive", "head coach", "shadow chancellor")
const ROLE_MODIFIERS = new Set([
  'head',
  'chief',
  'senior',
  'deputy',
  'assistant',
  'general',
  'managing',
  'vice',
  'acting',
  'interim',
  'former',
  'shadow',
  'lead',
  'principal',
  'press',
  'communications',
  'foreign',
  'home',
  'finance',
  'defence',
  'defense',
  'health',
  'first',
  'technical',
  'project',
  'sales',
  'marketing',
  'financial',
  'operating',
  'political',
  'legal',
]);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'He', 'She', 'They', 'It', 'This']);
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'one',
  'another',
  'The',
  'A',
  'An',
  'One',
  'Another',
  'its',
  'his',
  'her',
  'their',
  'Its',
  'His',
  'Her',
  'Their',
]);
const NOMINAL_HEAD_SET = new Set([...SPEAKING_ORG_NOUNS, ...PERSON_ROLE_HEADS, ...ANONYMOUS_NOUNS]);
const HEAD_MASK = lengthMaskByFirstLetter(NOMINAL_HEAD_SET);
const PRONOUN_MASK = lengthMaskByFirstLetter([...PRONOUNS].map((p) => p.toLowerCase()));

/** The nominal head a word is, as matched: "group", "lawyers" (a plural of a head), "party" in "party’s"; or null. */
function headOf(word: string): string | null {
  const first = word.charCodeAt(0);
  if (first < 97 || first > 122) return null; // heads are lower case
  if (NOMINAL_HEAD_SET.has(word)) return word;
  let letters = word.length;
  for (let i = 1; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 39 || c === 0x2019 || c === 45) {
      letters = i;
      break;
    }
  }
  if (letters < word.length) return NOMINAL_HEAD_SET.has(word.slice(0, letters)) ? word.slice(0, letters) : null; // "party’s"
  if (word.charCodeAt(word.length - 1) === 115 && NOMINAL_HEAD_SET.has(word.slice(0, -1))) return word;
  return null;
}

/** The last cue in [from, to), or null. */
interface CueHit {
  start: number;
  end: number;
  cue: string;
}

const cueCache = new WeakMap<SpeakerContext, CueHit[]>();

/** Cue words in [from, to) that really introduce speech: not inside quotes, not "adds to" or "is said to be". */
export function cuesIn(ctx: SpeakerContext, from: number, to: number): CueHit[] {
  let all = cueCache.get(ctx);
  if (!all) {
    all = scanCues(ctx.text, ctx.quoted);
    cueCache.set(ctx, all);
  }
  const out: CueHit[] = [];
  for (let i = firstAtOrAfter(all, from); i < all.length; i++) {
    const c = all[i];
    if (c.start >= to) break;
    if (c.start >= from && c.end <= to) out.push(c);
  }
  return out;
}

function scanCues(text: string, quoted: { start: number; end: number }[]): CueHit[] {
  const out: CueHit[] = [];
  for (const m of text.matchAll(CUE_RE)) {
    const start = m.index;
    const cue = m[0];
    const end = start + cue.length;
    if (overlapsAny(quoted, start, start + 1)) continue;
    if (/^\s+to\s/.test(text.slice(end, end + 5)) && isNotSpeechTo(text, start, end, cue)) continue;
    if (
      /^(?:read|reads|called|thought|believed|quoted|asked|asks)$/.test(cue) &&
      !/^\s*[:,]/.test(text.slice(end, end + 3)) &&
      cue !== 'called' &&
      cue !== 'asked'
    )
      continue;
    if (
      /^(?:posts|post|writing|written|comments|notes|claims|remarks|states|reads|warning|writes)$/.test(cue) &&
      /\b(?:the|a|an|his|her|its|their|of)\s+$/i.test(text.slice(Math.max(0, start - 6), start))
    )
      continue; // nouns
    out.push({ start, end, cue });
  }
  return out;
}

const PASSIVE_BEFORE = /\b(?:is|are|was|were|been|being|be|widely|also)\s+$/;

/**
 * "adds to the pressure", "is said to be", "thought to be": a cue followed by "to" that reports no speech. Speech cues
 * keep a following "to" phrase ("said to applause", "told to reporters") unless passive or "to be / to have".
 */
function isNotSpeechTo(text: string, start: number, end: number, cue: string): boolean {
  if (/^(?:told|tells|say|said|says)$/.test(cue)) {
    return (
      PASSIVE_BEFORE.test(text.slice(Math.max(0, start - 12), start)) ||
      /^\s+to\s+(?:be|have|been|bring|make|do|get|go|take|give)\b/.test(text.slice(end, end + 16))
    );
  }
  if (!/^(?:add|adds|added|adding|read|reads|called|thought|believed|quoted)$/.test(cue)) return false;
  return !/^\s+to\s+(?:the\s+)?[A-Z]/.test(text.slice(end, end + 12));
}

function lastCue(ctx: SpeakerContext, from: number, to: number): CueHit | null {
  const all = cuesIn(ctx, from, to);
  return all.length ? all[all.length - 1] : null;
}

function firstCue(ctx: SpeakerContext, from: number, to: number): CueHit | null {
  return cuesIn(ctx, from, to)[0] ?? null;
}

const RELATIVE_BEFORE_CUE = new RegExp(String.raw`,\s*(?:who|which)(?:\s+${AUX})*\s+$`, 'i');
const APPOSITIVE_GAP = new RegExp(String.raw`^\s*[,–—(]([^]*)[,–—)](?:\s+${AUX})*\s*$`);
const PERSON_OF_BODY = new RegExp(String.raw`^\s+(?:of|from|at)\s+(?:the\s+)?[A-Z][^,.;:!?“”"]{1,70}?(?:\s+${AUX})*\s*$`);
const RELATIVE_GAP = new RegExp(String.raw`^\s+(?:that|which|who)(?:\s+${AUX})*\s*$`);
const NOMINAL_POSTMODIFIER = new RegExp(String.raw`^\s+(?:by|from|of|for)\s+[^,.;:!?“”"]{1,50}?(?:\s+${AUX})*\s*$`);

/** The subject of a cue: the nearest candidate before it, skipping appositives ("Ahmed, president of X, said"). */
function subjectBefore(ctx: SpeakerContext, cands: Candidate[], cueStart: number): Candidate | null {
  const { text } = ctx;
  // "Tom Brake, the Lib Dem candidate for X, who said": the subject is the antecedent of "who"
  const relative = RELATIVE_BEFORE_CUE.exec(text.slice(Math.max(0, cueStart - 60), cueStart));
  if (relative) {
    const commaAt = cueStart - relative[0].length;
    for (let i = cands.length - 1; i >= 0; i--) {
      const c = cands[i];
      // "spoken with Tom Brake, the Lib Dem candidate for X, who said": "who" reaches a person after a preposition
      const obliqueOk = /who/i.test(relative[0]) && c.mention?.kind === 'person' && /^\s*,/.test(text.slice(c.end, commaAt));
      if (c.end > commaAt || (c.type === 'name' && ((c.mention?.oblique && !obliqueOk) || (/who/i.test(relative[0]) && c.mention?.kind !== 'person'))))
        continue;
      const gap = text.slice(c.end, commaAt);
      if (!gap.trim() || (/^\s*[,–—(]/.test(gap) && gap.length < 120)) return c;
      if (/[.;:!?]/.test(gap)) return null;
    }
    return null;
  }
  let appositiveName: Candidate | null = null;
  const pick = (c: Candidate): Candidate => (c.type === 'nominal' && appositiveName ? appositiveName : c);
  for (let i = cands.length - 1; i >= 0; i--) {
    const c = cands[i];
    if (c.end > cueStart) continue;
    const gap = text.slice(c.end, cueStart);
    if (/^\s*,\s*$/.test(gap) && c.type === 'name' && c.mention?.kind === 'person' && /,\s*$/.test(text.slice(Math.max(0, c.start - 3), c.start)))
      appositiveName = c;
    // cheap length and first-character tests keep the gap regexes off long gaps they cannot match
    if (gap.length < 90 && ALLOWED_GAP.test(gap) && !(c.type === 'name' && c.mention?.oblique && gap.trim())) return pick(c);
    // "a pro-Israel poster that read:", "a motion by Mr Jackson's lawyers stated"
    if (c.type === 'nominal' && gap.length < 150 && (RELATIVE_GAP.test(gap) || NOMINAL_POSTMODIFIER.test(gap))) return c;
    // "Det Sgt Ravi Chaudhry of Northshire Police's collision unit said": a person and the body they work for
    if (c.type === 'name' && c.mention?.kind === 'person' && !c.mention.oblique && gap.length < 90 && PERSON_OF_BODY.test(gap)) return c;
    const appositive = gap.length < 160 && /^\s*[,–—(]/.test(gap) ? APPOSITIVE_GAP.exec(gap) : null;
    if (appositive && gap.length < 160 && appositive[1].trim()) {
      const inner = appositive[1];
      if ((!/[,–—]/.test(inner) || /^\s*(?:who|which|a|an|the)\b/.test(inner)) && !firstCue(ctx, c.end, cueStart - 1)) return pick(c);
    }
    if (/[.;:!?]/.test(gap)) return null;
  }
  return null;
}

/** The attribution with its confidence lowered to at most `max` (a looser pattern found it). */
function capConfidence(who: Attribution, max: number): Attribution {
  if (who.confidence > max) who.confidence = max;
  return who;
}

type SpeakerBase = Pick<Attribution, 'speakerText' | 'cue' | 'at'>;

/** An attribution from its base; a plain literal because object spread (`{ ...base }`) is slow on this hot path. */
function withSpeaker(base: SpeakerBase, speaker: string | null, confidence: number, speakerKind: Attribution['speakerKind']): Attribution {
  return { speakerText: base.speakerText, cue: base.cue, at: base.at, speaker, confidence, speakerKind };
}

/** Turns a candidate into a canonical speaker, resolving pronouns and nominals to earlier entities. */
function resolve(ctx: SpeakerContext, c: Candidate, cue: string | null): Attribution {
  const base = { speakerText: c.text, cue, at: c.start };
  if (c.type === 'name' && c.mention) {
    return withSpeaker(base, c.mention.name, 0.9, c.mention.kind);
  }
  if (c.type === 'pronoun') {
    const p = c.text.toLowerCase();
    if (p === 'this') return resolveDocumentPronoun(ctx, c, cue);
    const wantPerson = p === 'he' || p === 'she';
    // "Asked if Mr Blunkett could return, he replied": the names in a fronted "Asked …" clause are not "he"
    const sentenceStart = sentenceStartBefore(ctx.text, c.start);
    const asked = ASKED_WH.exec(ctx.text.slice(sentenceStart, c.start));
    const gender = genderOfPronoun(p);
    const anonymous = wantPerson ? anonymousSpeakerJustBefore(ctx, c.start, gender) : null;
    if (anonymous) return withSpeaker(base, anonymous.speaker, 0.7, 'nominal');
    const couple = p === 'they' ? coordinatedPeople(ctx, c.start) : null;
    if (couple) return withSpeaker(base, couple, 0.6, 'person');
    const found = wantPerson ? recentPerson(ctx, c.start, asked ? sentenceStart + asked[0].length : -1, gender) : recentGroup(ctx, c.start);
    if (found) {
      if (wantPerson) learnGender(peopleOf(ctx), found.name, gender);
      return withSpeaker(base, found.name, 0.75, found.kind);
    }
    return withSpeaker(base, null, 0.2, null);
  }
  const head = c.head ?? '';
  const det = c.determiner ?? '';
  const bare = c.text.replace(/^(?:the|a|an|one|another|its|his|her|their)\s+/i, '');
  const definite = det === 'the' || det === 'its' || det === 'his' || det === 'her' || det === 'their';
  if (head === 'role-of') return withSpeaker(base, bare, 0.7, 'nominal');
  // "the TMV website says", "a report from the NTSB", "an agency statement": a document speaks for the body that issued it
  if (DOCUMENT_HEADS.has(head)) {
    const issuer = issuerOfDocument(ctx, c, head, det);
    if (issuer) return issuer;
  }
  if (definite && SPEAKING_ORG_NOUNS.has(head) && !head.endsWith('s')) {
    // "the commission said": the body named with that word ("Federal Trade Commission"), else the latest body
    const named = orgWithHead(ctx, c.start, head);
    if (named) return withSpeaker(base, named, 0.75, 'organisation');
    const org = ORG_NOUNS.has(head) ? recentGroup(ctx, c.start, true) : null;
    if (org) return withSpeaker(base, org.name, 0.75, 'organisation');
  }
  if (head === 'year-old') {
    const person = recentPerson(ctx, c.start);
    return withSpeaker(base, person ? person.name : null, person ? 0.65 : 0.2, person ? 'person' : null);
  }
  if (definite && PERSON_ROLE_HEADS.has(head) && !ANONYMOUS_NOUNS.has(head) && onlyDescriptiveCapitals(bare.slice(0, bare.length - head.length))) {
    // "the governor", "the senator": the person introduced with that role, else the likeliest recent person
    const introduced = personWithRole(ctx, c.start, head);
    if (introduced) return withSpeaker(base, introduced, 0.7, 'person');
    const person = recentPerson(ctx, c.start);
    if (person) return withSpeaker(base, person.name, 0.65, 'person');
  }
  return withSpeaker(base, det === 'the' && !bare.includes(' ') ? `the ${bare}` : bare, 0.6, 'nominal');
}

const DOCUMENT_HEADS = new Set([
  'website',
  'account',
  'page',
  'blog',
  'statement',
  'manifesto',
  'report',
  'letter',
  'study',
  'survey',
  'memo',
  'document',
  'filing',
  'release',
  'notice',
  'review',
  'analysis',
]);
// "a report from the National Transportation Safety Board", "a statement by Downing Street": the issuer follows
const ISSUER_AFTER = /^\s+(?:issued\s+|released\s+|published\s+)?(?:from|by|of)\s+(?:the\s+)?$/;

/** The body (or person) that issued a document nominal, or null when the text does not say. */
function issuerOfDocument(ctx: SpeakerContext, c: Candidate, head: string, det: string): Attribution | null {
  const base = { speakerText: c.text, cue: null as string | null, at: c.start };
  const owner = ctx.mentions.find((m) => m.start >= c.start && m.end <= c.end && m.kind === 'organisation');
  if (owner) return withSpeaker(base, owner.name, 0.7, 'organisation');
  const next = ctx.mentions[firstAtOrAfter(ctx.mentions, c.end)];
  if (next && next.kind !== 'place' && next.start - c.end < 40 && ISSUER_AFTER.test(ctx.text.slice(c.end, next.start)))
    return withSpeaker(base, next.name, 0.7, next.kind);
  if (det === 'its' || det === 'their') {
    const org = recentGroup(ctx, c.start, true);
    if (org) return withSpeaker(base, org.name, 0.6, 'organisation');
  }
  // "an agency statement", "a police report": the body named by the word before the document
  const modifier = /([a-z]+)\s+$/.exec(c.text.slice(0, c.text.length - head.length));
  if (modifier && SPEAKING_ORG_NOUNS.has(modifier[1])) {
    const named = orgWithHead(ctx, c.start, modifier[1]) ?? recentGroup(ctx, c.start, true)?.name;
    if (named) return withSpeaker(base, named, 0.6, 'organisation');
  }
  return null;
}

// "the European cross-country champion", "the Australian-born actress": capitals of a people describe a person; other
// capitals name the body the role belongs to ("the Labour leader", "the Home Office spokesman")
const DESCRIPTIVE_CAPITAL = /^(?:[A-Z][a-z]+(?:an|ian|ese|ish|i)|Dutch|French|Greek|Swiss|Thai|Czech|Welsh)(?:-(?:born|based|raised|bred))?$/;
function onlyDescriptiveCapitals(modifiers: string): boolean {
  if (!/[A-Z]/.test(modifiers)) return true;
  return modifiers.split(/\s+/).every((w) => !/^[A-Z]/.test(w) || DESCRIPTIVE_CAPITAL.test(w));
}

// "Tran Van Minh and his wife, Lan,", "Ana Ruiz and Joe Park": people named together, whom a following "they" means
const COORDINATED_AFTER = /^(?:,[^,.;:!?“”"]{1,40},)?\s+and\s+(?:(?:his|her|their)\s+\p{Ll}+|[A-Z]\p{Ll}+)/u;

const SECOND_OF_PAIR = /^\s+and\s+(?:(?:his|her|their)\s+\p{Ll}+,?\s+)?$/u;

/** For "they": the first of two people named together just before, unless a body is named after them. */
function coordinatedPeople(ctx: SpeakerContext, at: number): string | null {
  const stop = Math.max(-1, firstAtOrAfter(ctx.mentions, at) - 1 - MAX_LOOKBACK_ITEMS);
  for (let i = firstAtOrAfter(ctx.mentions, at) - 1; i > stop; i--) {
    const m = ctx.mentions[i];
    if (unquotedDistance(ctx, m.end, at) > 300) return null;
    if (m.oblique || inQuoted(ctx, m.start, m.end)) continue;
    if (m.kind === 'organisation') return null;
    if (m.kind !== 'person') continue;
    const prev = ctx.mentions[i - 1];
    // the second of a pair ("and Joe Park", "and his wife, Lan"): go on to the first
    if (prev && prev.kind === 'person' && SECOND_OF_PAIR.test(ctx.text.slice(prev.end, m.start))) continue;
    return COORDINATED_AFTER.test(ctx.text.slice(m.end, m.end + 60)) ? m.name : null;
  }
  return null;
}

const HE_NOUNS = new Set(['spokesman', 'chairman', 'businessman']);
const SHE_NOUNS = new Set(['spokeswoman', 'chairwoman', 'businesswoman']);

/**
 * "A Home Office spokesman said … He added: …": "he" is the unnamed person who spoke last in this paragraph, when no
 * person is named as a subject since (a spokesman, an official, a source: words that name one person, not a body).
 */
function anonymousSpeakerJustBefore(ctx: SpeakerContext, at: number, gender: Gender | null): Attribution | null {
  let last: Attribution | null = null;
  for (let i = ctx.history.length - 1; i >= 0; i--) {
    if (ctx.history[i].at < at) {
      last = ctx.history[i];
      break;
    }
  }
  if (!last?.speaker || last.speakerKind !== 'nominal' || !last.speakerText || paragraphIndex(ctx, last.at) !== paragraphIndex(ctx, at)) return null;
  const head = /([\p{Ll}-]+)$/u.exec(last.speakerText)?.[1] ?? '';
  if (head.endsWith('s') || !(ANONYMOUS_NOUNS.has(head) || PERSON_ROLE_HEADS.has(head))) return null;
  if ((gender === 'male' && SHE_NOUNS.has(head)) || (gender === 'female' && HE_NOUNS.has(head))) return null;
  for (let i = firstAtOrAfter(ctx.mentions, last.at); i < ctx.mentions.length && ctx.mentions[i].start < at; i++) {
    const m = ctx.mentions[i];
    if (m.kind === 'person' && !m.oblique && !m.weak && !inQuoted(ctx, m.start, m.end) && m.start > last.at + last.speakerText.length) return null;
  }
  return last;
}

// "Asked if Mr Blunkett could return, he replied": the subject of the asked question is not "he"
const ASKED_WH = /^(?:When\s+|After\s+being\s+|On\s+being\s+)?[Aa]sked\s+(?:if|whether|why|how|what|when|where)\s+(?=[^.;:!?]*,\s*$)/;
const DOCUMENT_BY =
  /\b(?:a|an|the)\s+(?:[\p{L}-]+\s+)?(statement|letter|post|report|tweet|video|message|article|speech|document|pledge|blog|email|memo)\s+(?:by|from)\s+$/u;

function sentenceStartBefore(text: string, at: number): number {
  let i = at - 1;
  const floor = at - MAX_LOOKBACK_CHARS; // bounded: a sentence without an end must not make every pronoun rescan it
  // a sentence also ends at a closing quote mark after its stop (`…trophies." Butragueno`)
  while (i >= 0 && i > floor && !(text[i] === '\n' || ((text[i] === '.' || text[i] === '!' || text[i] === '?') && /\s/.test(closedAt(text, i + 1))))) i--;
  return i + 1;
}

/** The character after a position, stepping over one closing quote mark. */
function closedAt(text: string, i: number): string {
  const c = text[i] ?? ' ';
  return c === '"' || c === '”' || c === '’' || c === "'" ? (text[i + 1] ?? ' ') : c;
}

/** "It disseminated a statement by David Miller. This claimed …": "This" is the document just named. */
function resolveDocumentPronoun(ctx: SpeakerContext, c: Candidate, cue: string | null): Attribution {
  const base = { speakerText: c.text, cue, at: c.start };
  const from = Math.max(0, c.start - 300);
  for (let i = firstAtOrAfter(ctx.mentions, c.start) - 1; i >= 0 && ctx.mentions[i].start >= from; i--) {
    const m = ctx.mentions[i];
    const doc = DOCUMENT_BY.exec(ctx.text.slice(Math.max(0, m.start - 40), m.start));
    if (doc) return withSpeaker(base, m.name, 0.6, m.kind);
  }
  return withSpeaker(base, null, 0.2, null);
}

/** The most recent person who is a subject (not inside quotes, not after a preposition), or the last person speaker. */
function recentPerson(ctx: SpeakerContext, before: number, skip = -1, gender: Gender | null = null): { name: string; kind: 'person' } | null {
  const people = peopleOf(ctx);
  const lastPerson = lastPersonSpeaker(ctx, before, gender);
  let best: NameMention | null = null;
  let weak: NameMention | null = null;
  const stop = Math.max(-1, firstAtOrAfter(ctx.mentions, before) - 1 - MAX_LOOKBACK_ITEMS);
  for (let i = firstAtOrAfter(ctx.mentions, before) - 1; i > stop; i--) {
    const m = ctx.mentions[i];
    if (
      m.kind === 'person' &&
      (!m.oblique || isPassiveAgent(ctx.text, m.start)) &&
      m.start !== skip &&
      !inQuoted(ctx, m.start, m.end) &&
      agreesInGender(people, m.name, gender)
    ) {
      if (!m.weak) {
        best = m;
        break;
      }
      weak ??= m;
    }
  }
  const near = (m: NameMention | null): boolean => !!m && unquotedDistance(ctx, m.start, before) < 300 && (!lastPerson || m.start > lastPerson.at);
  // a person named as a subject just before (this or the last sentence) beats an earlier speaker, unless named inside
  // what that speaker said ("Staunton told the BBC that Vera Drake was the highlight of her career. She said: …")
  const inComplement = (m: NameMention): boolean =>
    !!lastPerson &&
    lastPerson.cue !== null &&
    m.name !== lastPerson.speaker &&
    sentenceStartBefore(ctx.text, m.start) <= lastPerson.at &&
    m.start - lastPerson.at < MAX_LOOKBACK_CHARS;
  if (best && near(best) && !inComplement(best)) return { name: best.name, kind: 'person' };
  // a lone unexplained capitalised word ("Chelsea") only when nobody was quoted just before
  const recentSpeaker = lastPerson?.speaker && paragraphIndex(ctx, before) - paragraphIndex(ctx, lastPerson.at) <= 1;
  if (weak && !recentSpeaker && near(weak)) return { name: weak.name, kind: 'person' };
  // otherwise the person quoted in this or the previous paragraph is the likeliest "he"/"she"
  if (lastPerson?.speaker && paragraphIndex(ctx, before) - paragraphIndex(ctx, lastPerson.at) <= 1) return { name: lastPerson.speaker, kind: 'person' };
  const any = best ?? weak;
  if (any) return { name: any.name, kind: 'person' };
  return lastPerson?.speaker ? { name: lastPerson.speaker, kind: 'person' } : null;
}

/** "The petition was started by Hannah Kowalski": the agent of a passive is its subject in meaning. */
function isPassiveAgent(text: string, start: number): boolean {
  return /\b(?:was|were|been|is|are)\s+\p{Ll}+(?:ed|en|n)\s+by\s+$/u.test(text.slice(Math.max(0, start - 40), start));
}

/** Characters between two positions, not counting quoted speech. */
function unquotedDistance(ctx: SpeakerContext, from: number, to: number): number {
  let d = to - from;
  // the quoted ranges are sorted: start at the first that ends after `from`
  let lo = 0;
  let hi = ctx.quoted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.quoted[mid].end <= from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ctx.quoted.length && ctx.quoted[i].start < to; i++) {
    const q = ctx.quoted[i];
    d -= Math.max(0, Math.min(q.end, to) - Math.max(q.start, from));
  }
  return d;
}

function lastPersonSpeaker(ctx: SpeakerContext, before: number, gender: Gender | null = null): Attribution | null {
  const people = peopleOf(ctx);
  for (let i = ctx.history.length - 1; i >= 0 && i >= ctx.history.length - MAX_LOOKBACK_ITEMS; i--) {
    const h = ctx.history[i];
    if (h.at < before && h.speakerKind === 'person' && h.speaker && agreesInGender(people, h.speaker, gender)) return h;
  }
  return null;
}

const peopleCache = new WeakMap<SpeakerContext, PeopleFacts>();

/** Genders of the article's people, collected once per article. */
function peopleOf(ctx: SpeakerContext): PeopleFacts {
  let facts = peopleCache.get(ctx);
  if (!facts) {
    facts = collectPeopleFacts(ctx.mentions);
    peopleCache.set(ctx, facts);
  }
  return facts;
}

/** The latest person before `before` who was introduced with the role `head` ("Gov. Teresa Lindqvist" for "governor"). */
function personWithRole(ctx: SpeakerContext, before: number, head: string): string | null {
  const at = firstAtOrAfter(ctx.mentions, before);
  for (let i = at - 1; i >= 0 && i >= at - MAX_ROLE_LOOKBACK; i--) {
    const m = ctx.mentions[i];
    if (m.kind === 'person' && !inQuoted(ctx, m.start, m.end) && introducedWithRole(ctx.text, m, head)) return m.name;
  }
  return null;
}

/** The latest organisation before `before` whose name holds the noun `head` ("the council" -> "Thornley Borough Council"). */
function orgWithHead(ctx: SpeakerContext, before: number, head: string): string | null {
  const word = head[0].toUpperCase() + head.slice(1);
  const at = firstAtOrAfter(ctx.mentions, before);
  for (let i = at - 1; i >= 0 && i >= at - MAX_LOOKBACK_ITEMS; i--) {
    const m = ctx.mentions[i];
    if (m.kind === 'organisation' && (m.name.endsWith(` ${word}`) || m.name.includes(` ${word} `) || m.name.startsWith(`${word} `))) return m.name;
  }
  return null;
}

/** Records a found speaker, keeping the history in text order (reported speech and quotes are found in two passes). */
export function rememberSpeaker(ctx: SpeakerContext, who: Attribution): void {
  if (!who.speaker) return;
  let i = ctx.history.length;
  while (i > 0 && ctx.history[i - 1].at > who.at) i--;
  ctx.history.splice(i, 0, who);
}

/** The most recent organisation (or the last group speaker) for "they", "it", "the group". */
function recentGroup(ctx: SpeakerContext, before: number, orgOnly = false): { name: string; kind: 'organisation' | 'nominal' } | null {
  let last: Attribution | null = null;
  for (let i = ctx.history.length - 1; i >= 0 && !last; i--) if (ctx.history[i].at < before) last = ctx.history[i];
  if (
    last?.speaker &&
    (last.speakerKind === 'organisation' || (!orgOnly && last.speakerKind === 'nominal' && /s$/.test(last.speaker))) &&
    before - last.at < 1500
  ) {
    return { name: last.speaker, kind: last.speakerKind };
  }
  const at = firstAtOrAfter(ctx.mentions, before);
  for (let i = at - 1; i >= 0 && i >= at - MAX_LOOKBACK_ITEMS; i--) {
    const m = ctx.mentions[i];
    if (m.kind === 'organisation' && !m.oblique && !inQuoted(ctx, m.start, m.end) && m.name.length > 2) return { name: m.name, kind: 'organisation' };
  }
  return null;
}

/**
 * Speaker named after a quote in the same sentence: `“…,” the group said`, `"…," said Mr Brown`,
 * `"…," he could be heard saying`. `after` is just past the closing mark; `limit` the sentence or next quote.
 */
export function findSpeakerAfter(ctx: SpeakerContext, quoteEnd: number, after: number, limit: number): Attribution | null {
  const { text } = ctx;
  const closing = text.slice(Math.max(0, quoteEnd - 1), after);
  const rest = text.slice(after, Math.min(limit, after + 3));
  if (!/[,.!?…–—-]/.test(closing) && !/^\s*[,–—]/.test(rest)) return null;
  if (/\.[”"]?$/.test(closing) && /^\s+[A-Z]/.test(rest)) return null; // `"… doctors." Graham Robb said …` is a new sentence
  const sentenceEnd = clauseEnd(text, after, limit);
  const cue = firstCue(ctx, after, sentenceEnd);
  // 110 characters: room for two people with their roles ("chief executive A and chief operating officer B said")
  if (!cue || cue.start - after > 110 || LABEL_CUES.has(cue.cue)) return null;
  const cands = candidatesIn(ctx, after, sentenceEnd);
  if (cue.cue === 'according to') {
    // `"…," according to the Federal Trade Commission`
    if (!/^\s*[,–—]?\s*$/.test(text.slice(after, cue.start))) return null;
    const agent = cands.find((c) => c.start >= cue.end && /^\s+(?:the\s+)?$/i.test(text.slice(cue.end, c.start)));
    return agent ? capConfidence(resolve(ctx, agent, cue.cue), 0.85) : null;
  }
  if (
    text
      .slice(after, cue.start)
      .trim()
      .replace(/^[,–—]\s*/, '') === ''
  ) {
    // inverted: `"…," said Ahmed`, `"…," said Russian oil official Sergei Oganesyan`; a participle here (`”, saying
    // they…`) starts a new clause
    if (!c2(cue.cue)) return null;
    const subj = invertedSubject(ctx, cands, cue.end, sentenceEnd);
    return subj ? resolve(ctx, subj, cue.cue) : null;
  }
  if (isPassiveAddressee(text, Math.max(after, cue.start - 24), cue)) return null; // `“…,” he was told`
  let subj = subjectBefore(
    ctx,
    cands.filter((c) => c.end <= cue.start),
    cue.start,
  );
  const first = cands.find((c) => /^\s*[,–—]?\s*$/.test(text.slice(after, c.start)));
  // `"…," a motion by Mr Jackson's lawyers stated`: the head noun right after the quote is the subject
  if (subj && first && subj !== first && first.type === 'nominal' && NOMINAL_POSTMODIFIER.test(text.slice(first.end, cue.start))) subj = first;
  if (!subj) return null;
  const gap = text.slice(after, subj.start);
  if (/^\s*[,–—]?\s*$/.test(gap)) return resolve(ctx, subj, cue.cue);
  // `"…," the company's chief executive, Tim Cook, said`: a name in apposition to the role right after the quote
  if (first && first.type === 'nominal' && subj.type === 'name' && /^\s*,\s*$/.test(text.slice(first.end, subj.start))) return resolve(ctx, subj, cue.cue);
  // `"…," mobile analyst Carolina Milanesi told`, `"…," The Times said`: a determiner or role words before the name
  if (subj.type === 'name' && isRolePrefix(gap) && !firstCue(ctx, after, subj.start)) return capConfidence(resolve(ctx, subj, cue.cue), 0.85);
  // `"…," the firm's chief executive Ann Lee and finance director Tom Orr said`: a joint statement, the first named speaks
  const joint = jointFirstSpeaker(ctx, cands, after, subj);
  if (joint) return capConfidence(resolve(ctx, joint, cue.cue), 0.8);
  return null;
}

const JOINT_TAIL = /^\s+and\s+(?:[\p{L}’'-]+\s+){0,5}$/u;

/** In "A and [role words] B said", A: the first person named right after the quote, joined to the subject by "and". */
function jointFirstSpeaker(ctx: SpeakerContext, cands: Candidate[], after: number, subj: Candidate): Candidate | null {
  if (subj.type !== 'name' || subj.mention?.kind !== 'person') return null;
  const { text } = ctx;
  for (const c of cands) {
    if (c.start >= subj.start) return null;
    if (c.type !== 'name' || c.mention?.kind !== 'person') continue;
    const lead = text.slice(after, c.start);
    if (!isRolePrefix(lead) || firstCue(ctx, after, c.start)) return null;
    if (JOINT_TAIL.test(text.slice(c.end, subj.start))) return c;
  }
  return null;
}

/**
 * The speaker after an inverted cue: `said Ahmed`, `said the group`, `said Labour's shadow chancellor Rachel Reeves`,
 * `said project manager Livio Costantini`. Role words may precede the name; the first person named in that run wins.
 */
function invertedSubject(ctx: SpeakerContext, cands: Candidate[], cueEnd: number, clauseStop: number): Candidate | null {
  const { text } = ctx;
  let first: Candidate | null = null;
  for (const c of cands) {
    if (c.start < cueEnd || c.start >= clauseStop) continue;
    const gap = text.slice(cueEnd, c.start);
    if (!first) {
      if (/^\s*(?:the\s+)?$/i.test(gap)) {
        first = c;
        // a person named straight after the cue, or a role nominal not followed by a name: that is the speaker
        if (!(c.type === 'nominal' || (c.type === 'name' && c.mention?.kind !== 'person' && /^['’]s?\s/.test(text.slice(c.end, c.end + 3))))) return c;
        continue;
      }
      if (c.type === 'name' && c.mention?.kind === 'person' && isRolePrefix(gap)) return c;
      return null;
    }
    // after a role or an organisation's possessive: `said the club's manager Pep Guardiola`, `said Labour's … Reeves`
    const between = text.slice(first.end, c.start);
    if (c.type === 'name' && c.mention?.kind === 'person' && (isRolePrefix(between) || /^\s*,\s*$/.test(between))) return c;
    break;
  }
  return first;
}

/**
 * Speaker named before a quote in its sentence: `Ahmed said: “…”`, `In a statement she said: “…”`,
 * `He appeared to back it, saying: “…”`, `described as a “Jew baiter” by X`.
 */
export function findSpeakerBefore(ctx: SpeakerContext, from: number, open: number, after: number, limit: number): Attribution | null {
  const { text } = ctx;
  let cue = lastCue(ctx, from, open);
  if (!cue) return null;
  const cands = candidatesIn(ctx, from, open);
  // passive: "was described as a “Jew baiter” by the then-chair of X"
  if (/\b(?:was|were|been|being|is|are)\s+$/.test(text.slice(Math.max(from, cue.start - 8), cue.start))) {
    const by = /^\s+by\s+/.exec(text.slice(after, limit));
    if (by) {
      const afterCands = candidatesIn(ctx, after + by[0].length, limit);
      const agent = afterCands.find((c) => c.start - (after + by[0].length) < 30);
      if (agent) return resolve(ctx, agent, cue.cue);
    }
  }
  // "Keir Starmer has been encouraged to take “urgent action”": the subject of a passive cue is its addressee; with
  // no "by" agent nobody is named as the speaker (null, not a wrong name)
  if (isPassiveAddressee(text, Math.max(from, cue.start - 24), cue)) {
    // "was described by Jobs as the “most important Mac”": the agent stands between the cue and the quote
    const by = /^\s+by\s+/.exec(text.slice(cue.end, open));
    const agent = by ? cands.find((c) => c.start >= cue!.end + by[0].length && c.start - (cue!.end + by[0].length) < 30) : undefined;
    if (agent) return resolve(ctx, agent, cue.cue);
    return { speaker: null, speakerText: null, cue: cue.cue, confidence: 0.2, speakerKind: null, at: cue.start };
  }
  if (cue.cue === 'according to') {
    const agent = cands.find((c) => c.start >= cue!.end && c.start - cue!.end < 8);
    return agent ? resolve(ctx, agent, cue.cue) : null;
  }
  // inverted: `said Mr Brown: “…”`
  if (c2(cue.cue)) {
    const inverted = invertedSubject(ctx, cands, cue.end, open);
    if (inverted && /^\s*[:,]/.test(text.slice(inverted.end, open))) return resolve(ctx, inverted, cue.cue);
  }
  if (PARTICIPLE_CUES.has(cue.cue)) {
    const finite = lastFiniteCue(ctx, from, cue.start);
    if (finite) cue = finite;
    else {
      const subject = sentenceSubject(cands, cue.start);
      // "signed a pledge on October 9 saying they “reaffirm …”": the document speaks, unless a person signed it
      const doc = DOCUMENT_BEFORE_PARTICIPLE.exec(text.slice(Math.max(from, cue.start - 80), cue.start));
      if (doc && !(subject && (subject.type === 'pronoun' || (subject.type === 'name' && subject.mention?.kind === 'person')))) {
        return {
          speaker: `the ${doc[1].toLowerCase()}`,
          speakerText: doc[0].trim(),
          cue: cue.cue,
          confidence: 0.55,
          speakerKind: 'nominal',
          at: cue.start - doc[0].length,
        };
      }
      return subject ? resolve(ctx, subject, cue.cue) : null;
    }
  }
  let subj = subjectBefore(ctx, cands, cue.start);
  // "He has also posted X, and claimed that …": a coordinated verb shares the sentence subject
  if (!subj && /\band\s+$/.test(text.slice(Math.max(from, cue.start - 12), cue.start))) subj = sentenceSubject(cands, cue.start);
  if (!subj && SUBJECTLESS.test(text.slice(from, cue.start))) {
    // "Mr Blair told the BBC he had not read it. But told BBC News: “…”": the subject carries over
    const person = recentPerson(ctx, from);
    if (person) return { speaker: person.name, speakerText: null, cue: cue.cue, confidence: 0.5, speakerKind: 'person', at: cue.start };
  }
  return subj ? resolve(ctx, subj, cue.cue) : null;
}

/** Cues whose passive subject is spoken to or about, not the speaker ("was told", "has been urged", "is accused"). */
const ADDRESSEE_CUES = new Set([
  'told',
  'asked',
  'urged',
  'encouraged',
  'warned',
  'accused',
  'praised',
  'criticised',
  'blamed',
  'called',
  'branded',
  'labelled',
  'dubbed',
  'described',
  'reminded',
  'advised',
  'pressed',
]);
const PASSIVE_AUX = /\b(?:been|being|was|were|is|are|be|get|gets|got|getting)\s+(?:\p{Ll}+ly\s+)?$/u;

function isPassiveAddressee(text: string, from: number, cue: CueHit): boolean {
  return ADDRESSEE_CUES.has(cue.cue) && PASSIVE_AUX.test(text.slice(from, cue.start));
}

/** The first name or pronoun of a sentence that is not inside a prepositional phrase; a nominal if there is none. */
function sentenceSubject(cands: Candidate[], before: number): Candidate | null {
  const ok = cands.filter((c) => c.end <= before && !(c.type === 'name' && (c.mention?.oblique || c.mention?.kind === 'place')));
  return ok.find((c) => c.type !== 'nominal') ?? ok[0] ?? null;
}

const DOCUMENT_BEFORE_PARTICIPLE =
  /\b(?:a|an|the|its|their)\s+(?:[\p{L}-]+\s+){0,2}?(pledge|statement|letter|post|video|report|tweet|message|email|document|petition|motion|manifesto|declaration|communique|notice)\b[^,.;:“”"]{0,40}?,?\s*$/u;
const SUBJECTLESS = /^\s*(?:(?:But|And|Yet|Then|Later)\s+)?(?:also\s+)?$/;

// cues that invert after a quote ("…," explained Dr Doug Williams)
const c2 = (cue: string): boolean =>
  /^(?:said|says|added|adds|wrote|writes|asked|continued|replied|explained|insisted|warned|noted|argued|recalled|admitted|declared|announced|claimed|stressed|commented|remarked|suggested|conceded|acknowledged|confirmed|joked|shouted|cried|responded|tweeted|posted)$/.test(
    cue,
  );

function lastFiniteCue(ctx: SpeakerContext, from: number, to: number): CueHit | null {
  const finite = cuesIn(ctx, from, to).filter((c) => !PARTICIPLE_CUES.has(c.cue));
  return finite.length ? finite[finite.length - 1] : null;
}

/** Subject and cue of a reporting verb at `cue` (used for reported speech and attributions). */
export function findSubjectOfCue(ctx: SpeakerContext, from: number, cueStart: number, cue: string): Attribution | null {
  const cands = candidatesIn(ctx, from, cueStart);
  const subj = subjectBefore(ctx, cands, cueStart);
  return subj ? resolve(ctx, subj, cue) : null;
}
