// Tables and small text tests for the speaker patterns around a cue: where a clause ends (not at "Mr."), which words
// may stand between a quote and its speaker ("mobile analyst Carolina Milanesi told"), and the nouns that name a
// body or a person by role ("the commission said", "the senator said").
import { isAbbreviationDot } from '../ingest/segment.js';
import { ORG_NOUNS, PERSON_ROLE_NOUNS } from './lexicon.js';

/** Nouns naming an organisation that speaks ("the commission said in a statement"), beyond lexicon.ORG_NOUNS. */
export const SPEAKING_ORG_NOUNS = new Set([
  ...ORG_NOUNS,
  'commission',
  'committee',
  'court',
  'board',
  'authority',
  'police',
  'office',
  'embassy',
  'administration',
  'team',
  'newspaper',
  'paper',
  'broadcaster',
  'network',
  'station',
  'airline',
  'carrier',
  'retailer',
  'manufacturer',
  'maker',
  'lender',
  'insurer',
  'studio',
  'publisher',
  'school',
  'university',
  'hospital',
  'trust',
  'foundation',
  'institute',
  'federation',
  'league',
  'watchdog',
  'firm',
  'startup',
  'group',
  'bureau',
  'fund',
  'panel',
  'senate',
  'parliament',
  'congress',
  'operator',
  'regulator',
  'provider',
  'supplier',
  'developer',
  'utility',
]);

/**
 * Nouns naming a person by role or description ("the senator"; "the 34-year-old" is matched apart). Kinship nouns
 * are left out: "her daughter" is someone other than the woman just named.
 */
export const PERSON_ROLE_HEADS = new Set([
  ...PERSON_ROLE_NOUNS,
  'senator',
  'congressman',
  'congresswoman',
  'representative',
  'governor',
  'mayor',
  'judge',
  'prosecutor',
  'attorney',
  'sheriff',
  'commissioner',
  'officer',
  'detective',
  'inspector',
  'nurse',
  'pastor',
  'doctor',
  'teacher',
  'headteacher',
  'pupil',
  'student',
  'owner',
  'chairwoman',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'forward',
  'priest',
  'vicar',
  'winger',
  'quarterback',
  'pitcher',
  'rookie',
  'athlete',
  'driver',
  'rider',
  'runner',
  'skipper',
  'lawmaker',
  'legislator',
  'diplomat',
  'envoy',
  'ambassador',
  'researcher',
  'scientist',
  'historian',
  'economist',
  'strategist',
  'pollster',
  'novelist',
  'artist',
  'filmmaker',
  'investor',
  'banker',
  'trader',
  'farmer',
  'victim',
  'survivor',
]);

/** Role words that abbreviated honorifics stand for, so "the senator" finds "Sen. Maria Lopez". */
export const ROLE_OF_HONORIFIC: Record<string, string[]> = {
  'Sen.': ['senator'],
  'Rep.': ['representative', 'congressman', 'congresswoman', 'lawmaker'],
  'Gov.': ['governor'],
  'Gen.': ['general'],
  'Dr.': ['doctor'],
  Dr: ['doctor'],
  'Prof.': ['professor'],
  Prof: ['professor'],
  'Det.': ['detective'],
  'Insp.': ['inspector'],
  'Amb.': ['ambassador'],
  'Rev.': ['reverend', 'pastor', 'minister', 'priest'],
  Judge: ['judge'],
  Mayor: ['mayor'],
  Senator: ['senator'],
  Governor: ['governor'],
  President: ['president'],
  Chancellor: ['chancellor'],
};

/**
 * Where the clause after `from` ends (before `to`): a full stop, ?, !, ; or : followed by a space or the end, or an
 * opening quote mark. Full stops of abbreviated honorifics and initials ("Mr.", "Sen.", "J.") do not end it.
 */
export function clauseEnd(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c || c === 34) return i; // “ or "
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58) {
      const next = text.charCodeAt(i + 1);
      if (i + 1 < text.length && next !== 32 && next !== 10 && next !== 9 && next !== 0xa0) continue;
      if (c === 46 && isAbbreviationDot(text, 0, i)) continue;
      return i;
    }
  }
  return to;
}

/**
 * Words that may stand between a quote (or a cue) and the speaker's name: a determiner and a role phrase of up to six
 * words, possessives and hyphens allowed ("the", "mobile analyst", "Labour's shadow chancellor", "3 spokesperson",
 * "Russian oil official"). No punctuation, so a new clause never slips in.
 */
const ROLE_PREFIX_GAP = /^(?:['’]s?)?\s*[,–—]?\s*(?:(?:[Tt]he|[Aa]n?)\s+)?(?:[\p{L}\p{N}][\p{L}\p{N}’'.&-]*\s+){0,6}$/u;

/** Whether the words between two points are a role prefix with at least one lower-case word (a real description). */
export function isRolePrefix(gap: string): boolean {
  return gap.length < 90 && ROLE_PREFIX_GAP.test(gap);
}
