import type { Article } from '../ingest/article.js';
import { extractClaims, EXTRACTOR_VERSION } from '../extract/index.js';
import { EXTRACTOR_NAME, type ClaimDraft, type ExtractionResult } from '../extract/types.js';
import type { DB } from './connect.js';
import { insertClaim, textQuoteSelector } from './claim.repository.js';
import { type EntityCache, type EntityKind, upsertEntity } from './entity.repository.js';
import { findLatestVersion, findSourceByContentSha, insertSource } from './source.repository.js';
import type { Transaction } from 'kysely';
import type { Database } from './database.js';

export interface StoreOptions {
  /** the file it came from (as given on the command line or uploaded) */
  file: string | null;
  retrievedAt?: string;
  /** run the extractor (default true); off for measuring ingest alone */
  extract?: boolean;
  entityCache?: EntityCache;
}

export type StoreResult =
  | { status: 'added'; sourceId: number; claims: number; previousVersionId: number | null }
  | { status: 'unchanged'; sourceId: number };

export const extractorId = () => `${EXTRACTOR_NAME}@${EXTRACTOR_VERSION}`;

/** Stores one article in one transaction: source row, entities, mentions, claims (FTS rows follow by trigger). */
export async function storeArticle(db: DB, article: Article, options: StoreOptions): Promise<StoreResult> {
  const now = new Date().toISOString();
  const extraction = options.extract === false ? { claims: [], entities: [] } : extractClaims(article.text, article.paragraphs, article.sentences);
  return db.transaction().execute(async (trx) => {
    const existing = await findSourceByContentSha(trx, article.contentSha256);
    if (existing) return { status: 'unchanged', sourceId: existing.id };
    const previous = await findLatestVersion(trx, options.file, article.meta.url);
    const sourceId = await insertSource(trx, {
      url: article.meta.url,
      outlet: article.meta.outlet,
      title: article.meta.title,
      author: article.meta.author,
      published_at: article.meta.publishedAt,
      language: article.meta.language,
      retrieved_at: options.retrievedAt ?? now,
      file: options.file,
      format: article.format,
      raw_sha256: article.rawSha256,
      content_sha256: article.contentSha256,
      text: article.text,
      paragraphs_json: JSON.stringify(article.paragraphs),
      removed_json: JSON.stringify(article.removed),
      previous_version_id: previous?.id ?? null,
      created_at: now,
    });
    const claims = await storeExtraction(trx, sourceId, article.text, extraction, now, options.entityCache);
    return { status: 'added', sourceId, claims, previousVersionId: previous?.id ?? null };
  });
}

/** Writes the extractor's entities, mentions and claims for a stored source; returns the number of claims. */
export async function storeExtraction(
  trx: Transaction<Database>,
  sourceId: number,
  text: string,
  extraction: ExtractionResult,
  now: string,
  cache?: EntityCache,
): Promise<number> {
  const entityIds = new Map<string, number>();
  for (const e of extraction.entities) {
    const id = await upsertEntity(trx, e, now, cache);
    entityIds.set(e.name, id);
    if (e.mentions.length) {
      await trx.insertInto('mention').values(e.mentions.map((m) => ({ entity_id: id, source_id: sourceId, start: m.start, end: m.end }))).execute();
    }
  }
  const claimIds: number[] = [];
  for (const draft of extraction.claims) {
    const speakerEntityId = draft.speaker ? (entityIds.get(draft.speaker) ?? (await speakerEntity(trx, draft, now, cache))) : null;
    if (draft.speaker && speakerEntityId !== null) entityIds.set(draft.speaker, speakerEntityId);
    const groupId = draft.groupIndex != null && draft.groupIndex < claimIds.length ? claimIds[draft.groupIndex] : null;
    claimIds.push(await insertClaim(trx, claimRow(sourceId, text, draft, speakerEntityId, groupId, now)));
  }
  return claimIds.length;
}

function claimRow(sourceId: number, text: string, d: ClaimDraft, speakerEntityId: number | null, groupId: number | null, now: string) {
  const selector = textQuoteSelector(text, d.start, d.end);
  if (selector.exact !== d.exact) throw new Error(`extractor offsets do not reproduce the claim text at [${d.start}, ${d.end})`);
  return {
    source_id: sourceId,
    kind: d.kind,
    ...selector,
    start: d.start,
    end: d.end,
    speaker_entity_id: speakerEntityId,
    speaker_text: d.speakerText,
    speaker_name: d.speaker,
    cue: d.cue,
    partial: d.partial ? 1 : 0,
    value: d.value,
    unit: d.unit,
    qualifier: d.qualifier,
    subject: d.subject,
    group_id: groupId,
    extractor: extractorId(),
    confidence: d.confidence,
    created_by: null,
    created_at: now,
    updated_at: now,
  };
}

/** A speaker the extractor named but did not list as an entity: a proper name becomes one; "the source" does not. */
async function speakerEntity(trx: Transaction<Database>, d: ClaimDraft, now: string, cache?: EntityCache): Promise<number | null> {
  const name = d.speaker!;
  if (!/^\p{Lu}/u.test(name) || /^(the|a|an|one)\s/i.test(name)) return null;
  const words = name.split(/\s+/);
  const kind: EntityKind = words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}[\p{L}'’-]+$/u.test(w)) ? 'person' : 'organisation';
  return upsertEntity(trx, { kind, name, aliases: d.speakerText ? [d.speakerText] : [] }, now, cache);
}
