// What kind of entity a speaker's name stands for when the extractor did not list it as an entity (a speaker
// found only by a cue) or an editor typed it: the one rule for ingest and for editors' corrections.
import { KNOWN_ORGS, ORG_WORDS, TITLES } from './lexicon.js';
import type { EntityDraft } from './types.js';

export type SpeakerEntityKind = 'person' | 'organisation';

/** A word of a person's name: capitalised, or an initial ("J."); hyphens and apostrophes inside ("O’Brien-Smith"). */
const NAME_WORD = /^\p{Lu}[\p{L}'’.-]*$/u;
const ACRONYM = /^[A-Z][A-Z&]{1,6}s?$/;

/**
 * Person or organisation for a proper name, null for what is not one ("the source", "a spokesman", "officials").
 * A title makes a person ("Mr. Alvarez", "Dr J. Smith"); a known organisation, an organisation word ("Sky News",
 * "Unite Union") or an acronym makes an organisation; two to four name words or initials are a person
 * ("J. K. Rowling"); anything else (one word, a longer phrase) is an organisation. Pure.
 */
export function speakerEntityKind(name: string): SpeakerEntityKind | null {
  const trimmed = name.trim();
  if (!/^\p{Lu}/u.test(trimmed) || /^(the|a|an|one)\s/i.test(trimmed)) return null;
  const words = trimmed.split(/\s+/);
  if (words.length > 1 && TITLES.has(words[0]) && words.slice(1).every((w) => NAME_WORD.test(w))) return 'person';
  if (KNOWN_ORGS.has(trimmed) || ACRONYM.test(trimmed) || words.some((w) => ORG_WORDS.has(w.replace(/['’]s?$/, '')))) return 'organisation';
  return words.length >= 2 && words.length <= 4 && words.every((w) => NAME_WORD.test(w)) ? 'person' : 'organisation';
}

/**
 * A speaker the extractor named but did not list as an entity, as an entity to store: a proper name becomes one
 * (with the words the article used for it as an alias, unless they are a pronoun or a description); "the source"
 * does not.
 */
export function speakerAsEntity(name: string, speakerText: string | null): Pick<EntityDraft, 'kind' | 'name' | 'aliases'> | null {
  const kind = speakerEntityKind(name);
  if (!kind) return null;
  const properName =
    speakerText && speakerText !== name && /^\p{Lu}/u.test(speakerText) && !/^(he|she|they|it|we|the|a|an|one|his|her|their)\b/i.test(speakerText);
  return { kind, name, aliases: properName ? [speakerText] : [] };
}
