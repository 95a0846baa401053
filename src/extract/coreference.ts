// What the speaker rules know about the people of one article for coreference: each person's gender (from an
// honorific, a given name, or a pronoun already bound to them) and the roles they were introduced with ("Gov. Teresa
// Lindqvist", "Dolores Whitaker, the senator", "Transport Secretary Fiona MacAulay"), so "she", "the governor" and
// "the senator" find the person who agrees, not the nearest capitalised word.
import type { NameMention } from './entities.js';
import { ROLE_OF_HONORIFIC } from './cues.js';
import { type Gender, genderOfGivenName, genderOfHonorific } from './honorifics.js';

export interface PeopleFacts {
  /** canonical person name -> gender, when anything in the article says it */
  gender: Map<string, Gender>;
}

/** Genders of the persons named in an article: an honorific on any mention beats a given name. */
export function collectPeopleFacts(mentions: NameMention[]): PeopleFacts {
  const gender = new Map<string, Gender>();
  const fromHonorific = new Set<string>();
  for (const m of mentions) {
    if (m.kind !== 'person') continue;
    const firstSurface = firstWordOf(m.surface);
    const byTitle = m.titled ? genderOfHonorific(firstSurface) : null;
    if (byTitle) {
      gender.set(m.name, byTitle);
      fromHonorific.add(m.name);
      continue;
    }
    if (fromHonorific.has(m.name) || gender.has(m.name)) continue;
    const sp = m.name.indexOf(' ');
    const byName = sp > 0 ? genderOfGivenName(m.name.slice(0, sp)) : null;
    if (byName) gender.set(m.name, byName);
  }
  return { gender };
}

/** Whether a person may be the referent of a pronoun of `want` gender (unknown genders agree with everything). */
export function agreesInGender(facts: PeopleFacts, name: string, want: Gender | null): boolean {
  if (!want) return true;
  const g = facts.gender.get(name);
  return !g || g === want;
}

/** Records that a pronoun was bound to a person of unknown gender, so later pronouns agree with it. */
export function learnGender(facts: PeopleFacts, name: string, g: Gender | null): void {
  if (g && !facts.gender.has(name)) facts.gender.set(name, g);
}

const ROLE_WINDOW = 60;
const ROLE_RE = new Map<string, { before: RegExp; anywhere: RegExp }>();

function firstWordOf(s: string): string {
  const sp = s.indexOf(' ');
  return sp < 0 ? s : s.slice(0, sp);
}

/**
 * Whether the person at mention `m` was introduced with the role `head` ("senator", "governor", "pastor"): by an
 * abbreviated honorific (Sen., Gov.), by role words just before the name ("Transport Secretary Fiona MacAulay",
 * "councillor Bernadette Lowe"), or by an apposition after it ("Samuel Okonkwo, the church's pastor,").
 */
export function introducedWithRole(text: string, m: NameMention, head: string): boolean {
  if (ROLE_OF_HONORIFIC[firstWordOf(m.surface)]?.includes(head)) return true;
  // cheap first test: the role word (its first five letters, any case) somewhere near the name
  const stem = head.slice(0, 5);
  const near = text.slice(Math.max(0, m.start - ROLE_WINDOW), m.end + 90).toLowerCase();
  if (!near.includes(stem)) return false;
  let re = ROLE_RE.get(head);
  if (!re) {
    const word = head.replace(/[^\p{L}-]/gu, '');
    // the role word right before the name, maybe with capitalised words between ("mayor Ken", "Mayor of London Sadiq")
    const before = new RegExp(String.raw`(?:^|[^\p{L}])${word}s?(?:\s+(?:of|for|the|[A-Z][\p{L}’'.-]*))*\s+$`, 'iu');
    const anywhere = new RegExp(String.raw`(?:^|[^\p{L}])${word}s?(?:[^\p{L}]|$)`, 'iu');
    re = { before, anywhere };
    ROLE_RE.set(head, re);
  }
  if (re.anywhere.test(m.surface)) return true; // "Senator Dolores Whitaker", "Mayor Paul Grant"
  if (re.before.test(text.slice(Math.max(0, m.start - ROLE_WINDOW), m.start))) return true;
  // an apposition: ", the church's pastor," / ", a Democrat who …" up to the next comma or full stop
  const after = /^,\s*([^,.;:“”"]{1,80})/.exec(text.slice(m.end, m.end + 90));
  return !!after && re.anywhere.test(after[1]);
}
