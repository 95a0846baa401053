import type { EntityDraft } from './types.js';
import { isLetterUnit } from './chars.js';
import { DOTTED_HONORIFICS, genderOfGivenName } from './honorifics.js';
import { GLUED_TAILS, KNOWN_ORGS, NON_NAME_WORDS, ORG_WORDS, PERSON_ROLE_NOUNS, PREPOSITIONS, ROLE_WORDS, TITLES } from './lexicon.js';

type EntityKind = EntityDraft['kind'];

/** One capitalised name as written in the text, with its canonical form. */
export interface NameMention {
  start: number;
  end: number;
  /** as written, possessive removed ("Sir Keir Starmer") */
  surface: string;
  /** canonical: titles stripped, surname-only resolved to the full name ("Keir Starmer") */
  name: string;
  kind: EntityKind;
  /** preceded by a preposition ("from journalist Andrew Gilligan"): not a likely subject */
  oblique: boolean;
  /** had a title or honorific (Sir, Mr, Dr): certainly a person */
  titled: boolean;
  /** a lone capitalised word never given a full name here ("Chelsea", "Texas"): a poor antecedent for "he"/"she" */
  weak?: boolean;
  /** filed as a place only by the words before it ("in Heckmondwike"): kept only if the name is never used otherwise */
  contextPlace?: boolean;
}

// A dotted honorific before a capitalised word is tried first, so "Sen. Maria Lopez" is one run, not "Sen" and a name.
const DOTTED = DOTTED_HONORIFICS.map((h) => h.slice(0, -1)).join('|');
const TOKEN = String.raw`(?:${DOTTED})\.(?= [A-Z])|(?:(?:al|el|bin|ibn|ben|abu|van|von|de|di|da|du|le|la|mac|Mc|O)[-’']?)?[A-Z][\p{L}\p{M}’'\-]*[\p{L}\p{M}]|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Rev|Gen|Gov|Sen|Rep)\.|[A-Z]\.`;
const CONNECTOR = String.raw`(?: (?:of the|of|for|de|van|von|bin|ibn|al|&|and the) | )`;
// A capitalised run; may start glued to a lower-case word by a scraper ("candidateAyoub Khan").
const NAME_RE = new RegExp(
  String.raw`(?=[A-Z]|(?:al|el|bin|ibn|ben|abu|van|von|de|di|da|du|le|la|mac)[-’']?[A-Z])(?:(?<![\p{L}\p{N}])|(?<=(?:^|[^\p{L}])\p{Ll}{3,}))(?:${TOKEN})(?:${CONNECTOR}(?:${TOKEN}))*`,
  'gu',
);

const KNOWN_PLACES = new Set([
  'UK',
  'US',
  'USA',
  'Britain',
  'England',
  'Scotland',
  'Wales',
  'Ireland',
  'Northern Ireland',
  'London',
  'Birmingham',
  'Gaza',
  'Israel',
  'Palestine',
  'France',
  'Germany',
  'Europe',
  'America',
  'China',
  'Russia',
  'Ukraine',
  'India',
  'Pakistan',
  'Iran',
  'Iraq',
  'Afghanistan',
  'Syria',
  'Lebanon',
  'Egypt',
  'Japan',
  'Australia',
  'Canada',
  'Spain',
  'Italy',
  'Manchester',
  'Leeds',
  'Glasgow',
  'Edinburgh',
  'Cardiff',
  'Belfast',
  'Bradford',
  'Liverpool',
  'Washington',
  'Paris',
  'Brussels',
  'Moscow',
  'Beijing',
  'Tokyo',
  'New York',
  'Africa',
  'Asia',
  'South Africa',
  'West Bank',
  'Kashmir',
]);

const PLACE_WORDS = new Set([
  'Sea',
  'Ocean',
  'River',
  'Street',
  'Road',
  'Square',
  'Squares',
  'Hill',
  'Bay',
  'Island',
  'Islands',
  'Mountain',
  'Mountains',
  'Valley',
  'Lake',
  'Park',
  'Bridge',
  'Airport',
  'Station',
  'Avenue',
  'Lane',
  'County',
  'Province',
  'Region',
  'Strip',
  'Heights',
  'Coast',
  'Gulf',
  'Peninsula',
  'Desert',
  'Forest',
  'Borough',
  'Constituency',
  'Ward',
]);

// First words that make a run an adjective phrase, not a name ("British Muslims", "Palestinian Authority" is an org by its word).
const ADJECTIVAL = new Set([
  'British',
  'Muslim',
  'Jewish',
  'Palestinian',
  'Israeli',
  'Islamic',
  'Islamist',
  'Zionist',
  'European',
  'American',
  'English',
  'Scottish',
  'Welsh',
  'Irish',
  'French',
  'German',
  'Chinese',
  'Indian',
  'Pakistani',
  'Arab',
  'Asian',
  'Christian',
  'Catholic',
  'Western',
  'Eastern',
  'Northern',
  'Southern',
  'Middle',
  'Anti',
  'Pro',
  'Hindu',
  'Sikh',
  'African',
  'Russian',
  'Ukrainian',
  'Iranian',
  'Iraqi',
  'Syrian',
  'Turkish',
  'Japanese',
  'Australian',
  'Canadian',
  'Spanish',
  'Italian',
  'Dutch',
  'Swedish',
  'Global',
  'International',
  'National',
  'Royal',
  'Federal',
  'General',
]);

const BYLINE_JOBS = new Set(['Reporter', 'Correspondent', 'Editor', 'Columnist', 'Writer', 'Photographer']);
const SURNAME_PLACE_WORDS = new Set(['Ward', 'Hill', 'Park', 'Lane', 'Forest', 'Green', 'Rivers']);

const TRAILING_NON_NAME = /^(?:[A-Z]\.)$/;

/** A piece of a name run: where it starts and its text; `words` when already split (a whole run). */
interface NamePiece {
  index: number;
  run: string;
  words?: string[];
}

/** A capitalised run matched by NAME_RE, split into its words once (three steps read them). */
interface NameRun extends NamePiece {
  words: string[];
}

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Every capitalised name in the text, classified and canonicalised (surname-only mentions resolved). */
export function findNameMentions(text: string): NameMention[] {
  const lowerWords = collectLowercaseWords(text);
  const runs: NameRun[] = [];
  NAME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_RE.exec(text))) {
    // a possessive inside a run separates two names: "Labour’s Rushanara Ali"
    let offset = 0;
    const parts = m[0].includes('s ') && /['’]s /.test(m[0]) ? m[0].split(/(?<=['’]s) (?=[A-Z])/) : [m[0]];
    for (const part of parts) {
      runs.push({ index: m.index + offset, run: part, words: splitWords(part) });
      offset += part.length + 1;
    }
  }
  const nameWords = collectNameWords(text, runs);
  const surnames = collectSurnames(runs);
  const glued = memoiseGluedNameLength(nameWords);
  const raw: NameMention[] = [];
  for (const r of runs) {
    for (const piece of splitGlued(r, glued, isSentenceStart(text, r.index))) {
      const mention = toMention(text, piece, lowerWords, surnames);
      if (mention) raw.push(mention);
    }
  }
  joinCompoundPlaces(text, raw);
  const acronyms = linkAcronyms(text, raw);
  return canonicaliseMentions(text, raw, acronyms);
}

/**
 * Words used as parts of names in the text: every word of a capitalised run, except a lone word opening a sentence
 * ("Just", "Put") and words that are never names. A glued word is split only after such a known name.
 */
function collectNameWords(text: string, runs: NameRun[]): Set<string> {
  const out = new Set<string>();
  for (const { index, words } of runs) {
    if (words.length === 1 && isSentenceStart(text, index)) continue;
    for (const w of words) {
      const bare = stripPossessive(w);
      if (bare.length >= 3 && !NON_NAME_WORDS.has(bare) && !CONNECTOR_WORDS.has(bare)) out.add(bare);
    }
  }
  return out;
}

/**
 * A scraper glued a name to the next word ("Adnan Hussainnarrowly", "Ayoub Khandefeated Labour", "UKgeneral"):
 * the run is cut after the name and continues at the next whole word. Offsets stay those of the text.
 */
function splitGlued(whole: NameRun, gluedNameLength: GluedNameLength, sentenceStart: boolean): NamePiece[] {
  const { index, run, words } = whole;
  if (!/\p{Lu}\p{Ll}*\p{Ll}{2}/u.test(run)) return [whole];
  const out: NamePiece[] = [];
  let from = 0;
  let at = 0;
  for (const word of words) {
    // a sentence-opening word splits only after a known name ("Notwithstanding" is one word)
    const cut = gluedNameLength(word, sentenceStart && at === 0);
    if (cut > 0) {
      out.push({ index: index + from, run: run.slice(from, at + cut) });
      from = at + word.length + 1;
    }
    at += word.length + 1;
  }
  if (!out.length) return [whole];
  if (from < run.length) out.push({ index: index + from, run: run.slice(from) });
  return out;
}

type GluedNameLength = (word: string, knownOnly: boolean) => number;

/** gluedNameLength for one article's name words, remembered per word: names repeat, and its regexes are costly. */
function memoiseGluedNameLength(nameWords: Set<string>): GluedNameLength {
  const memo = [new Map<string, number>(), new Map<string, number>()];
  return (word, knownOnly) => {
    const seen = memo[knownOnly ? 1 : 0];
    let cut = seen.get(word);
    if (cut === undefined) {
      cut = gluedNameLength(word, nameWords, knownOnly);
      seen.set(word, cut);
    }
    return cut;
  };
}

/** Length of the name at the front of a glued word ("Khandefeated" -> 3), or 0 when the word is whole. */
function gluedNameLength(word: string, nameWords: Set<string>, knownOnly: boolean): number {
  const bare = stripPossessive(word);
  // an acronym glued to a lower-case word: "UKgeneral"
  const acronym = /^([A-Z]{2,5})(\p{Ll}{3,})$/u.exec(bare);
  if (acronym && (nameWords.has(acronym[1]) || KNOWN_PLACES.has(acronym[1]) || GLUED_TAILS.has(acronym[2]))) return acronym[1].length;
  if (bare.length < 5 || !ENDS_WITH_GLUED_TAIL.test(bare) || NON_NAME_WORDS.has(bare)) return 0;
  if (!/^\p{Lu}\p{Ll}/u.test(bare)) return 0;
  // only a tail from GLUED_TAILS can be cut off, so only the last MAX_GLUED_TAIL characters need trying (longest first)
  for (let cut = Math.max(3, bare.length - MAX_GLUED_TAIL); cut <= bare.length - 2; cut++) {
    const tail = bare.slice(cut);
    if (!GLUED_TAILS.has(tail)) continue;
    const head = bare.slice(0, cut);
    if (!/^\p{L}+$/u.test(head)) continue; // "Oscar-winning", "O'Brien": a hyphen or apostrophe is no glue
    // a long tail is a plain word ("narrowly", "defeated"); a short one ("in", "held") only after a name seen elsewhere
    const known = head.length >= 4 && nameWords.has(head);
    if (known || (tail.length >= 5 && head.length >= 4 && !knownOnly)) return cut;
  }
  return 0;
}

const MAX_GLUED_TAIL = Math.max(...[...GLUED_TAILS].map((t) => t.length));
// a cheap first test: most capitalised words end in no glued tail at all
const ENDS_WITH_GLUED_TAIL = new RegExp(`\\p{L}(?:${[...GLUED_TAILS].join('|')})$`, 'u');

/** Whether a word also appears in lower case in the text (then a capitalised sentence-initial copy is not a name). */
function collectLowercaseWords(text: string): { has(word: string): boolean } {
  const memo = new Map<string, boolean>();
  return {
    has(word: string): boolean {
      let known = memo.get(word);
      if (known === undefined) {
        known = false;
        for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
          if (!isLetterUnit(text, at - 1) && !isLetterUnit(text, at + word.length)) {
            known = true;
            break;
          }
        }
        memo.set(word, known);
      }
      return known;
    },
  };
}

/** Last words of multi-word capitalised runs that open with no adjective ("Gregor Lindqvist" -> "Lindqvist"). */
function collectSurnames(runs: NameRun[]): Set<string> {
  const out = new Set<string>();
  for (const { words } of runs) {
    if (words.length < 2 || ADJECTIVAL.has(words[0]) || NON_NAME_WORDS.has(words[0])) continue;
    out.add(stripPossessive(words[words.length - 1]));
  }
  return out;
}

const CUE_AFTER = /^\s(?:said|says|told|added|asked|wrote|replied)\b/;

/** run.split(' '), without the native split for the many one-word runs ("The", "However"). */
function splitWords(run: string): string[] {
  return run.includes(' ') ? run.split(' ') : [run];
}

/** The words of a name run (NAME_RE joins them with single spaces). */
function tokenise(run: string, offset: number, words: string[]): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const word of words) {
    if (word) tokens.push({ text: word, start: offset + at, end: offset + at + word.length });
    at += word.length + 1;
  }
  return tokens;
}

function isSentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0) return true;
  const c = text[i];
  return (
    c === '\n' || c === '.' || c === '!' || c === '?' || c === ':' || c === '“' || c === '"' || c === '‘' || c === '(' || c === '•' || c === '–' || c === '—'
  );
}

const CONNECTOR_WORDS = new Set(['of', 'for', 'the', 'de', 'van', 'von', 'bin', 'ibn', 'al', '&', 'and']);

function toMention(text: string, piece: NamePiece, lowerWords: { has(word: string): boolean }, surnames: Set<string>): NameMention | null {
  const { index, run } = piece;
  if (!run.includes(' ') && (NON_NAME_WORDS.has(run) || (run.length < 2 && run !== 'X'))) return null; // fast path: "The", "However"
  const all = tokenise(run, index, piece.words ?? splitWords(run));
  // The name is all[lo..hi): indices instead of re-slicing the token list at every step.
  let lo = 0;
  let hi = all.length;
  // Drop sentence-initial and edge words that are not names ("After", "Revealed", "On Saturday").
  while (lo < hi && isDroppedFirstWord(text, all[lo], lowerWords)) lo++;
  while (lo < hi && isDroppedLastWord(all[hi - 1].text)) hi--;
  if (lo === hi) return null;
  // "Cara Diemont of IT firm …": a person's name does not run on through "of"
  const ofAt = indexOfWord(all, 'of', lo + 2, hi);
  if (ofAt >= 0 && !anyOrgOrRoleWord(all, lo, ofAt)) hi = ofAt;
  // A run holding a non-name in the middle ("Sunday Revealed") is cut at it.
  for (let i = lo + 1; i < hi; i++) {
    if (NON_NAME_WORDS.has(all[i].text) && !TITLES.has(all[i].text)) {
      hi = i;
      break;
    }
  }
  while (lo < hi && CONNECTOR_WORDS.has(all[hi - 1].text)) hi--;
  if (lo === hi) return null;
  const tokens = lo === 0 && hi === all.length ? all : all.slice(lo, hi);

  const last = tokens[tokens.length - 1];
  const lastText = stripPossessive(last.text).replace(/\.$/, (d) => (tokens.length === 1 && /^[A-Z]\.$/.test(last.text) ? d : ''));
  const start = tokens[0].start;
  const end = last.start + lastText.length;
  const surface = text.slice(start, end);

  // Strip titles and role phrases: "Levelling-Up Secretary Michael Gove" -> "Michael Gove".
  // the words of surface: the tokens' texts (joined by single spaces), the last one trimmed as above
  const words = tokens.map((t) => t.text);
  words[words.length - 1] = lastText;
  let titled = false;
  let cutAt = -1;
  for (let i = 0; i < words.length - 1; i++) {
    if (TITLES.has(words[i]) || ROLE_WORDS.has(words[i])) {
      cutAt = i;
      if (TITLES.has(words[i]) && !ORG_WORDS.has(words[i])) titled = true;
    }
  }
  const nameWords = cutAt >= 0 ? words.slice(cutAt + 1) : words;
  if (!nameWords.length || nameWords.every((w) => TITLES.has(w) || ROLE_WORDS.has(w))) return null;
  // "MP for Birmingham Perry Barr", "Secretary of State Condoleezza Rice": what follows the office is not its holder
  if (cutAt >= 0 && OFFICE_CONNECTORS.has(nameWords[0])) return officeObjectMention(text, start, words, cutAt);
  const name = nameWords.join(' ').replace(/\.$/, '');
  // "his album, Halfway Between The Gutter And The Stars", "the film Ray": the title of a work names no one
  if (!titled && isWorkTitle(text, start)) return null;
  const kind = classify(text, start, end, name, nameWords, titled, cutAt >= 0, surnames);
  if (!kind) return null;
  if (isCreditOrByline(text, start, end, surface)) return null;
  // "R-Wyo.", "D-Ohio": a party and state after a US lawmaker's name; "Local Democracy Reporter": a byline's job title
  if (/^[RDI]-[A-Z]/.test(surface) || BYLINE_JOBS.has(nameWords[nameWords.length - 1])) return null;
  if (isDateline(text, start, end, surface)) return { start, end, surface, name, kind: 'place', oblique: false, titled: false };
  const mention: NameMention = { start, end, surface, name, kind, oblique: isOblique(text, start), titled };
  // placed by the words before it alone ("in Heckmondwike", "signs of Michael Howard"), not by its own words
  if (kind === 'place' && !isPlaceName(nameWords) && !WEAK_PLACE_ENDS.has(nameWords[nameWords.length - 1]) && !SEAT_AFTER.test(text.slice(end, end + 14)))
    mention.contextPlace = true;
  return mention;
}

// "WASHINGTON (AP) —", "BOSTON —", "LONDON, Nov 3 (Reuters) -": a place in capitals opening a line, then a dash
const DATELINE_AFTER = /^(?:,[^\n—–]{1,24}?)?(?:\s*\([A-Z][\p{L}. ]{0,20}\))?\s+[—–-]\s/u;
const CREDIT_LINE =
  /^(?:Photo(?:graph)?s?|Picture|Image|Credit|Illustration)\s*:|\/(?:AFP|AP|Reuters|Getty|EPA|PA|Shutterstock|Alamy|Bloomberg)\b|\bvia Getty Images\b/;
const ALL_CAPS_RUN = /^[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*$/;

/** A dateline ("WASHINGTON (AP) —") names the place the story was filed from: never a speaker. */
function isDateline(text: string, start: number, end: number, surface: string): boolean {
  return ALL_CAPS_RUN.test(surface) && (start === 0 || text[start - 1] === '\n') && DATELINE_AFTER.test(text.slice(end, end + 40));
}

/**
 * Photo credits and bylines name photographers and reporters, not speakers: a name in capitals of two words or more
 * ("JANE DOE/AFP via Getty Images"), a name glued to an agency by a slash, or one after "Photograph:" or "By".
 */
function isCreditOrByline(text: string, start: number, end: number, surface: string): boolean {
  if (surface.includes(' ') && ALL_CAPS_RUN.test(surface)) return true;
  if (text[end] === '/' && /[A-Z]/.test(text[end + 1] ?? '')) return true;
  // a credit or byline is a short line of its own whose first words come within 40 characters of the name (looked
  // for in those bounds only: most names are far from a line start, and no long line is scanned)
  let lineStart = start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && start - lineStart < 40) lineStart--;
  if (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) return false;
  let lineEnd = end;
  while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 10 && lineEnd - lineStart < 100) lineEnd++;
  if (lineEnd - lineStart >= 100) return false;
  if (CREDIT_LINE.test(text.slice(lineStart, lineEnd))) return true;
  return /^(?:Photo(?:graph)?s?|Picture|Image|Credit|Illustration|By)\b:?\s+(?:[A-Z][\p{L}.'’-]*\s+(?:and\s+)?){0,3}$/u.test(text.slice(lineStart, start));
}

const OFFICE_CONNECTORS = new Set(['of', 'for', '&', 'and']);
const SEAT_OFFICES = new Set(['MP', 'MPs', 'Candidate', 'Councillor', 'Member', 'Leader']);

/** The words after "office of/for": a place (a seat), an organisation, a person named after the office, or nothing. */
function officeObjectMention(text: string, start: number, words: string[], cutAt: number): NameMention | null {
  let k = cutAt + 1;
  while (k < words.length && CONNECTOR_WORDS.has(words[k])) k++;
  const rest = words.slice(k);
  if (!rest.length) return null;
  const at = (i: number): number => (i === 0 ? start : start + words.slice(0, i).join(' ').length + 1);
  const make = (from: number, kind: EntityKind, titled: boolean): NameMention => {
    const s = at(from);
    const surface = words.slice(from).join(' ').replace(/\.$/, '');
    return { start: s, end: s + surface.length, surface, name: surface, kind, oblique: isOblique(text, s), titled };
  };
  const restName = rest.join(' ');
  if (KNOWN_ORGS.has(restName) || rest.some((w) => ORG_WORDS.has(w))) return make(k, 'organisation', false);
  const seat = words[k - 1] === 'for' && SEAT_OFFICES.has(words[cutAt]);
  if (seat || isPlaceName(rest)) return make(k, 'place', false);
  // "Chancellor of the Exchequer Gordon Brown": a two-word name closes the run
  const tail = rest.slice(-2);
  if (rest.length >= 3 && !rest.some((w) => CONNECTOR_WORDS.has(w)) && !tail.some((w) => TITLES.has(w) || ROLE_WORDS.has(w)))
    return make(words.length - 2, 'person', true);
  // "the Archbishop of Canterbury wrote": a person known by a title
  if (rest.length <= 2 && words[k - 1] === 'of' && TITLES.has(words[cutAt]) && !ROLE_WORDS.has(words[cutAt]) && words[cutAt] !== 'MP')
    return make(cutAt, 'person', true);
  return null;
}

/** A name that is a place by its own words: a known place, a place word at the end, a place then more words. */
function isPlaceName(words: string[]): boolean {
  const name = words.join(' ');
  if (KNOWN_PLACES.has(name) || PLACE_WORDS.has(words[words.length - 1])) return true;
  if (words.length < 2) return false;
  // "St Pancras", "West Yorkshire", "Leeds North West", "Birmingham Perry Barr"
  const last = words[words.length - 1];
  if (ADJECTIVAL.has(last) || /(?:ian|ians|ish|ese|ists?|ism|ic|ics)$/.test(last)) return false; // "UK Muslim"
  if (words[0] === 'St' || words[0] === 'St.' || COMPASS.has(words[0])) return true;
  return words.length >= 3 && COMPASS.has(words[words.length - 1]) && COMPASS.has(words[words.length - 2]);
}

function isDroppedFirstWord(text: string, t: Token, lowerWords: { has(word: string): boolean }): boolean {
  if (NON_NAME_WORDS.has(stripPossessive(t.text)) || CONNECTOR_WORDS.has(t.text)) return true;
  return isSentenceStart(text, t.start) && lowerWords.has(t.text.toLowerCase()) && !KNOWN_ORGS.has(t.text);
}

function isDroppedLastWord(word: string): boolean {
  return NON_NAME_WORDS.has(stripPossessive(word)) || CONNECTOR_WORDS.has(word) || TRAILING_NON_NAME.test(word);
}

function indexOfWord(tokens: Token[], word: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (tokens[i].text === word) return i;
  return -1;
}

function anyOrgOrRoleWord(tokens: Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ORG_WORDS.has(tokens[i].text) || ROLE_WORDS.has(tokens[i].text)) return true;
  return false;
}

function stripPossessive(word: string): string {
  if (!word.includes("'") && !word.includes('’')) return word;
  return word.replace(/['’]s$/, '').replace(/s['’]$/, 's');
}

function classify(
  text: string,
  start: number,
  end: number,
  name: string,
  words: string[],
  titled: boolean,
  hadRole: boolean,
  surnames: Set<string>,
): EntityKind | null {
  if (KNOWN_ORGS.has(name)) return 'organisation';
  // "Jess Ward", "Damon Hill": a given name before a place word that is also a surname
  if (words.length === 2 && SURNAME_PLACE_WORDS.has(words[1]) && genderOfGivenName(words[0])) return 'person';
  if (KNOWN_PLACES.has(name) || PLACE_WORDS.has(words[words.length - 1])) return 'place';
  if (/^(?:Pro|Anti|Non|Ex|Post|Pre)-/.test(words[0])) return null;
  if (words.some((w) => ORG_WORDS.has(w.replace(/['’]s?$/, '')))) return titled ? 'person' : 'organisation';
  if (/^[A-Z][A-Z&]{1,6}s?$/.test(name)) return 'organisation'; // an acronym: TMV, LMN, BBC
  if (titled || hadRole) return 'person';
  if (words.length === 1) {
    // single capitalised words are kept as candidates; demonyms and plurals are not names
    // (a surname with such an ending, "Lindqvist", "Modric", counts when it ends a full name here or a cue follows it)
    if (
      (/(?:ian|ians|ish|ese|ists?|ism|ic|ics)$/.test(name) && !surnames.has(name) && !(CUE_AFTER.test(text.slice(end, end + 10)) && !name.endsWith('s'))) ||
      ADJECTIVAL.has(name) ||
      DEMONYMS.has(name)
    )
      return null;
    // "Shivering in a long dress, the actress …": a participle opening a sentence is no name
    // "Traditionally, schools …": so is an adverb
    if (
      name.length >= 7 &&
      name.endsWith('ly') &&
      isSentenceStart(text, start) &&
      !genderOfGivenName(name) &&
      !surnames.has(name) &&
      !CUE_AFTER.test(text.slice(end, end + 10))
    )
      return null;
    if (name.endsWith('ing') && isSentenceStart(text, start) && !surnames.has(name) && !CUE_AFTER.test(text.slice(end, end + 10))) return null;
    // "in Heckmondwike", "MP for Richmond": a lone word where a place goes (undone later if it is a person's name)
    if (!NOT_PLACES.has(name) && !/['’]/.test(text.slice(end, end + 1)) && isPlaceContext(text, start, true)) return 'place';
    return 'person';
  }
  if (ADJECTIVAL.has(words[0]) && !COMPASS.has(words[0])) return null;
  if (isPlaceName(words) || (words.length === 2 && words[0] === 'St')) return 'place';
  if (isPlaceContext(text, start, false) || SEAT_AFTER.test(text.slice(end, end + 14))) return 'place';
  return 'person';
}

// Works whose titles are capitalised like names; a title follows the noun, a comma or "called"/"titled" may stand between.
const WORK_TITLE_BEFORE =
  /\b(?:album|film|movie|song|single|track|record|book|novel|memoir|play|musical|opera|show|series|sitcom|programme|program|documentary|game|poem|painting|LP|EP)(?:,|:)?\s+(?:(?:called|titled|entitled)\s+)?$/;

function isWorkTitle(text: string, start: number): boolean {
  const c = text.charCodeAt(start - 1);
  return (c === 32 || c === 0xa0) && WORK_TITLE_BEFORE.test(text.slice(Math.max(0, start - 32), start));
}

// Lone capitalised words for a people, a faith or a creed that the suffix test above misses: adjectives, never names.
const DEMONYMS = new Set([
  'Nazi',
  'Nazis',
  'Soviet',
  'Soviets',
  'Saudi',
  'Saudis',
  'Israeli',
  'Israelis',
  'Pakistani',
  'Pakistanis',
  'Iraqi',
  'Iraqis',
  'Afghan',
  'Afghans',
  'Greek',
  'Greeks',
  'Swiss',
  'Thai',
  'Czech',
  'Czechs',
  'Dutch',
  'French',
  'Welsh',
  'Scots',
  'Briton',
  'Britons',
  'Jew',
  'Jews',
  'Sunni',
  'Shia',
  'Shiite',
  'Protestant',
  'Orthodox',
  'Buddhist',
  'Yemeni',
  'Kuwaiti',
  'Qatari',
  'Somali',
  'Bangladeshi',
  'Nepali',
  'Punjabi',
  'Bengali',
  'Emirati',
  'Omani',
  'Kurd',
  'Kurds',
  'Basque',
  'Maori',
  'Zulu',
]);

// Last words that make a run a place when the context agrees ("Bethnal Green", "Ilford North"), but end surnames too.
const WEAK_PLACE_ENDS = new Set(['Green', 'North', 'South', 'East', 'West', 'Heath', 'Common', 'End', 'Vale', 'Central']);
const COMPASS = new Set(['North', 'South', 'East', 'West']);
// Lone words that follow "in" without being places ("believe in God").
const NOT_PLACES = new Set(['God', 'Allah', 'Islam', 'Christ', 'Jesus', 'Heaven', 'Hell', 'Parliament', 'Congress', 'Government', 'Court', 'English']);
const SEAT_BEFORE =
  /\b(?:(?:MP|MPs|candidate|candidates|seat|seats|constituency|member|standing|stood|stand|elected)\s+(?:for|of|in)|represent(?:ed|ing|s)?|contest(?:ed|ing|s)?|by-election\s+in)\s+(?:the\s+)?$/;
// "the Batley and Spen by-election", "the Ilford North constituency"
const SEAT_AFTER = /^\s(?:by-election|constituency|seat|ward)\b/;

function isPlaceContext(text: string, start: number, lone: boolean): boolean {
  const before = text.slice(Math.max(0, start - 28), start);
  // a lone word only after "in", "across" or a seat ("MP for", "candidate in"): "to Hitler", "from Smith" are people
  if (lone)
    return (
      /(?:\b(?:in|across)|\b(?:town|city|village|county|borough|constituency|seat|stronghold|heartland|suburb|district|region|province) of|\b(?:MP|MPs|candidate|candidates|seat|seats|constituency|member|standing|stood|stand|elected)\s+(?:for|of|in))\s+(?:the\s+)?$/.test(
        before,
      ) && !isSentenceStart(text, start)
    );
  return (
    /\b(?:in|at|near|from|across|of|to)\s+(?:the\s+)?$/.test(before) ||
    /\b(?:(?:MP|MPs|candidate|candidates|seat|seats|constituency|member|standing|stood|stand)\s+for|represent(?:ed|ing|s)?|contest(?:ed|ing|s)?)\s+(?:the\s+)?$/.test(
      before,
    )
  );
}

/** A mention inside a prepositional phrase ("from journalist Andrew Gilligan") is an unlikely subject. */
function isOblique(text: string, start: number): boolean {
  let i = start - 1;
  let role = false;
  // six words: "talking to Real Madrid sporting director Emilio Butragueno"
  for (let n = 0; n < 6; n++) {
    while (i >= 0 && text[i] === ' ') i--;
    const end = i + 1;
    while (i >= 0 && text[i] !== ' ' && text[i] !== '\n') i--;
    if (end <= i + 1) return false;
    const w = text.slice(i + 1, end);
    if (endsWithClausePunctuation(w)) return false;
    if (PREPOSITIONS.has(w.toLowerCase())) return true;
    if (w === 'and' || w === '&') continue;
    if (PERSON_ROLE_NOUNS.has(w) || w === 'spokesman' || w === 'spokeswoman') {
      role = true; // "from Conservative leader Michael Howard": a role and its modifiers may sit between
      continue;
    }
    const capital = w[0] >= 'A' && w[0] <= 'Z' && !w.endsWith("'s") && !w.endsWith('’s');
    if (capital && n > 0 && !role) return false; // "for Carshalton and Wallington": one capitalised word may sit between
    if (text[i] === '\n' || i < 0) return false;
  }
  return false;
}

function endsWithClausePunctuation(word: string): boolean {
  const c = word[word.length - 1];
  return c === '.' || c === ',' || c === ';' || c === ':' || c === '!' || c === '?' || c === '”' || c === '"';
}

/**
 * One place written as names joined by "and" / "&": "Bethnal Green and Bow", "Holborn and St Pancras", "the Batley
 * and Spen by-election". Two known places ("Gaza and Israel"), people and organisations stay apart. Every later
 * occurrence of a compound found once in the article is joined too ("across Batley and Spen").
 */
function joinCompoundPlaces(text: string, mentions: NameMention[]): void {
  const personWords = new Set<string>();
  for (const m of mentions) if (m.kind === 'person' && m.name.includes(' ')) for (const w of m.name.split(' ')) personWords.add(w);
  const compounds = new Set<string>();
  const joinable = (a: NameMention, b: NameMention): boolean => {
    const between = text.slice(a.end, b.start);
    if (between !== ' and ' && between !== ' & ') return false;
    if (a.titled || b.titled || a.kind === 'organisation' || b.kind === 'organisation') return false;
    if (KNOWN_PLACES.has(a.name) || KNOWN_PLACES.has(b.name) || /^['’]/.test(text.slice(b.end, b.end + 1))) return false;
    return a.surface === a.name && b.surface === b.name; // no title or role stripped from either
  };
  const evidence = (a: NameMention, b: NameMention): boolean => {
    const aw = a.name.split(' ');
    const bw = b.name.split(' ');
    if (aw.length > 1 && bw.length > 1) return false; // "Ilford North and Bethnal Green": two places
    const single = [aw, bw].filter((w) => w.length === 1).flat();
    if (single.some((w) => personWords.has(w))) return false;
    // a seat named for the words around it: "MP for Sleaford and North Hykeham", "the Batley and Spen by-election"
    if (SEAT_BEFORE.test(text.slice(Math.max(0, a.start - 30), a.start)) || SEAT_AFTER.test(text.slice(b.end, b.end + 14))) return true;
    // or a seat-like name by its words: "Bethnal Green and Bow", "Holborn and St Pancras" ("Kanye West and Nelly",
    // "South Korea and Taiwan", "Kings Cross and Euston", "in Berlin and Helsinki" stay apart)
    const placeLike = (w: string[]) =>
      w.length > 1 && !COMPASS.has(w[0]) && !COMPASS.has(w[w.length - 1]) && (WEAK_PLACE_ENDS.has(w[w.length - 1]) || w[0] === 'St');
    return placeLike(aw) || placeLike(bw);
  };
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (joinable(a, b) && evidence(a, b)) compounds.add(text.slice(a.start, b.end).replace(' & ', ' and '));
  }
  if (!compounds.size) return;
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (!joinable(a, b) || !compounds.has(text.slice(a.start, b.end).replace(' & ', ' and '))) continue;
    const surface = text.slice(a.start, b.end);
    mentions.splice(i, 2, { start: a.start, end: b.end, surface, name: surface, kind: 'place', oblique: a.oblique, titled: false });
  }
}

/** "The Muslim Vote (TMV)" and "Mend (Muslim Engagement and Development)": both names are one entity. */
function linkAcronyms(text: string, mentions: NameMention[]): Map<string, string> {
  const acronymOf = new Map<string, string>();
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (text.slice(a.end, b.start) !== ' (' || text[b.end] !== ')') continue;
    if (/^[A-Z]{2,6}$/.test(b.name) && initialsMatch(a.name, b.name)) {
      b.kind = a.kind = a.kind === 'place' ? 'organisation' : a.kind === 'person' ? 'organisation' : a.kind;
      b.oblique = a.oblique; // "behind The Muslim Vote (TMV)": the gloss is as oblique as its name
      acronymOf.set(b.name, a.name);
    } else if (/^[A-Z]{2,6}$/.test(a.name) || (b.name.split(' ').length > 1 && initialsMatch(b.name, a.name.toUpperCase()))) {
      a.kind = b.kind = 'organisation';
      acronymOf.set(b.name, a.name);
    }
  }
  return acronymOf;
}

function initialsMatch(long: string, acronym: string): boolean {
  const initials = long
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join('');
  return initials === acronym || initials.includes(acronym) || acronym.includes(initials.slice(0, 2));
}

// ", a tenants' campaign group,", ", the union representing nurses,": an apposition whose head names a body
const ORG_APPOSITION =
  /^,\s+(?:a|an|the)\s+(?:[\p{L}’'-]+\s+){0,4}?(group|campaign|charity|company|firm|union|organisation|organization|association|coalition|alliance|network|party|agency|body|regulator|watchdog|trust|foundation|council|body|newspaper|broadcaster|consultancy|lender|bank|insurer|retailer|chain|startup|manufacturer|maker|airline|operator|club|society|movement|website|publication|magazine|think[- ]tank|lobby)\b(?!['’])/u;

/** A name given an apposition that calls it a body ("Renters Together, a tenants' campaign group,") is an organisation. */
function markOrganisationsByApposition(text: string, mentions: NameMention[]): void {
  for (const m of mentions) {
    if (m.kind === 'person' && !m.titled && text.charCodeAt(m.end) === 44 && ORG_APPOSITION.test(text.slice(m.end, m.end + 70))) m.kind = 'organisation';
  }
}

/** Resolves surname-only and acronym mentions to the full names used in the same article. */
// A role noun right after a lone capitalised word makes the word a modifier: "Reds skipper", "Chelsea boss".
const ATTRIBUTIVE_ROLE =
  /^\s(?:skipper|boss|manager|coach|captain|chairman|chief|striker|midfielder|defender|goalkeeper|spokesman|spokeswoman|spokesperson|fans|supporters|side|squad|team|shares|shareholders|executives|staff|workers)\b/;

function canonicaliseMentions(text: string, mentions: NameMention[], acronymOf: Map<string, string>): NameMention[] {
  markOrganisationsByApposition(text, mentions);
  // "shares in Yukos … Yukos said": a name placed by context alone is a place only if it is never used otherwise
  // ("to Robbie Williams … Mr Williams"): a full name placed by context is a person when its surname has a title
  const usedOtherwise = new Set(mentions.filter((m) => !m.contextPlace).map((m) => m.name));
  const titledNames = new Set(mentions.filter((m) => m.titled && !m.name.includes(' ') && !FIRST_NAME_TITLE.test(m.surface)).map((m) => m.name));
  for (const m of mentions) {
    if (!m.contextPlace) continue;
    const words = m.name.split(' ');
    if (words.length === 1 ? usedOtherwise.has(m.name) : titledNames.has(words[words.length - 1])) m.kind = 'person';
  }
  const loneNames = new Set(mentions.filter((m) => !m.name.includes(' ') && m.kind === 'person').map((m) => m.name));
  // a name that is a place or organisation by its own words ("Nazi Germany") is no full name of a person
  const notPersons = new Set(mentions.filter((m) => m.kind !== 'person' && !m.contextPlace).map((m) => m.name));
  const fullPersons: FullPersons = { byLast: new Map(), byFirst: new Map() };
  for (const m of mentions) {
    if (m.kind !== 'person' || !m.name.includes(' ') || notPersons.has(m.name)) continue;
    const parts = m.name.split(' ');
    addTo(fullPersons.byLast, parts[parts.length - 1], m);
    addTo(fullPersons.byFirst, parts[0], m);
  }
  const placeNames = new Set(mentions.filter((m) => m.kind === 'place' && !isPersonNamePart(m, fullPersons)).map((m) => m.name));
  const orgNames = new Set(mentions.filter((m) => m.kind === 'organisation').map((m) => m.name));
  const orgStartingWith = new Map<string, string>();
  for (const m of mentions) {
    const sp = m.name.indexOf(' ');
    if (m.kind === 'organisation' && sp > 0 && !orgStartingWith.has(m.name.slice(0, sp))) orgStartingWith.set(m.name.slice(0, sp), m.name);
  }
  const out: NameMention[] = [];
  for (const m of mentions) {
    const alias = acronymOf.get(m.name);
    if (alias) m.name = alias;
    // "in Galloway": a lone word placed by context is a person when it is part of a full name here
    if (m.kind === 'place' && !m.name.includes(' ') && !KNOWN_PLACES.has(m.name) && !PLACE_WORDS.has(m.name) && isFullPersonWord(fullPersons, m.name))
      m.kind = 'person';
    if (m.kind === 'person' && placeNames.has(m.name)) m.kind = 'place';
    if (m.kind === 'person' && orgNames.has(m.name)) m.kind = 'organisation';
    if (m.kind === 'person' && !m.name.includes(' ')) {
      const full = findFullName(m, fullPersons, { titledNames, loneNames });
      if (full) m.name = full;
      else if (!m.titled) {
        const org = orgStartingWith.get(m.name);
        if (org) {
          m.name = org; // "Texas Instruments … Texas said"
          m.kind = 'organisation';
        } else if (ATTRIBUTIVE_ROLE.test(text.slice(m.end, m.end + 16)))
          m.kind = 'organisation'; // "Reds skipper", "Blues boss"
        else m.weak = true;
      }
    }
    out.push(m);
  }
  return out;
}

// Titles used with a first name ("Sir Keir"); others ("Prince Charles", "Mr Kim") make the word that person's own.
const FIRST_NAME_TITLE = /^(?:Sir|Lord|Lady|Dame)\b/;

/** Full names of persons in an article by their last and by their first word (two maps: no "L:"/"F:" key strings to build). */
interface FullPersons {
  byLast: Map<string, NameMention[]>;
  byFirst: Map<string, NameMention[]>;
}

function addTo(index: Map<string, NameMention[]>, word: string, m: NameMention): void {
  const list = index.get(word);
  if (list) list.push(m);
  else index.set(word, [m]);
}

function isFullPersonWord(fullPersons: FullPersons, word: string): boolean {
  return fullPersons.byLast.has(word) || fullPersons.byFirst.has(word);
}

function isPersonNamePart(m: NameMention, fullPersons: FullPersons): boolean {
  return !m.name.includes(' ') && !KNOWN_PLACES.has(m.name) && !PLACE_WORDS.has(m.name) && isFullPersonWord(fullPersons, m.name);
}

function findFullName(m: NameMention, fullPersons: FullPersons, ctx: { titledNames: Set<string>; loneNames: Set<string> }): string | null {
  // Surname ("Ahmed") or, after Sir/Lord/Dame, first name ("Sir Keir").
  const byFirstName = FIRST_NAME_TITLE.test(m.surface);
  let best: NameMention | null = null;
  for (const p of (byFirstName ? fullPersons.byFirst : fullPersons.byLast).get(m.name) ?? []) {
    if (!best || (p.start < m.start && (best.start > m.start || p.start > best.start))) best = p;
  }
  if (best) return best.name;
  if (byFirstName || m.titled || ctx.titledNames.has(m.name)) return null; // "Mr Kim", "Prince Charles … Charles said"
  // a bare first name ("what Keir has been doing") when one person here has it, and that is surely a person's name
  // (a title or role, or the surname used alone): "Brit" is not the first name of "Brit Awards"
  const byFirst = [...new Set((fullPersons.byFirst.get(m.name) ?? []).map((p) => p.name))];
  if (byFirst.length !== 1 || byFirst[0].split(' ').length !== 2) return null;
  const surname = byFirst[0].split(' ')[1];
  const sure = (fullPersons.byFirst.get(m.name) ?? []).some((p) => p.titled || p.surface !== p.name) || ctx.loneNames.has(surname);
  return sure ? byFirst[0] : null;
}

/** Groups mentions into entities: one per canonical name, with every surface form and place. */
export function buildEntities(mentions: NameMention[]): EntityDraft[] {
  const byName = new Map<string, EntityDraft>();
  for (const m of mentions) {
    let e = byName.get(m.name);
    if (!e) {
      e = { kind: m.kind, name: m.name, aliases: [], mentions: [] };
      byName.set(m.name, e);
    }
    if (!e.aliases.includes(m.surface)) e.aliases.push(m.surface);
    e.mentions.push({ start: m.start, end: m.end });
  }
  return [...byName.values()];
}
