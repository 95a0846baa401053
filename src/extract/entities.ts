import type { EntityDraft } from './types.js';
import { isLetterUnit } from './chars.js';
import { KNOWN_ORGS, NON_NAME_WORDS, ORG_WORDS, PERSON_ROLE_NOUNS, PREPOSITIONS, ROLE_WORDS, TITLES } from './lexicon.js';

export type EntityKind = EntityDraft['kind'];

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
}

const TOKEN = String.raw`(?:(?:al|el|bin|ibn|ben|abu|van|von|de|di|da|du|le|la|mac|Mc|O)[-’']?)?[A-Z][\p{L}\p{M}’'\-]*[\p{L}\p{M}]|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Rev|Gen|Gov|Sen|Rep)\.|[A-Z]\.`;
const CONNECTOR = String.raw`(?: (?:of the|of|for|de|van|von|bin|ibn|al|&|and the) | )`;
// A capitalised run; may start glued to a lower-case word by a scraper ("candidateAyoub Khan").
const NAME_RE = new RegExp(
  String.raw`(?=[A-Z]|(?:al|el|bin|ibn|ben|abu|van|von|de|di|da|du|le|la|mac)[-’']?[A-Z])(?:(?<![\p{L}\p{N}])|(?<=(?:^|[^\p{L}])\p{Ll}{3,}))(?:${TOKEN})(?:${CONNECTOR}(?:${TOKEN}))*`,
  'gu',
);

const KNOWN_PLACES = new Set([
  'UK', 'US', 'USA', 'Britain', 'England', 'Scotland', 'Wales', 'Ireland', 'Northern Ireland', 'London', 'Birmingham',
  'Gaza', 'Israel', 'Palestine', 'France', 'Germany', 'Europe', 'America', 'China', 'Russia', 'Ukraine', 'India',
  'Pakistan', 'Iran', 'Iraq', 'Afghanistan', 'Syria', 'Lebanon', 'Egypt', 'Japan', 'Australia', 'Canada', 'Spain', 'Italy',
  'Manchester', 'Leeds', 'Glasgow', 'Edinburgh', 'Cardiff', 'Belfast', 'Bradford', 'Liverpool', 'Washington', 'Paris',
  'Brussels', 'Moscow', 'Beijing', 'Tokyo', 'New York', 'Africa', 'Asia', 'South Africa', 'West Bank', 'Kashmir',
]);

const PLACE_WORDS = new Set(['Sea', 'Ocean', 'River', 'Street', 'Road', 'Square', 'Squares', 'Hill', 'Bay', 'Island', 'Islands', 'Mountain', 'Mountains', 'Valley', 'Lake', 'Park', 'Bridge', 'Airport', 'Station', 'Avenue', 'Lane', 'County', 'Province', 'Region', 'Strip', 'Heights', 'Coast', 'Gulf', 'Peninsula', 'Desert', 'Forest', 'Borough', 'Constituency', 'Ward']);

// First words that make a run an adjective phrase, not a name ("British Muslims", "Palestinian Authority" is an org by its word).
const ADJECTIVAL = new Set([
  'British', 'Muslim', 'Jewish', 'Palestinian', 'Israeli', 'Islamic', 'Islamist', 'Zionist', 'European', 'American',
  'English', 'Scottish', 'Welsh', 'Irish', 'French', 'German', 'Chinese', 'Indian', 'Pakistani', 'Arab', 'Asian',
  'Christian', 'Catholic', 'Western', 'Eastern', 'Northern', 'Southern', 'Middle', 'Anti', 'Pro', 'Hindu', 'Sikh',
  'African', 'Russian', 'Ukrainian', 'Iranian', 'Iraqi', 'Syrian', 'Turkish', 'Japanese', 'Australian', 'Canadian',
  'Spanish', 'Italian', 'Dutch', 'Swedish', 'Global', 'International', 'National', 'Royal', 'Federal', 'General',
]);

const TRAILING_NON_NAME = /^(?:[A-Z]\.)$/;

interface Token {
  text: string;
  start: number;
  end: number;
}

/** Every capitalised name in the text, classified and canonicalised (surname-only mentions resolved). */
export function findNameMentions(text: string): NameMention[] {
  const lowerWords = collectLowercaseWords(text);
  const raw: NameMention[] = [];
  NAME_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME_RE.exec(text))) {
    // a possessive inside a run separates two names: "Labour’s Rushanara Ali"
    let offset = 0;
    const parts = m[0].includes('s ') && /['’]s /.test(m[0]) ? m[0].split(/(?<=['’]s) (?=[A-Z])/) : [m[0]];
    for (const part of parts) {
      const mention = toMention(text, m.index + offset, part, lowerWords);
      if (mention) raw.push(mention);
      offset += part.length + 1;
    }
  }
  const acronyms = linkAcronyms(text, raw);
  return canonicaliseMentions(text, raw, acronyms);
}

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

/** The words of a name run (NAME_RE joins them with single spaces). */
function tokenise(run: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  for (const word of run.split(' ')) {
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
  return c === '\n' || c === '.' || c === '!' || c === '?' || c === ':' || c === '“' || c === '"' || c === '‘' || c === '(' || c === '•' || c === '–' || c === '—';
}

const CONNECTOR_WORDS = new Set(['of', 'for', 'the', 'de', 'van', 'von', 'bin', 'ibn', 'al', '&', 'and']);

function toMention(text: string, index: number, run: string, lowerWords: { has(word: string): boolean }): NameMention | null {
  if (!run.includes(' ') && (NON_NAME_WORDS.has(run) || (run.length < 2 && run !== 'X'))) return null; // fast path: "The", "However"
  const all = tokenise(run, index);
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
  const words = surface.split(' ');
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
  const name = nameWords.join(' ').replace(/\.$/, '');
  const kind = classify(text, start, name, nameWords, titled, cutAt >= 0);
  if (!kind) return null;
  return { start, end, surface, name, kind, oblique: isOblique(text, start), titled };
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

function classify(text: string, start: number, name: string, words: string[], titled: boolean, hadRole: boolean): EntityKind | null {
  if (KNOWN_ORGS.has(name)) return 'organisation';
  if (KNOWN_PLACES.has(name) || PLACE_WORDS.has(words[words.length - 1])) return 'place';
  if (/^(?:Pro|Anti|Non|Ex|Post|Pre)-/.test(words[0])) return null;
  if (words.some((w) => ORG_WORDS.has(w.replace(/['’]s?$/, '')))) return titled ? 'person' : 'organisation';
  if (/^[A-Z][A-Z&]{1,6}s?$/.test(name)) return 'organisation'; // an acronym: TMV, LMN, BBC
  if (titled || hadRole) return 'person';
  if (words.length === 1) {
    // single capitalised words are kept as candidates; demonyms and plurals are not names
    if (/(?:ian|ians|ish|ese|ists?|ism|ic|ics)$/.test(name) || ADJECTIVAL.has(name)) return null;
    return 'person';
  }
  if (ADJECTIVAL.has(words[0])) return null;
  if (isPlaceContext(text, start)) return 'place';
  return 'person';
}

function isPlaceContext(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 12), start);
  return /\b(?:in|at|near|from|across|of|to)\s+(?:the\s+)?$/.test(before);
}

/** A mention inside a prepositional phrase ("from journalist Andrew Gilligan") is an unlikely subject. */
function isOblique(text: string, start: number): boolean {
  let i = start - 1;
  let role = false;
  for (let n = 0; n < 4; n++) {
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
  const initials = long.split(/[\s-]+/).filter((w) => /^[A-Z]/.test(w)).map((w) => w[0]).join('');
  return initials === acronym || initials.includes(acronym) || acronym.includes(initials.slice(0, 2));
}

/** Resolves surname-only and acronym mentions to the full names used in the same article. */
// A role noun right after a lone capitalised word makes the word a modifier: "Reds skipper", "Chelsea boss".
const ATTRIBUTIVE_ROLE = /^\s(?:skipper|boss|manager|coach|captain|chairman|chief|striker|midfielder|defender|goalkeeper|spokesman|spokeswoman|spokesperson|fans|supporters|side|squad|team|shares|shareholders|executives|staff|workers)\b/;

function canonicaliseMentions(text: string, mentions: NameMention[], acronymOf: Map<string, string>): NameMention[] {
  const fullPersons = new Map<string, NameMention[]>();
  for (const m of mentions) {
    if (m.kind !== 'person' || !m.name.includes(' ')) continue;
    const parts = m.name.split(' ');
    for (const key of [`L:${parts[parts.length - 1]}`, `F:${parts[0]}`]) {
      const list = fullPersons.get(key);
      if (list) list.push(m);
      else fullPersons.set(key, [m]);
    }
  }
  const placeNames = new Set(mentions.filter((m) => m.kind === 'place').map((m) => m.name));
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
    if (m.kind === 'person' && placeNames.has(m.name)) m.kind = 'place';
    if (m.kind === 'person' && orgNames.has(m.name)) m.kind = 'organisation';
    if (m.kind === 'person' && !m.name.includes(' ')) {
      const full = findFullName(m, fullPersons);
      if (full) m.name = full;
      else if (!m.titled) {
        const org = orgStartingWith.get(m.name);
        if (org) {
          m.name = org; // "Texas Instruments … Texas said"
          m.kind = 'organisation';
        } else if (ATTRIBUTIVE_ROLE.test(text.slice(m.end, m.end + 16))) m.kind = 'organisation'; // "Reds skipper", "Blues boss"
        else m.weak = true;
      }
    }
    out.push(m);
  }
  return out;
}

function findFullName(m: NameMention, fullPersons: Map<string, NameMention[]>): string | null {
  // Surname ("Ahmed") or, after Sir/Lord/Dame, first name ("Sir Keir").
  const byFirstName = /^(?:Sir|Lord|Lady|Dame)\b/.test(m.surface);
  let best: NameMention | null = null;
  for (const p of fullPersons.get(`${byFirstName ? 'F' : 'L'}:${m.name}`) ?? []) {
    if (!best || (p.start < m.start && (best.start > m.start || p.start > best.start))) best = p;
  }
  return best ? best.name : null;
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
