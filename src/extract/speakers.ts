import type { NameMention } from './entities.js';
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

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const CUE_SOURCE = [...new Set(CUE_VERBS)].sort((a, b) => b.length - a.length).map(escape).join('|');
/** A cue verb or phrase (lower case only: "Said" at a sentence start is more likely a name). */
export const CUE_RE = new RegExp(String.raw`(?<![\p{L}’'-])(?:${CUE_SOURCE})(?![\p{L}’'-])`, 'gu');

const NOMINAL_HEADS = [...new Set([...ORG_NOUNS, ...PERSON_ROLE_NOUNS, ...ANONYMOUS_NOUNS])].sort((a, b) => b.length - a.length).map(escape).join('|');
const NOMINAL_RE = new RegExp(
  String.raw`(?<![\p{L}])(?:(the|a|an|one|another|The|A|An|One|Another|its|his|her|their|Its|His|Her|Their)\s+((?:[\p{L}’'-]+\s+){0,4}?)|((?:[A-Z][\p{L}’'-]*\s+){1,4}))(${NOMINAL_HEADS})(?![\p{L}])`,
  'gu',
);
const PRONOUN_RE = /(?<![\p{L}’'])(he|she|they|it|He|She|They|It)(?![\p{L}’'])/gu;

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

function inQuoted(ctx: SpeakerContext, start: number, end: number): boolean {
  for (const q of ctx.quoted) if (start < q.end && end > q.start) return true;
  return false;
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
  const slice = text.slice(from, to);
  for (const p of slice.matchAll(PRONOUN_RE)) {
    const start = from + p.index;
    if (!inQuoted(ctx, start, start + 1)) out.push({ start, end: start + p[0].length, text: p[0], type: 'pronoun' });
  }
  for (const n of slice.matchAll(NOMINAL_RE)) {
    const start = from + n.index;
    const end = start + n[0].length;
    if (inQuoted(ctx, start, end)) continue;
    // a nominal replaces the names inside it ("the TMV website", "a Lib Dem spokesperson")
    for (let i = out.length - 1; i >= 0; i--) {
      if (out[i].type === 'name' && out[i].start >= start && out[i].end <= end) out.splice(i, 1);
    }
    out.push({ start, end, text: n[0], type: 'nominal', head: n[4].toLowerCase(), determiner: (n[1] ?? '').toLowerCase() });
  }
  // "The leader of Muslims for Change": the role is the speaker, described by the name.
  for (const c of out) {
    if (c.type !== 'name') continue;
    const before = text.slice(Math.max(from, c.start - 40), c.start);
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
    const end = start + m[0].length;
    if (quoted.some((q) => start >= q.start && start < q.end)) continue;
    if (/^(?:add|adds|added|adding|told|tells|say|said|says|read|reads|called|thought|believed|quoted)$/.test(m[0]) && /^\s+to\s/.test(text.slice(end, end + 5)) && !/^\s+to\s+(?:the\s+)?[A-Z]/.test(text.slice(end, end + 12))) continue;
    if (/^(?:read|reads|called|thought|believed|quoted|asked|asks)$/.test(m[0]) && !/^\s*[:,]/.test(text.slice(end, end + 3)) && m[0] !== 'called' && m[0] !== 'asked') continue;
    if (/^(?:posts|post|writing|written|comments|notes|claims|remarks|states|reads|warning|writes)$/.test(m[0]) && /\b(?:the|a|an|his|her|its|their|of)\s+$/i.test(text.slice(Math.max(0, start - 6), start))) continue; // nouns
    out.push({ start, end, cue: m[0] });
  }
  return out;
}

function lastCue(ctx: SpeakerContext, from: number, to: number): CueHit | null {
  const all = cuesIn(ctx, from, to);
  return all.length ? all[all.length - 1] : null;
}

function firstCue(ctx: SpeakerContext, from: number, to: number): CueHit | null {
  return cuesIn(ctx, from, to)[0] ?? null;
}

/** The subject of a cue: the nearest candidate before it, skipping appositives ("Ahmed, president of X, said"). */
function subjectBefore(ctx: SpeakerContext, cands: Candidate[], cueStart: number): Candidate | null {
  const { text } = ctx;
  // "Tom Brake, the Lib Dem candidate for X, who said": the subject is the antecedent of "who"
  const relative = new RegExp(String.raw`,\s*(?:who|which)(?:\s+${AUX})*\s+$`, 'i').exec(text.slice(Math.max(0, cueStart - 60), cueStart));
  if (relative) {
    const commaAt = cueStart - relative[0].length;
    for (let i = cands.length - 1; i >= 0; i--) {
      const c = cands[i];
      if (c.end > commaAt || (c.type === 'name' && (c.mention?.oblique || (/who/i.test(relative[0]) && c.mention?.kind !== 'person')))) continue;
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
    if (/^\s*,\s*$/.test(gap) && c.type === 'name' && c.mention?.kind === 'person' && /,\s*$/.test(text.slice(Math.max(0, c.start - 3), c.start))) appositiveName = c;
    if (ALLOWED_GAP.test(gap) && !(c.type === 'name' && c.mention?.oblique && gap.trim())) return pick(c);
    const appositive = new RegExp(String.raw`^\s*[,–—(]([^]*)[,–—)](?:\s+${AUX})*\s*$`).exec(gap);
    if (appositive && gap.length < 160 && appositive[1].trim()) {
      const inner = appositive[1];
      if ((!/[,–—]/.test(inner) || /^\s*(?:who|which|a|an|the)\b/.test(inner)) && !firstCue(ctx, c.end, cueStart - 1)) return pick(c);
    }
    if (/[.;:!?]/.test(gap)) return null;
  }
  return null;
}

/** Turns a candidate into a canonical speaker, resolving pronouns and nominals to earlier entities. */
function resolve(ctx: SpeakerContext, c: Candidate, cue: string | null): Attribution {
  const base = { speakerText: c.text, cue, at: c.start };
  if (c.type === 'name' && c.mention) {
    return { ...base, speaker: c.mention.name, confidence: 0.9, speakerKind: c.mention.kind };
  }
  if (c.type === 'pronoun') {
    const p = c.text.toLowerCase();
    const wantPerson = p === 'he' || p === 'she';
    const found = wantPerson ? recentPerson(ctx, c.start) : recentGroup(ctx, c.start);
    if (found) return { ...base, speaker: found.name, confidence: 0.75, speakerKind: found.kind };
    return { ...base, speaker: null, confidence: 0.2, speakerKind: null };
  }
  const head = c.head ?? '';
  const det = c.determiner ?? '';
  const bare = c.text.replace(/^(?:the|a|an|one|another|its|his|her|their)\s+/i, '');
  const definite = det === 'the' || det === 'its' || det === 'his' || det === 'her' || det === 'their';
  if (head === 'role-of') return { ...base, speaker: bare, confidence: 0.7, speakerKind: 'nominal' };
  // "the TMV website says": a publication of a named body speaks for it
  if (/^(?:website|account|page|blog|statement|manifesto)$/.test(head)) {
    const owner = ctx.mentions.find((m) => m.start >= c.start && m.end <= c.end && m.kind === 'organisation');
    if (owner) return { ...base, speaker: owner.name, confidence: 0.7, speakerKind: 'organisation' };
    if (det === 'its' || det === 'their') {
      const org = recentGroup(ctx, c.start, true);
      if (org) return { ...base, speaker: org.name, confidence: 0.6, speakerKind: 'organisation' };
    }
  }
  if (definite && ORG_NOUNS.has(head) && !head.endsWith('s')) {
    const org = recentGroup(ctx, c.start, true);
    if (org) return { ...base, speaker: org.name, confidence: 0.75, speakerKind: 'organisation' };
  }
  if (definite && PERSON_ROLE_NOUNS.has(head) && !ANONYMOUS_NOUNS.has(head) && !/[A-Z]/.test(bare.slice(0, bare.length - head.length))) {
    const person = recentPerson(ctx, c.start);
    if (person) return { ...base, speaker: person.name, confidence: 0.65, speakerKind: 'person' };
  }
  return { ...base, speaker: det === 'the' && !bare.includes(' ') ? `the ${bare}` : bare, confidence: 0.6, speakerKind: 'nominal' };
}

/** The most recent person who is a subject (not inside quotes, not after a preposition), or the last person speaker. */
function recentPerson(ctx: SpeakerContext, before: number): { name: string; kind: 'person' } | null {
  // the person quoted in this or the previous paragraph is the likeliest "he"/"she"
  const lastPerson = lastPersonSpeaker(ctx);
  if (lastPerson?.speaker && paragraphIndex(ctx, before) - paragraphIndex(ctx, lastPerson.at) <= 1) {
    return { name: lastPerson.speaker, kind: 'person' };
  }
  let best: NameMention | null = null;
  for (const m of ctx.mentions) {
    if (m.start >= before) break;
    if (m.kind === 'person' && !m.oblique && !inQuoted(ctx, m.start, m.end)) best = m;
  }
  const last = lastPerson;
  if (best && (!last || best.start >= last.at - 1 || before - best.start < 400)) return { name: best.name, kind: 'person' };
  if (last?.speaker) return { name: last.speaker, kind: 'person' };
  return best ? { name: best.name, kind: 'person' } : null;
}

function lastPersonSpeaker(ctx: SpeakerContext): Attribution | null {
  for (let i = ctx.history.length - 1; i >= 0; i--) if (ctx.history[i].speakerKind === 'person' && ctx.history[i].speaker) return ctx.history[i];
  return null;
}

/** The most recent organisation (or the last group speaker) for "they", "it", "the group". */
function recentGroup(ctx: SpeakerContext, before: number, orgOnly = false): { name: string; kind: 'organisation' | 'nominal' } | null {
  const last = ctx.history.length ? ctx.history[ctx.history.length - 1] : null;
  if (last?.speaker && (last.speakerKind === 'organisation' || (!orgOnly && last.speakerKind === 'nominal' && /s$/.test(last.speaker))) && before - last.at < 1500) {
    return { name: last.speaker, kind: last.speakerKind };
  }
  let best: NameMention | null = null;
  for (const m of ctx.mentions) {
    if (m.start >= before) break;
    if (m.kind === 'organisation' && !m.oblique && !inQuoted(ctx, m.start, m.end) && m.name.length > 2) best = m;
  }
  return best ? { name: best.name, kind: 'organisation' } : null;
}

/**
 * Speaker named after a quote in the same sentence: `“…,” the group said`, `"…," said Mr Brown`,
 * `"…," he could be heard saying`. `after` is just past the closing mark; `limit` the sentence or next quote.
 */
export function findSpeakerAfter(ctx: SpeakerContext, quoteEnd: number, after: number, limit: number): Attribution | null {
  const { text } = ctx;
  const closing = text.slice(Math.max(0, quoteEnd - 1), after);
  const rest = text.slice(after, limit);
  if (!/[,.!?…–—-]/.test(closing) && !/^\s*[,–—]/.test(rest)) return null;
  const sentenceEnd = after + (/[.!?;:](?:\s|$)|[“"]/.exec(rest)?.index ?? rest.length);
  const cue = firstCue(ctx, after, sentenceEnd);
  if (!cue || cue.start - after > 80 || LABEL_CUES.has(cue.cue)) return null;
  const cands = candidatesIn(ctx, after, sentenceEnd);
  if (text.slice(after, cue.start).trim().replace(/^[,–—]\s*/, '') === '') {
    // inverted: `"…," said Ahmed`; a participle here (`”, saying they…`) starts a new clause
    if (!c2(cue.cue)) return null;
    const subj = cands.find((c) => c.start >= cue.end && /^\s*(?:the\s+)?$/i.test(text.slice(cue.end, c.start)) );
    return subj ? resolve(ctx, subj, cue.cue) : null;
  }
  const subj = subjectBefore(ctx, cands.filter((c) => c.end <= cue.start), cue.start);
  if (!subj || !/^\s*[,–—]?\s*$/.test(text.slice(after, subj.start))) return null;
  return resolve(ctx, subj, cue.cue);
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
  if (cue.cue === 'according to') {
    const agent = cands.find((c) => c.start >= cue!.end && c.start - cue!.end < 8);
    return agent ? resolve(ctx, agent, cue.cue) : null;
  }
  // inverted: `said Mr Brown: “…”`
  const inverted = cands.find((c) => c.start >= cue!.end && /^\s+$/.test(text.slice(cue!.end, c.start)) && /^\s*[:,]/.test(text.slice(c.end, open)));
  if (inverted && c2(cue.cue)) return resolve(ctx, inverted, cue.cue);
  if (PARTICIPLE_CUES.has(cue.cue)) {
    const finite = lastFiniteCue(ctx, from, cue.start);
    if (finite) cue = finite;
    else {
      const subject = sentenceSubject(cands, cue.start);
      return subject ? resolve(ctx, subject, cue.cue) : null;
    }
  }
  let subj = subjectBefore(ctx, cands, cue.start);
  // "He has also posted X, and claimed that …": a coordinated verb shares the sentence subject
  if (!subj && /\band\s+$/.test(text.slice(Math.max(from, cue.start - 12), cue.start))) subj = sentenceSubject(cands, cue.start);
  return subj ? resolve(ctx, subj, cue.cue) : null;
}

/** The first name or pronoun of a sentence that is not inside a prepositional phrase; a nominal if there is none. */
function sentenceSubject(cands: Candidate[], before: number): Candidate | null {
  const ok = cands.filter((c) => c.end <= before && !(c.type === 'name' && (c.mention?.oblique || c.mention?.kind === 'place')));
  return ok.find((c) => c.type !== 'nominal') ?? ok[0] ?? null;
}

const c2 = (cue: string): boolean => /^(?:said|says|added|adds|wrote|writes|asked|continued|replied)$/.test(cue);

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
