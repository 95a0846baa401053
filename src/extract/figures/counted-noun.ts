// The thing a number counts: "70,000 votes", "five Muslim organisations", "members of parliament".
import { PEOPLE_NOUNS } from '../lexicon.js';

/** Plural nouns for groups of people: a count of them has the unit `people`. */
const PEOPLE = new Set([
  ...PEOPLE_NOUNS, 'users', 'voters', 'customers', 'subscribers', 'viewers', 'listeners', 'readers', 'visitors', 'tourists',
  'passengers', 'shoppers', 'consumers', 'citizens', 'residents', 'inhabitants', 'households', 'families', 'players', 'athletes',
  'runners', 'supporters', 'volunteers', 'nurses', 'doctors', 'teachers', 'officers', 'police', 'firefighters',
  'employees', 'staffers', 'executives', 'investors', 'shareholders', 'drivers', 'farmers', 'miners', 'pensioners',
  'taxpayers', 'homeowners', 'tenants', 'applicants', 'graduates', 'immigrants', 'claimants',
  'delegates', 'attendees', 'participants', 'respondents', 'adults', 'teenagers', 'babies', 'infants', 'boys', 'girls',
  'survivors', 'injured', 'wounded', 'casualties', 'fatalities', 'deaths', 'militants', 'fighters', 'rebels', 'officials',
  'lawmakers', 'senators', 'mps', 'councillors', 'peers', 'ministers', 'judges', 'jurors', 'lawyers', 'scientists',
  'researchers', 'engineers', 'developers', 'artists', 'musicians', 'actors', 'journalists', 'fans', 'spectators', 'crowd',
  'slaves', 'others', 'members', 'hostages', 'detainees', 'suspects', 'victims', 'protesters', 'demonstrators', 'migrants',
  // role nouns: a count of them is a count of people
  'guests', 'diners', 'parents', 'relatives', 'neighbours', 'neighbors', 'colleagues', 'veterans', 'sailors', 'pilots',
  'surgeons', 'paramedics', 'midwives', 'carers', 'clients', 'buyers', 'traders', 'bankers', 'contestants',
  'finalists', 'campaigners', 'activists', 'witnesses', 'commuters', 'pedestrians', 'cyclists', 'motorists', 'inmates',
  'offenders', 'interns', 'trainees', 'apprentices', 'professors', 'lecturers', 'academics', 'economists', 'analysts',
  'experts', 'reporters', 'photographers', 'singers', 'dancers', 'performers', 'managers', 'directors', 'leaders',
  'diplomats', 'ambassadors', 'representatives', 'trustees', 'legislators', 'councilors', 'footballers', 'cricketers',
  'teammates', 'youths', 'kids', 'retirees', 'contractors', 'consultants', 'advisers', 'advisors', 'guards', 'agents',
]);
/** Counted nouns that are units of their own. */
const NOUN_UNITS: Record<string, string> = { votes: 'votes', seats: 'seats', points: 'points', goals: 'goals', yards: 'yards', runs: 'runs', wickets: 'wickets', times: 'times' };
const TIME_UNITS: Record<string, string> = { years: 'years', months: 'months', weeks: 'weeks', days: 'days', hours: 'hours', minutes: 'minutes', seconds: 'seconds', decades: 'decades', centuries: 'centuries' };

const NOT_NOUNS = new Set(['is', 'was', 'has', 'as', 'this', 'his', 'its', 'us', 'less', 'yes', 'plus', 'thus', 'across', 'unless', 'various', 'previous', 'serious', 'famous', 'news', 'always', 'perhaps', 'whereas', 'does', 'goes', 'gas', 'bus', 'process', 'success', 'access', 'business', 'congress', 'press', 'status', 'focus', 'campus', 'census', 'bonus', 'virus', 'crisis', 'basis', 'analysis', 'series', 'species', 'afterwards', 'towards', 'upwards', 'downwards', 'sometimes', 'nevertheless', 'ahead', 'alongside', 'outside', 'inside', 'hits', 'remains', 'stands', 'sits', 'seems', 'makes', 'takes', 'gets', 'gives', 'comes', 'means', 'leaves', 'rises', 'falls', 'grows', 'shows', 'says', 'tells', 'adds', 'wins', 'loses', 'needs', 'wants', 'costs', 'pays', 'hopes', 'plans', 'aims', 'expects', 'includes', 'runs']);
export const STOP_WORDS = /^(?:of|in|on|at|to|for|from|by|with|and|or|but|the|a|an|that|which|who|than|as|per|each|more|less|after|before|since|ago|last|this|next|is|was|were|are|be|have|has|had|will|would|could|it|he|she|they|we|into|over|under|between|among|against|about|while|when|where|if)$/i;

export interface CountedNoun {
  subject: string;
  head: string;
  /** characters of `after` it covers */
  length: number;
}

const NOUN_RE = /^\s+((?:[\p{L}’'-]+\s+){0,2}[\p{L}’'-]+)(?![\p{L}’'-])/u;

/** The plural noun counted by a number ("votes", "Muslim organisations", "members of parliament"), after at most two modifiers. */
export function readCountedNoun(after: string): CountedNoun | null {
  const m = NOUN_RE.exec(after);
  if (!m) return null;
  const words = m[1].split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (STOP_WORDS.test(w)) return null;
    const lower = w.toLowerCase();
    // a capitalised word before another is part of a name ("Davis Cup ties"); in -us, -os, -es it is a name ("Jones")
    const named = /^\p{Lu}/u.test(w) && (/(?:us|os|es)$/.test(lower) || /^\p{Lu}/u.test(words[i + 1] ?? ''));
    // "-ous" words are adjectives ("six rather nervous students"), never plural nouns
    const plural = (/[^s'’]s$/.test(lower) && !lower.endsWith('ous') && !named && lower.length > 3 && !NOT_NOUNS.has(lower)) || PEOPLE.has(lower) || /^[A-Z]{2,}s$/.test(w) || lower === 'people' || lower === 'children';
    if (plural) {
      let subject = words.slice(0, i + 1).join(' ');
      let length = after.indexOf(w) + w.length;
      const ofPart = /^\s+of\s+([a-z]+)(?![\p{L}])/u.exec(after.slice(length));
      if (ofPart && /^(?:members|share|percentage|proportion|number|cases)$/.test(lower)) {
        subject += ` of ${ofPart[1]}`;
        length += ofPart[0].length;
      }
      return { subject, head: lower, length };
    }
    // modifiers are allowed only before a plural noun ("five Muslim organisations", not "5 Pillars pledge");
    // a lower-case word before a name is no modifier of it ("100m champion Kim Collins")
    if (i === words.length - 1 || (/^\p{Ll}/u.test(w) && /^\p{Lu}/u.test(words[i + 1]))) return null;
  }
  return null;
}

/** The unit of a counted noun: its own (votes, seats, years…), `people` for groups of people, else `count`. */
export function unitOfNoun(head: string, subject?: string): string {
  // "members of parliament" count seats in a body; "25 members" are people
  if (subject && / of /.test(subject) && head === 'members') return 'count';
  return NOUN_UNITS[head] ?? TIME_UNITS[head] ?? (PEOPLE.has(head) ? 'people' : 'count');
}
