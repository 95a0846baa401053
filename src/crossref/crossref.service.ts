import { normaliseAlias } from '../core/names.js';
import type { DB } from '../storage/connect.js';
import {
  allAliases,
  allSourceIds,
  anchoredFigures,
  anchoredQuotes,
  countSources,
  entityIdsInSources,
  livePersonsAndOrganisations,
  mentionedEntityIds,
  mentionsOfEntities,
  multiWordPersonMentions,
  sourceHeadings,
  sourceTexts,
  speakerEntityIds,
  storeCrossrefLinks,
  type NewEntityLink,
  type StoredMention,
} from '../storage/crossref-candidates.repository.js';
import { inTransaction, type Tx } from '../storage/transaction.js';
import { findPlaceNames, placeNamesConflict, suggestMerges, type NamedEntity } from './entities-merge.js';
import { figureFeatures, isConversionAt, matchFigures, unitFamily, valueBucket as bucketOf, type FigureFeatures } from './match-figures.js';
import { matchQuotes, type QuoteClaim } from './match-quotes.js';
import { articleFingerprint, sameArticle, type ArticleFingerprint } from './same-article.js';
import { contextWindow, hasNonAsciiLetters, sentenceAround } from './text-context.js';
import type { LinkSuggestion } from './types.js';
import { lowerBound } from '../core/sorted.js';

export interface CrossrefResult {
  /** sources compared against the rest */
  sources: number;
  claimLinksAdded: number;
  entityLinksAdded: number;
  milliseconds: number;
  /** CPU milliseconds per phase (for benchmarks) */
  cpuMs?: Record<string, number>;
}

/** Call with a phase name at the end of each phase; `phases` holds the CPU milliseconds of each. */
function phaseTimer(): ((name: string) => void) & { phases: Record<string, number> } {
  let last = process.cpuUsage();
  const phases: Record<string, number> = {};
  const mark = (name: string) => {
    const d = process.cpuUsage(last);
    last = process.cpuUsage();
    phases[name] = Math.round((d.user + d.system) / 1000);
  };
  return Object.assign(mark, { phases });
}

/** Figures of the new sources plus the stored figures that could pair with them (same unit family, near value). */
async function loadFigures(db: DB, isNewSource: (id: number) => boolean, textCache: Map<number, string>): Promise<FigureFeatures[]> {
  const rows = await anchoredFigures(db);
  const wanted = new Set<string>();
  for (const r of rows) {
    if (!isNewSource(r.sourceId)) continue;
    const b = bucketOf(r.value);
    for (let d = -1; d <= 1; d++) wanted.add(`${unitFamily(r.unit)}|${b + d}`);
  }
  const kept = rows.filter((r) => isNewSource(r.sourceId) || wanted.has(`${unitFamily(r.unit)}|${bucketOf(r.value)}`));
  await fillTexts(
    db,
    kept.map((r) => r.sourceId),
    textCache,
  );
  const names = new Map<string, Set<string>>();
  // a bracketed conversion ("$11.8m (£6.3m)") never pairs: skip it before reading its sentence
  return kept
    .filter((r) => !isConversionAt(textCache.get(r.sourceId)!, r.start))
    .map((r) => {
      const text = textCache.get(r.sourceId)!;
      const cw = contextWindow(text, r.start, r.end);
      return figureFeatures(
        {
          id: r.id,
          sourceId: r.sourceId,
          exact: r.exact,
          value: r.value,
          valueMax: r.valueMax,
          unit: r.unit,
          qualifier: r.qualifier,
          subject: r.subject,
          sentence: text.slice(cw.sentence.start, cw.sentence.end),
          window: text.slice(cw.window.start, cw.window.end),
        },
        names,
      );
    });
}

/** Adds the texts of these sources to the cache, one query per 500 missing ones. */
async function fillTexts(db: DB, ids: Iterable<number>, textCache: Map<number, string>): Promise<void> {
  const missing = new Set<number>();
  for (const id of ids) if (!textCache.has(id)) missing.add(id);
  if (missing.size) for (const [id, text] of await sourceTexts(db, missing)) textCache.set(id, text);
}

/** Drops links between two copies of one article (updated versions, re-titled copies): they are not independent. */
async function dropSameArticle(
  db: DB,
  suggestions: LinkSuggestion[],
  sourceOf: Map<number, number>,
  textCache: Map<number, string>,
): Promise<LinkSuggestion[]> {
  const ids = new Set<number>();
  for (const s of suggestions) ids.add(sourceOf.get(s.claimA)!).add(sourceOf.get(s.claimB)!);
  await fillTexts(db, ids, textCache);
  const meta = await sourceHeadings(db, ids);
  const prints = new Map<number, ArticleFingerprint>();
  const print = (id: number) => {
    let p = prints.get(id);
    if (!p) prints.set(id, (p = articleFingerprint(meta.get(id)?.outlet ?? null, meta.get(id)?.title ?? null, textCache.get(id) ?? '')));
    return p;
  };
  const verdicts = new Map<string, boolean>();
  return suggestions.filter((s) => {
    const [x, y] = [sourceOf.get(s.claimA)!, sourceOf.get(s.claimB)!].sort((p, q) => p - q);
    const k = `${x}:${y}`;
    let same = verdicts.get(k);
    if (same === undefined) verdicts.set(k, (same = sameArticle(print(x), print(y))));
    return !same;
  });
}

async function loadQuotes(db: DB): Promise<QuoteClaim[]> {
  // a "speaker" the extractor filed as a place or organisation ("told BBC Sport") is no speaker to contradict
  return (await anchoredQuotes(db)).map((r) => {
    const known = r.speakerKind === null || r.speakerKind === 'person';
    return { id: r.id, sourceId: r.sourceId, exact: r.exact, speakerEntityId: known ? r.speakerEntityId : null, speakerName: known ? r.speakerName : null };
  });
}

/** Entities mentioned in or speaking in these sources (all sources: every mentioned entity and every speaker). */
async function entitiesTouching(db: DB, sourceIds: number[] | null, speakers: Set<number>): Promise<Set<number>> {
  if (!sourceIds) {
    const out = new Set(speakers);
    for (const id of await mentionedEntityIds(db)) out.add(id);
    return out;
  }
  return entityIdsInSources(db, sourceIds);
}

const TITLED = /^(mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof|professor|rev)\.?\s/i;

/** Live persons and organisations with their aliases, plus every alias key of any kind (places too). */
async function loadNamedEntities(db: DB): Promise<{ entities: NamedEntity[]; knownNames: Set<string>; speakers: Set<number> }> {
  const entities = await livePersonsAndOrganisations(db);
  const aliases = await allAliases(db);
  const speakers = await speakerEntityIds(db);
  const byEntity = new Map<number, string[]>();
  const knownNames = new Set<string>();
  // normaliseAlias is a function of the alias alone: one map serves every entity
  const norms = new Map<string, string>();
  for (const a of aliases) {
    knownNames.add(a.alias_norm);
    norms.set(a.alias, a.alias_norm);
    const list = byEntity.get(a.entity_id);
    if (list) list.push(a.alias);
    else byEntity.set(a.entity_id, [a.alias]);
  }
  return {
    entities: entities.map((e) => {
      const list = byEntity.get(e.id) ?? [];
      if (!norms.has(e.name)) norms.set(e.name, normaliseAlias(e.name));
      const seenAsPerson = e.kind === 'person' && (speakers.has(e.id) || TITLED.test(e.name) || list.some((a) => TITLED.test(a)));
      return { id: e.id, kind: e.kind, name: e.name, aliases: list, norms, seenAsPerson };
    }),
    knownNames,
    speakers,
  };
}

const SEAT_CUE = /\b(in|for|at|representing|contesting)\s+(the\s+)?$/i;
/** "in Bethnal Green and Bow": a seat cue, capitalised words, "and" or "&", a capital (the prefilter of findPlaceNames). */
const SEAT_PAIR = /\b(?:[Ii]n|[Ff]or|[Aa]t|representing|contesting)\s+(?:the\s+)?\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*\s+(?:and|&)\s+\p{Lu}/gu;
const SEAT_PAIR_ASCII = /\b(?:[Ii]n|[Ff]or|[Aa]t|representing|contesting)\s+(?:the\s+)?[A-Z][A-Za-z'’.-]*(?:\s+[A-Z][A-Za-z'’.-]*)*\s+(?:and|&)\s+[A-Z]/g;

const nameNorm = (e: NamedEntity) => e.norms?.get(e.name) ?? normaliseAlias(e.name);

/**
 * Mentions of the persons worth checking for place conflicts: touched, with a full (multi-word) name, mentioned in
 * two sources or more. Many persons: one scan of the mention table; few: by id.
 */
async function placeConflictMentions(
  db: DB,
  persons: NamedEntity[],
  touched: Set<number>,
): Promise<{ targets: Map<number, NamedEntity>; mentions: StoredMention[] }> {
  const wanted = new Map(persons.filter((p) => p.kind === 'person' && touched.has(p.id) && nameNorm(p).includes(' ')).map((p) => [p.id, p]));
  let rows: StoredMention[] = [];
  if (wanted.size > 2000) {
    rows = (await multiWordPersonMentions(db)).filter((m) => wanted.has(m.entity_id));
  } else {
    rows = await mentionsOfEntities(db, [...wanted.keys()]);
  }
  rows.sort((a, b) => a.source_id - b.source_id);
  // rows come by source: an entity's source count goes up whenever its source differs from the last one seen
  const lastSource = new Map<number, number>();
  const sourceCount = new Map<number, number>();
  for (const m of rows) {
    if (lastSource.get(m.entity_id) === m.source_id) continue;
    lastSource.set(m.entity_id, m.source_id);
    sourceCount.set(m.entity_id, (sourceCount.get(m.entity_id) ?? 0) + 1);
  }
  const targets = new Map<number, NamedEntity>();
  for (const [id, n] of sourceCount) if (n >= 2) targets.set(id, wanted.get(id)!);
  return { targets, mentions: rows.filter((m) => targets.has(m.entity_id)) };
}

/**
 * Place names read in the sentence of each mention of a person, per source; conflicting names across sources
 * become suggestions. Only the sentences around mentions are scanned, each once.
 */
async function suggestPlaceConflicts(
  db: DB,
  persons: NamedEntity[],
  knownNames: Set<string>,
  touched: Set<number>,
  isNewSource: (id: number) => boolean,
  textCache: Map<number, string>,
): Promise<NewEntityLink[]> {
  const { targets, mentions } = await placeConflictMentions(db, persons, touched);
  if (!targets.size) return [];
  await fillTexts(
    db,
    mentions.map((m) => m.source_id),
    textCache,
  );
  // "… and Rishi Sunak" ends in a known full name: a list of people, not a seat. (One-word endings are not
  // checked: the extractor files "Bow" of "Bethnal Green and Bow" as an entity of its own.)
  const tailIsName = (norm: string, prefix: string) => {
    const tail = norm
      .slice(prefix.length)
      .replace(/^ ?and /, '')
      .trim();
    return tail.includes(' ') && knownNames.has(tail);
  };
  const placesBySentence = new Map<string, { norm: string; name: string; start: number; end: number }[]>();
  // entity → source → place norm → first sighting
  const seen = new Map<number, Map<number, Map<string, { name: string; start: number; end: number }>>>();
  // where "in X and Y" stands in each text (one native scan per source): most mentions have none within reach
  const pairsAt = new Map<number, number[]>();
  for (const m of mentions) {
    const text = textCache.get(m.source_id)!;
    let at = pairsAt.get(m.source_id);
    if (!at) {
      at = [];
      for (const x of text.matchAll(hasNonAsciiLetters(text) ? SEAT_PAIR : SEAT_PAIR_ASCII)) at.push(x.index);
      pairsAt.set(m.source_id, at);
    }
    const k = lowerBound(at, m.start - 700);
    if (k >= at.length || at[k] > m.end + 700) continue;
    const s = sentenceAround(text, m.start, m.end);
    const key = `${m.source_id}:${s.start}`;
    let places = placesBySentence.get(key);
    if (!places) {
      const sentence = text.slice(s.start, s.end);
      places = /\p{Lu}[\p{L}'’.-]* (and|&) \p{Lu}/u.test(sentence)
        ? findPlaceNames(sentence).map((p) => ({ norm: p.norm, name: p.name, start: s.start + p.offset, end: s.start + p.offset + p.name.length }))
        : [];
      placesBySentence.set(key, places);
    }
    if (!places.length) continue;
    const nameWords = new Set(nameNorm(targets.get(m.entity_id)!).split(' '));
    // the person's own name inside the "place" ("South Korea and Japan" for South Korea) is a list, not a seat; and
    // a seat is one a person stands "in" or "for" ("the feud between Manchester United and Arsenal" is no seat)
    const own = places.filter((p) => !p.norm.split(' ').some((w) => nameWords.has(w)) && SEAT_CUE.test(text.slice(Math.max(0, p.start - 24), p.start)));
    if (!own.length) continue;
    let bySource = seen.get(m.entity_id);
    if (!bySource) seen.set(m.entity_id, (bySource = new Map()));
    let byPlace = bySource.get(m.source_id);
    if (!byPlace) bySource.set(m.source_id, (byPlace = new Map()));
    for (const p of own) if (!byPlace.has(p.norm)) byPlace.set(p.norm, p);
  }
  const out = new Map<string, NewEntityLink>();
  for (const [entityId, bySource] of seen) {
    const sources = [...bySource.keys()];
    if (sources.length < 2) continue;
    for (let i = 0; i < sources.length; i++) {
      for (let j = 0; j < sources.length; j++) {
        if (i === j || !(isNewSource(sources[i]) || isNewSource(sources[j]))) continue;
        for (const [na, a] of bySource.get(sources[i])!) {
          for (const [nb, b] of bySource.get(sources[j])!) {
            if (na >= nb) continue;
            // a source that itself uses both names is not evidence of a conflict between outlets
            if (bySource.get(sources[i])!.has(nb) || bySource.get(sources[j])!.has(na)) continue;
            const c = placeNamesConflict(na, nb);
            if (!c || tailIsName(na, c.prefix) || tailIsName(nb, c.prefix)) continue;
            const key = `place_conflict:${entityId}:${na}|${nb}`;
            if (out.has(key)) continue;
            const person = targets.get(entityId)!;
            out.set(key, {
              relation: 'place_conflict',
              entity_a: entityId,
              entity_b: null,
              label_a: a.name,
              label_b: b.name,
              evidence_json: JSON.stringify({
                a: [{ source_id: sources[i], start: a.start, end: a.end }],
                b: [{ source_id: sources[j], start: b.start, end: b.end }],
              }),
              score: 0.7,
              reason: `${person.name} is placed in “${a.name}” by one source and in “${b.name}” by another: the names share “${a.name.split(/\s+/).slice(0, c.prefix.split(' ').length).join(' ')}” but end differently.`,
              pair_key: key,
            });
          }
        }
      }
    }
  }
  return [...out.values()];
}

export interface CrossrefOptions {
  /** runs inside the transaction that stores the links (e.g. an audit row), so both land or neither */
  onStored?: (trx: Tx, result: Omit<CrossrefResult, 'milliseconds' | 'cpuMs'>) => Promise<void>;
}

/**
 * Compares the claims and entities of these sources with everything stored (and with each other) and stores new
 * suggestions. A pair already linked in any way (suggested, confirmed or rejected) is never suggested again.
 * The sources are marked cross-referenced in the same transaction as their links.
 */
export async function crossrefSources(db: DB, sourceIds: number[], options: CrossrefOptions = {}): Promise<CrossrefResult> {
  const t0 = performance.now();
  const ids = [...new Set(sourceIds)];
  if (!ids.length) return { sources: 0, claimLinksAdded: 0, entityLinksAdded: 0, milliseconds: 0 };
  const newSet = new Set(ids);
  // the first ingest into an empty database: every source is new, which the whole-table path does cheaper
  if (ids.length >= (await countSources(db))) {
    if ((await allSourceIds(db)).every((id) => newSet.has(id))) return crossrefWith(db, () => true, null, ids, t0, options);
  }
  return crossrefWith(db, (id) => newSet.has(id), ids, ids, t0, options);
}

/** Compares every source with every other (the `claimtrail crossref` command). */
export async function crossrefAll(db: DB, options: CrossrefOptions = {}): Promise<CrossrefResult> {
  const t0 = performance.now();
  // the sources as of now: one stored while this runs is compared (and marked) by its own ingest
  const ids = await allSourceIds(db);
  return crossrefWith(db, () => true, null, ids, t0, options);
}

async function crossrefWith(
  db: DB,
  isNewSource: (id: number) => boolean,
  ids: number[] | null,
  markDone: number[],
  t0: number,
  options: CrossrefOptions,
): Promise<CrossrefResult> {
  const cpu = phaseTimer();
  const textCache = new Map<number, string>();
  const figures = await loadFigures(db, isNewSource, textCache);
  cpu('load figures');
  const figureLinks = matchFigures(figures, (f) => isNewSource(f.claim.sourceId));
  cpu('match figures');
  const quotes = await loadQuotes(db);
  cpu('load quotes');
  const quoteLinks = matchQuotes(quotes, (q) => isNewSource(q.sourceId));
  cpu('match quotes');
  const sourceOf = new Map<number, number>();
  for (const f of figures) sourceOf.set(f.claim.id, f.claim.sourceId);
  for (const q of quotes) sourceOf.set(q.id, q.sourceId);
  const suggestions = await dropSameArticle(db, [...figureLinks, ...quoteLinks], sourceOf, textCache);
  cpu('same article');

  const { entities, knownNames, speakers } = await loadNamedEntities(db);
  const touched = await entitiesTouching(db, ids, speakers);
  cpu('load entities');
  const merges = suggestMerges(entities, (e) => touched.has(e.id));
  cpu('merges');
  const entityDrafts: NewEntityLink[] = merges.map((m) => ({
    relation: 'same_as',
    entity_a: m.entityA,
    entity_b: m.entityB,
    label_a: m.labelA,
    label_b: m.labelB,
    evidence_json: '{}',
    score: m.score,
    reason: m.reason,
    pair_key: `same_as:${m.entityA}:${m.entityB}`,
  }));
  entityDrafts.push(...(await suggestPlaceConflicts(db, entities, knownNames, touched, isNewSource, textCache)));
  cpu('places');

  const now = new Date().toISOString();
  const { claimLinksAdded, entityLinksAdded } = await inTransaction(db, async (trx) => {
    const added = await storeCrossrefLinks(trx, { claimLinks: suggestions, entityLinks: entityDrafts, markDone }, now);
    const stored = { sources: markDone.length, ...added };
    await options.onStored?.(trx, stored);
    return stored;
  });
  cpu('store');
  return { sources: markDone.length, claimLinksAdded, entityLinksAdded, milliseconds: Math.round(performance.now() - t0), cpuMs: cpu.phases };
}
