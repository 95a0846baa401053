// The role a speaker is introduced with, kept as their description: an apposition after the name ("Ian Brook, the
// club's head coach") or role words before it ("mobile analyst Carolina Milanesi", "Labour's shadow chancellor
// Rachel Reeves").
import { PERSON_ROLE_HEADS } from './cues.js';
import { ANONYMOUS_NOUNS, CUE_VERBS } from './lexicon.js';

const CUES = new Set(CUE_VERBS);
// ", the club's head coach," / ", chief economist at Harlow Capital," / ", a Democrat from Ohio."
const APPOSITION = /^,\s+((?:the|a|an)\s+[^,.;:“”"()]{2,70}?|[\p{Ll}][^,.;:“”"()]{2,70}?)\s*(?=[,.;:]|$)/u;
const NOT_A_ROLE = /^(?:who|which|whose|where|when|said|says|told|added|and|but|saying|adding|according)\b/;
// up to five words before the name, the last a role noun ("oil official", "head coach"); possessives allowed
const BEFORE = /(?:^|[\s(])((?:[\p{L}\p{N}][\p{L}\p{N}’'&.-]*\s+){0,4}?([\p{Ll}][\p{Ll}-]*))\s+$/u;

/** The role of the speaker whose name is text[start, end), or null when none is written next to it. */
export function findSpeakerRole(text: string, start: number, end: number): string | null {
  const after = APPOSITION.exec(text.slice(end, end + 90));
  if (after && !NOT_A_ROLE.test(after[1])) return after[1].trim();
  const before = BEFORE.exec(text.slice(Math.max(0, start - 60), start));
  if (!before) return null;
  const head = before[2];
  if (!PERSON_ROLE_HEADS.has(head) && !ANONYMOUS_NOUNS.has(head)) return null;
  // keep the role words after the last cue or determiner ("said project manager" -> "project manager")
  const words = before[1].trim().split(/\s+/);
  let from = 0;
  words.forEach((w, i) => {
    if (CUES.has(w) || /^(?:the|a|an|The|A|An)$/.test(w)) from = i + 1;
  });
  const role = words.slice(from).join(' ');
  return role || null;
}
