import type { Span } from '../core/span.js';
import { compareFigure, isComparableQualifier, markLabel, type MarkStatus, type ReportedFigure } from './compare.js';
import type { NameMention } from './find-names.js';
import { rowKey, type PersonRef, type ReferenceIndex, type ReferenceRow } from './index-rows.js';
import { CHANGE_BEFORE, detectMeasure, isCountUnit, PHRASAL_UP, PLACE_MEASURES } from './measure-words.js';

/** A stored figure claim and where it sits. */
export interface FigureClaim extends ReportedFigure {
  start: number;
  end: number;
}

/** An article as the matcher reads it: its text, sentences, paragraphs and the names findNames found in it. */
export interface ArticleContext {
  text: string;
  sentences: Span[];
  paragraphs: Span[];
  names: NameMention[];
  /** the year the source was published, when known */
  publishedYear: number | null;
  /** the latest year the article names (title and text), if any */
  latestYear: number | null;
}

export interface FigureMark {
  row: ReferenceRow;
  status: MarkStatus;
  official: number;
  reported: number;
  label: string;
  /** where the place or person was named */
  scope: 'sentence' | 'paragraph';
  confidence: number;
}

// Other contests than a general election: their figures are not this table's.
const OTHER_CONTEST =
  /\bmayor(?:al|alty)?\b|\bby-?elections?\b|\b(?:council|local|european|assembly|primary|leadership) (?:elections?|race|contest|vote)\b|\breferendum\b|\b(?:opinion )?polls? (?:of|shows?|showed|found|puts?|suggests?)\b|\bpolling\b|\bsurvey\b|\bsenedd\b|\bholyrood\b/i;
// what may sit between a possessive and its figure: "Khan's 13,303 votes", "Khan's vote share was 35.5%"
const POSSESSED_FIGURE = /^[\s,]*(?:(?:total|tally|haul|vote|share|majority|of|was|is|stood|at|reached|came|to|final|just|only|some|a|an|the)\b[\s,]*)*$/i;
// what may join a figure to the place or person named right after it
const ATTACHED =
  /^\s*(?:votes?\s+|percent\s+|per cent\s+|%\s*)?(?:of the (?:total )?vote\s+)?(?:in|at|for|from)\s+(?:the\s+)?(?:(?:seat|constituency|race)\s+of\s+)?$/i;
const CLAUSE_BREAK = /;|\s[–—]\s|\s-\s|,\s*(?=(?:while|whilst|whereas|but|although|though)\b)|\s(?=(?:while|whilst|whereas)\s)/g;
const YEAR = /\b(?:1[89]|20)\d\d\b/g;
const NUMBER = /\d[\d,.]*\d|\d/g;

/**
 * Sets one figure claim beside the reference rows: the place or person named in its clause, sentence or
 * paragraph, and the measure its words name. Null when nothing fits, or several rows fit equally.
 */
export function matchFigure(claim: FigureClaim, article: ArticleContext, index: ReferenceIndex): FigureMark | null {
  // "picked up 1,794 votes" is a total, not a rise
  const fig =
    claim.qualifier === 'up' && PHRASAL_UP.test(article.text.slice(Math.max(0, claim.start - 30), claim.start)) ? { ...claim, qualifier: null } : claim;
  if (!isComparableQualifier(fig.qualifier)) return null;
  if (fig.unit !== 'percent' && !isCountUnit(fig.unit)) return null;
  const sentence = containing(article.sentences, fig.start);
  const paragraph = containing(article.paragraphs, fig.start);
  if (!sentence || !paragraph) return null;
  const text = article.text;
  const sentenceText = text.slice(sentence.start, sentence.end);
  if (OTHER_CONTEST.test(sentenceText)) return null;
  const clause = clauseOf(text, sentence, fig);
  const before = text.slice(clause.start, fig.start);
  const after = text.slice(fig.end, clause.end);
  if (CHANGE_BEFORE.test(before) && !PHRASAL_UP.test(before)) return null;
  // "from more than 9,000 in 2019 to just 528": the first is a past value
  if (/\bfrom\s+(?:[\p{L}]+\s+){0,3}$/iu.test(before) && /^[^.;]*?\bto\b/i.test(after)) return null;
  const found = detectMeasure(before, fig.exact, after, fig.unit, sentenceText);
  if (!found) return null;
  const names = article.names.filter((n) => n.start >= paragraph.start && n.end <= paragraph.end);
  const subject = PLACE_MEASURES.has(found.measure)
    ? placeSubject(fig, names, sentence, clause, article)
    : personSubject(fig, names, sentence, clause, article, index);
  if (!subject) return null;
  const said = yearOf(text, sentence, fig);
  // a row of year Y does not speak for an article from before Y, one naming only earlier years, or a sentence about another year
  const yearFits = (y: number | null) =>
    y === null ||
    ((article.publishedYear === null || article.publishedYear >= y) &&
      (article.latestYear === null || article.latestYear >= y) &&
      (said === null || said === y));
  const rows = (index.rows.get(rowKey(found.measure, subject.key)) ?? []).filter(
    (r) => (r.unit === 'percent') === (fig.unit === 'percent') && yearFits(r.year),
  );
  const distinct = [...new Map(rows.map((r) => [`${r.value}|${r.unit}`, r])).values()];
  if (distinct.length !== 1) return null;
  const row = distinct[0];
  const status = compareFigure(fig, row.value);
  const confidence = (subject.scope === 'paragraph' ? 0.5 : subject.inClause ? 0.9 : 0.75) * (found.from === 'sentence' ? 0.8 : 1);
  return {
    row,
    status,
    official: row.value,
    reported: fig.value,
    label: markLabel(status, fig, row.value, row.unit, row.source),
    scope: subject.scope,
    confidence,
  };
}

interface Subject {
  key: string;
  scope: 'sentence' | 'paragraph';
  inClause: boolean;
}

function placeSubject(fig: Span, names: NameMention[], sentence: Span, clause: Span, article: ArticleContext): Subject | null {
  const places = names.filter((n) => n.kind === 'place');
  const inClause = nearest(
    fig,
    places.filter((n) => within(n, clause)),
    article.text,
  );
  if (inClause) return { key: inClause.place!, scope: 'sentence', inClause: true };
  const inSentence = nearest(
    fig,
    places.filter((n) => within(n, sentence)),
    article.text,
  );
  if (inSentence) return { key: inSentence.place!, scope: 'sentence', inClause: false };
  // "Streeting's majority of 528": the person's seat
  const person = nearest(
    fig,
    names.filter((n) => n.kind === 'person' && within(n, sentence)),
    article.text,
  );
  const seat = person ? onePlace(person.persons!, article) : null;
  if (seat) return { key: seat, scope: 'sentence', inClause: within(person!, clause) };
  const distinct = new Set(places.map((p) => p.place!));
  if (distinct.size === 1) return { key: [...distinct][0], scope: 'paragraph', inClause: false };
  return null;
}

function personSubject(fig: Span, names: NameMention[], sentence: Span, clause: Span, article: ArticleContext, index: ReferenceIndex): Subject | null {
  const places = placesAround(fig, names, sentence, article);
  const resolve = (n: NameMention): PersonRef | null => {
    if (n.kind === 'person') return pickByPlace(n.persons!, places, article);
    if (n.kind === 'party' && places.length === 1) {
      const there = (index.peopleAt.get(places[0]) ?? []).filter((p) => p.partyNorms.some((q) => n.parties!.includes(q)));
      return there.length === 1 ? there[0] : null;
    }
    return null;
  };
  // a possessive names the subject only right before the figure ("Khan's 13,303 votes"), not "Mohamad's campaign"
  const candidate = (n: NameMention) =>
    (n.kind === 'person' || n.kind === 'party') && (!n.possessive || (n.end <= fig.start && POSSESSED_FIGURE.test(article.text.slice(n.end, fig.start))));
  const inClause = nearest(
    fig,
    names.filter((n) => candidate(n) && within(n, clause)),
    article.text,
  );
  if (inClause) {
    const ref = resolve(inClause);
    return ref ? { key: ref.key, scope: 'sentence', inClause: true } : null;
  }
  const inSentence = nearest(
    fig,
    names.filter((n) => n.kind === 'person' && candidate(n) && within(n, sentence)),
    article.text,
  );
  if (inSentence) {
    const ref = resolve(inSentence);
    return ref ? { key: ref.key, scope: 'sentence', inClause: false } : null;
  }
  const people = new Map<string, NameMention>();
  for (const n of names) if (n.kind === 'person' && !n.possessive) people.set(n.persons![0].fullNorm, n);
  if (people.size !== 1) return null;
  const ref = resolve([...people.values()][0]);
  return ref ? { key: ref.key, scope: 'paragraph', inClause: false } : null;
}

/** The places that give a person or party its seat: named in the sentence, else "Masroor's constituency", else the paragraph. */
function placesAround(fig: Span, names: NameMention[], sentence: Span, article: ArticleContext): string[] {
  const inSentence = names.filter((n) => n.kind === 'place' && within(n, sentence));
  if (inSentence.length) {
    const near = nearest(fig, inSentence, article.text);
    return near ? [near.place!] : [];
  }
  const seatOf = names.find((n) => n.kind === 'person' && n.possessive && (n.next === 'constituency' || n.next === 'seat') && within(n, sentence));
  const seat = seatOf ? onePlace(seatOf.persons!, article) : null;
  if (seat) return [seat];
  return [...new Set(names.filter((n) => n.kind === 'place').map((n) => n.place!))];
}

/**
 * Of the people with one name, the one whose seat the article names (a namesake elsewhere, say a US senator
 * called Michael Howard, is not the 2024 candidate); when several are named, the one whose place is given here.
 */
function pickByPlace(refs: PersonRef[], places: string[], article: ArticleContext): PersonRef | null {
  const anywhere = new Set(article.names.filter((n) => n.kind === 'place').map((n) => n.place!));
  const named = refs.filter((r) => r.placeNorm && anywhere.has(r.placeNorm));
  if (named.length === 1) return named[0];
  const here = named.filter((r) => places.includes(r.placeNorm!));
  return here.length === 1 ? here[0] : null;
}

function onePlace(refs: PersonRef[], article: ArticleContext): string | null {
  return pickByPlace(refs, [], article)?.placeNorm ?? null;
}

/**
 * The mention a figure belongs to: one attached after it ("13,303 votes in Birmingham Perry Barr"), else the
 * nearest before it ("In Ilford North, Labour won by 528 votes, and in Blackburn … by 132"), else the
 * nearest after it. Null when two different names are equally near.
 */
function nearest(fig: Span, mentions: NameMention[], text: string): NameMention | null {
  const attached = mentions.filter((m) => m.start >= fig.end && ATTACHED.test(text.slice(fig.end, m.start)));
  if (attached.length) return closest(fig, attached);
  const before = mentions.filter((m) => m.end <= fig.start);
  return closest(fig, before.length ? before : mentions);
}

function closest(fig: Span, mentions: NameMention[]): NameMention | null {
  let best: NameMention | null = null;
  let bestDistance = Infinity;
  let tie = false;
  for (const m of mentions) {
    const d = m.end <= fig.start ? fig.start - m.end : m.start >= fig.end ? m.start - fig.end : 0;
    if (d < bestDistance) {
      best = m;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance && identity(m) !== identity(best!)) tie = true;
  }
  return tie ? null : best;
}

const identity = (m: NameMention) => m.place ?? m.persons?.[0].fullNorm ?? m.parties?.join('+') ?? '';

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

function containing(spans: Span[], at: number): Span | null {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return null;
}

/** The part of the sentence the figure sits in, cut at ";", dashes and "…, while", "…, but". */
export function clauseOf(text: string, sentence: Span, fig: Span): Span {
  const s = text.slice(sentence.start, sentence.end);
  let start = sentence.start;
  let end = sentence.end;
  for (const m of s.matchAll(CLAUSE_BREAK)) {
    const at = sentence.start + m.index;
    if (at + m[0].length <= fig.start) start = at + m[0].length;
    else if (at >= fig.end) {
      end = at;
      break;
    }
  }
  return { start, end };
}

/**
 * The year a figure is said of, when its sentence names one: "In 2001, … a majority of 5,907" (a year
 * opening the sentence covers all of it), "more than 9,000 in 2019 to just 528" (a year belongs to the number
 * nearest it). "since 2001" dates something else.
 */
function yearOf(text: string, sentence: Span, fig: Span): number | null {
  const s = text.slice(sentence.start, sentence.end);
  const numbers = [...s.matchAll(NUMBER)].map((m) => ({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length, text: m[0] }));
  for (const y of s.matchAll(YEAR)) {
    const at = sentence.start + y.index;
    const lead = s.slice(0, y.index);
    if (/\b(?:since|until|till|before)\s+$/i.test(lead)) continue;
    if (/^\W*(?:in|by|at|during|after)?\s*(?:the\s+)?$/i.test(lead) || /^\W*(?:in|at) the \S+ (?:election|poll)s? (?:of|in)\s+$/i.test(lead))
      return Number(y[0]);
    let best: { start: number; end: number } | null = null;
    let bestD = Infinity;
    for (const n of numbers) {
      if (n.start === at || /^(?:1[89]|20)\d\d$/.test(n.text)) continue;
      const d = n.end <= at ? at - n.end : n.start - (at + 4);
      if (d < bestD) {
        best = n;
        bestD = d;
      }
    }
    if (best && best.start < fig.end && best.end > fig.start) return Number(y[0]);
  }
  return null;
}
