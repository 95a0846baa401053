import type { Span } from '../core/span.js';
import { speakerAsEntity } from './speaker-kind.js';
import { segmentParagraphs, segmentSentences } from '../ingest/segment.js';
import { extractAttributions } from './attributions.js';
import { type NameMention, buildEntities, findNameMentions } from './entities.js';
import { extractFigures } from './figures.js';
import { type QuoteSpan, countWords, findQuoteSpans, isIntroducedAsName, isTitleLike } from './quotes.js';
import { extractReportedSpeech } from './reported.js';
import { findSpeakerRole } from './roles.js';
import { type Attribution, type SpeakerContext, cuesIn, findSpeakerAfter, findSpeakerBefore, rememberSpeaker } from './speakers.js';
import type { ClaimDraft, EntityDraft, ExtractionResult } from './types.js';

export { EXTRACTOR_NAME } from './types.js';
export type { ExtractionResult } from './types.js';

/** Bump when the rules change: stored claims record the version that made them. */
export const EXTRACTOR_VERSION = '0.6.0';

/**
 * Claims (quotes with speakers, reported speech, attributed findings, figures) and entities of a
 * normalised article body. Pure: no I/O. For every claim `text.slice(start, end) === exact`.
 */
export function extractClaims(text: string, paragraphs?: Span[], sentences?: Span[]): ExtractionResult {
  const paras = paragraphs ?? segmentParagraphs(text);
  const sents = sentences ?? segmentSentences(text, paras);
  const mentions = findNameMentions(text);
  const quotes = findQuoteSpans(text, paras);
  const ctx: SpeakerContext = { text, mentions, quoted: quotes.map((q) => ({ start: q.open, end: q.after })), history: [], paragraphs: paras };

  const reported = extractReportedSpeech(ctx, sents);
  const quoteClaims = extractQuoteClaims(ctx, quotes, paras, sents);
  const claims: ClaimDraft[] = [...quoteClaims];
  for (const r of reported) {
    const { speaker, speakerText, cue, confidence } = r.attribution;
    claims.push(draft(text, 'reported', r.start, r.end, { speaker, speakerText, cue, confidence: Math.min(0.7, confidence) }));
  }
  for (const a of extractAttributions(text, sents, ctx.quoted)) {
    const claim = draft(text, 'attribution', a.start, a.end, { speaker: a.source, speakerText: a.source, cue: a.cue, confidence: a.confidence });
    claim.subject = a.source;
    claims.push(claim);
  }
  const quotedSpans = quotes.map((q) => ({ start: q.start, end: q.end }));
  for (const f of extractFigures(text, paras, quotedSpans)) {
    // fields set on the draft, not spread into a copy (object spread is slow here); key order stays the same
    const claim = draft(text, 'figure', f.start, f.end, { speaker: null, speakerText: null, cue: null, confidence: f.confidence });
    claim.value = f.value;
    claim.unit = f.unit;
    claim.qualifier = f.qualifier;
    claim.subject = f.subject;
    claim.denominator = f.denominator;
    claim.valueMax = f.valueMax;
    claims.push(claim);
  }
  claims.sort((a, b) => a.start - b.start || kindOrder(a.kind) - kindOrder(b.kind));
  // groupIndex was an index into the quote claims; make it the index of the group's first part in `claims`
  const finalIndex = new Map<ClaimDraft, number>();
  claims.forEach((c, i) => {
    finalIndex.set(c, i);
  });
  const firsts = quoteClaims.map((c) => (c.groupIndex == null ? null : quoteClaims[c.groupIndex]));
  quoteClaims.forEach((c, i) => {
    const first = firsts[i];
    if (first) c.groupIndex = finalIndex.get(first) ?? null;
  });
  const entities = buildEntities(mentions);
  return { claims, entities, speakerEntities: speakersAsEntities(claims, entities) };
}

// a constant table: the sort comparator runs n·log n times per article
const KIND_ORDER: Record<ClaimDraft['kind'], number> = { quote: 0, reported: 1, attribution: 2, figure: 3 };
const kindOrder = (k: ClaimDraft['kind']): number => KIND_ORDER[k];

function draft(
  text: string,
  kind: ClaimDraft['kind'],
  start: number,
  end: number,
  who: Pick<Attribution, 'speaker' | 'speakerText' | 'cue' | 'confidence'>,
): ClaimDraft {
  return {
    kind,
    exact: text.slice(start, end),
    start,
    end,
    speaker: who.speaker,
    speakerText: who.speakerText,
    cue: who.cue,
    partial: false,
    value: null,
    unit: null,
    qualifier: null,
    subject: null,
    confidence: who.confidence,
  };
}

/** Characters either side of a quote that its speaker patterns may look at. */
const MAX_FRAME = 300;

function sentenceStartOf(sentences: Span[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= at) {
      found = sentences[mid].start;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** A short fragment inside running text ("described as a “Jew baiter”"), not a sentence of speech. */
function isPartialQuote(text: string, q: QuoteSpan, inner: string): boolean {
  const before = text.slice(Math.max(0, q.open - 3), q.open);
  const afterWord = /[\p{L}\p{N}’']\s*$/u.test(before);
  return afterWord && countWords(inner) <= 6 && !/[.!?…]\s/.test(inner) && !/[.!?]$/.test(inner);
}

function hasCue(ctx: SpeakerContext, from: number, to: number): boolean {
  return cuesIn(ctx, from, to).length > 0;
}

/** Direct quotes with their speakers; names, titles and unattributed scare quotes are dropped. */
function extractQuoteClaims(ctx: SpeakerContext, quotes: QuoteSpan[], paras: Span[], sents: Span[]): ClaimDraft[] {
  const { text } = ctx;
  const out: ClaimDraft[] = [];
  let group: { index: number; who: Attribution | null } | null = null;
  let last: LastQuote | null = null;
  quotes.forEach((q, i) => {
    const para = paras[q.paragraph];
    const prev = i > 0 && quotes[i - 1].paragraph === q.paragraph ? quotes[i - 1] : null;
    const next = i + 1 < quotes.length && quotes[i + 1].paragraph === q.paragraph ? quotes[i + 1] : null;
    const inner = text.slice(q.start, q.end);
    if (isTitleLike(inner) || isIntroducedAsName(text, q.open)) return;
    // bounded frames: speaker patterns sit within a few hundred characters of the marks, and unbounded ones made
    // a long sentence full of quotes quadratic
    const leftFrom = Math.max(sentenceStartOf(sents, q.open), para.start, q.open - MAX_FRAME);
    const rightLimit = Math.min(next ? next.open : para.end, q.after + MAX_FRAME);
    const partial = isPartialQuote(text, q, inner);

    let who: Attribution | null = null;
    if (q.continuation && group) who = group.who;
    else who = findSpeakerAfter(ctx, q.end, q.after, rightLimit) ?? findSpeakerBefore(ctx, leftFrom, q.open, q.after, rightLimit);

    if (!who && partial) {
      // a scare quote or term with no one saying it in its sentence is not a quote
      const sentenceEnd = Math.min(rightLimit, sentenceEndAfter(sents, q.after));
      if (!hasCue(ctx, leftFrom, q.open) && !hasCue(ctx, q.after, sentenceEnd)) return;
      if (/^\s*(?:asked|asks)\b/i.test(text.slice(leftFrom, q.open)) || /\basked\s+(?:whether|if|how|why|what)\b/.test(text.slice(leftFrom, q.open))) return;
    }
    const frameEmpty = !text.slice(prev ? Math.max(prev.after, leftFrom) : leftFrom, q.open).trim();
    if (!who && !partial && frameEmpty) who = carriedOverSpeaker(ctx, q, last, paras, sents);
    const claim = draft(text, 'quote', q.start, q.end, who ?? { speaker: null, speakerText: null, cue: null, confidence: 0.2 });
    claim.partial = partial;
    // a named speaker found next to the quote keeps the role written with the name
    if (who?.speakerText && who.speakerKind === 'person' && who.confidence >= 0.85 && text.startsWith(who.speakerText, who.at)) {
      claim.speakerRole = findSpeakerRole(text, who.at, who.at + who.speakerText.length);
    }
    if (q.continuation && group) claim.groupIndex = group.index;
    if (q.runsOn) {
      if (!q.continuation || !group) group = { index: out.length, who };
      claim.groupIndex = group.index;
    } else if (!q.continuation) group = null;
    out.push(claim);
    if (who?.speaker) rememberSpeaker(ctx, copyAttribution(who, who.confidence, Math.max(who.at, q.start)));
    last = { paragraph: q.paragraph, who, after: q.after, runsOn: q.runsOn };
  });
  return out;
}

/**
 * The speaker of a quote that opens its sentence with no cue (sieves in order): the speaker of the quote just before
 * (same paragraph, or a previous paragraph that ended with it); a speaker reported just before ("But Ms. Lee said the
 * plan had failed." ¶ "It was never going to work."); the person the previous paragraph is about ("Errol Batiste, 71,
 * rode out the storm …" ¶ "The water came up the stairs …").
 */
function carriedOverSpeaker(ctx: SpeakerContext, q: QuoteSpan, last: LastQuote | null, paras: Span[], sents: Span[]): Attribution | null {
  const { text } = ctx;
  const reported = lastSpeakerBefore(ctx, q.open);
  const reportedNear = reported && paragraphOf(paras, reported.at) >= q.paragraph - 1 ? reported : null;
  if (last?.who?.speaker) {
    const near =
      last.paragraph === q.paragraph || (last.paragraph === q.paragraph - 1 && (last.runsOn || !hasSentenceAfter(text, last.after, paras[last.paragraph].end)));
    // a speaker reported after that quote is the fresher one
    if (near && !(reportedNear && reportedNear.at > last.after && reportedNear.speaker !== last.who.speaker))
      return withConfidence(last.who, Math.min(last.who.confidence, 0.55));
  }
  if (reportedNear?.speaker)
    return withConfidence(reportedNear, Math.min(reportedNear.confidence, paragraphOf(paras, reportedNear.at) === q.paragraph ? 0.6 : 0.55));
  if (q.open !== paras[q.paragraph].start || q.paragraph === 0) return null;
  const subject = paragraphSubject(ctx, paras[q.paragraph - 1], sents);
  return subject ? { speaker: subject.name, speakerText: subject.surface, cue: null, confidence: 0.5, speakerKind: 'person', at: subject.start } : null;
}

/** The latest speaker already found (reported speech or a quote) before `at`. */
function lastSpeakerBefore(ctx: SpeakerContext, at: number): Attribution | null {
  for (let i = ctx.history.length - 1; i >= 0 && i >= ctx.history.length - 50; i--) {
    if (ctx.history[i].at < at) return ctx.history[i].speaker ? ctx.history[i] : null;
  }
  return null;
}

function paragraphOf(paras: Span[], at: number): number {
  return Math.max(0, sentenceIndexAt(paras, at));
}

/** The person a paragraph is about: the last of its sentences that opens with a person's name (titles allowed). */
function paragraphSubject(ctx: SpeakerContext, para: Span, sents: Span[]): NameMention | null {
  let found: NameMention | null = null;
  for (let i = Math.max(0, sentenceIndexAt(sents, para.start)); i < sents.length && sents[i].start < para.end; i++) {
    const s = sents[i];
    const m = mentionAt(ctx.mentions, s.start, s.start + 12);
    if (m && m.kind === 'person' && !m.weak && /^(?:(?:The|But|And)\s+)?$/.test(ctx.text.slice(s.start, m.start))) found = m;
  }
  return found;
}

/** The first mention starting in [from, to). */
function mentionAt(mentions: NameMention[], from: number, to: number): NameMention | null {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < mentions.length && mentions[lo].start < to ? mentions[lo] : null;
}

/** Index of the span containing (or last starting before) `at`; -1 before the first. */
function sentenceIndexAt(spans: Span[], at: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

interface LastQuote {
  paragraph: number;
  who: Attribution | null;
  after: number;
  runsOn: boolean;
}

/** A copy of an attribution with a new confidence and place (a literal: object spread is slow on this path). */
function copyAttribution(who: Attribution, confidence: number, at: number): Attribution {
  return { speaker: who.speaker, speakerText: who.speakerText, cue: who.cue, confidence, speakerKind: who.speakerKind, at };
}

function withConfidence(who: Attribution, confidence: number): Attribution {
  return copyAttribution(who, confidence, who.at);
}

function sentenceEndAfter(sents: Span[], at: number): number {
  let lo = 0;
  let hi = sents.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sents[mid].end < at) lo = mid + 1;
    else hi = mid;
  }
  return lo < sents.length ? sents[lo].end : at;
}

/** Whether [from, to) holds a sentence of the writer's own (a word of three letters, then a full stop later on its line). */
function hasSentenceAfter(text: string, from: number, to: number): boolean {
  // one pass: each line from its first three-letter word is scanned once
  for (let at = from; at < to; ) {
    WORD3.lastIndex = at;
    const word = WORD3.exec(text);
    if (!word || word.index >= to) return false;
    const lineEnd = text.indexOf('\n', word.index);
    const stop = lineEnd < 0 || lineEnd > to ? to : lineEnd;
    for (let i = word.index + 3; i < stop; i++) {
      const c = text.charCodeAt(i);
      if (c === 46 || c === 33 || c === 63) return true;
    }
    at = stop + 1;
  }
  return false;
}
const WORD3 = /\p{L}{3}/gu;

/** Speakers the entity list lacks, as entities (the one speaker classifier decides person or organisation; "the source" is none). */
function speakersAsEntities(claims: ClaimDraft[], entities: EntityDraft[]): Pick<EntityDraft, 'kind' | 'name' | 'aliases'>[] {
  const listed = new Set(entities.map((e) => e.name));
  return [...new Set(claims.map((c) => c.speaker).filter((s): s is string => !!s && !listed.has(s)))]
    .map((name) => speakerAsEntity(name, claims.find((c) => c.speaker === name)?.speakerText ?? null))
    .filter((e): e is Pick<EntityDraft, 'kind' | 'name' | 'aliases'> => e !== null);
}
