import type { Article } from '../ingest/article.js';
import type { ClaimDraft, ExtractionResult } from '../extract/types.js';
import type { HotPath } from './prepared-statements.js';
import { textQuoteSelector } from './claim.repository.js';
import { type EntityCache, upsertEntities } from './entity.repository.js';
import type { Transaction } from 'kysely';
import { carryEditorWorkToNewVersion } from './reanchor.js';
import type { Database } from './database.js';
import { AppError } from '../core/errors.js';

export interface StoreOptions {
  /** the file it came from (as given on the command line or uploaded) */
  file: string | null;
  retrievedAt?: string;
  /** who made the claims: "name@version" of the extractor the pipeline ran */
  extractor: string;
  entityCache?: EntityCache;
  /** runs inside the source's transaction after it is stored (e.g. an audit row), so both land or neither */
  onStored?: (trx: Transaction<Database>, sourceId: number, article: Article) => Promise<void>;
}

export type StoreResult = { status: 'added'; sourceId: number; claims: number; previousVersionId: number | null } | { status: 'unchanged'; sourceId: number };

/**
 * Stores one parsed article with what the extractor found in it (storage writes what it is given; the pipeline
 * parses and extracts), inside a transaction or savepoint the caller owns: source row, entities, mentions, claims.
 */
export async function storeArticleIn(
  trx: Transaction<Database>,
  hot: HotPath,
  article: Article,
  extraction: ExtractionResult,
  options: StoreOptions,
): Promise<StoreResult> {
  const now = new Date().toISOString();
  {
    const existing = await sourceWithContent(hot, article.contentSha256);
    if (existing) return { status: 'unchanged', sourceId: existing.id };
    const previous = await latestVersion(hot, options.file, article.meta.url);
    // ON CONFLICT: a writer in another process may store the same content between the check above and here
    const sourceId = await hot.insertUnlessExists(
      'source',
      {
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
      },
      'content_sha256',
    );
    if (sourceId === undefined) return { status: 'unchanged', sourceId: (await sourceWithContent(hot, article.contentSha256))!.id };
    const claims = await storeExtraction(trx, hot, sourceId, article.text, extraction, options.extractor, now, options.entityCache);
    if (previous) await carryEditorWorkToNewVersion(trx, previous.id, sourceId, article.text, now);
    await options.onStored?.(trx, sourceId, article);
    return { status: 'added', sourceId, claims, previousVersionId: previous?.id ?? null };
  }
}

/** Writes the extractor's entities, mentions and claims for a stored source, in batches; returns the number of claims. */
export async function storeExtraction(
  trx: Transaction<Database>,
  hot: HotPath,
  sourceId: number,
  text: string,
  extraction: ExtractionResult,
  extractor: string,
  now: string,
  cache?: EntityCache,
): Promise<number> {
  const entityIds = await upsertEntities(hot, [...extraction.entities, ...(extraction.speakerEntities ?? [])], now, cache);

  await hot.insertMany(
    'mention',
    extraction.entities.flatMap((e) => {
      const entityId = entityIds.get(e.name)!;
      return e.mentions.map((m) => ({ entity_id: entityId, source_id: sourceId, start: m.start, end: m.end }));
    }),
  );
  const ids = await hot.insertReturningIds(
    'claim',
    extraction.claims.map((d) => claimRow(sourceId, text, d, d.speaker ? (entityIds.get(d.speaker) ?? null) : null, extractor, now)),
  );
  // One quote over several paragraphs: every part points at the first part's id.
  const groups = new Map<number, number[]>();
  extraction.claims.forEach((d, i) => {
    if (d.groupIndex != null && d.groupIndex !== i && ids[d.groupIndex] !== undefined)
      groups.set(d.groupIndex, [...(groups.get(d.groupIndex) ?? [d.groupIndex]), i]);
  });
  for (const [first, members] of groups) {
    await trx
      .updateTable('claim')
      .set({ group_id: ids[first] })
      .where(
        'id',
        'in',
        members.map((m) => ids[m]),
      )
      .execute();
  }
  return ids.length;
}

function claimRow(sourceId: number, text: string, d: ClaimDraft, speakerEntityId: number | null, extractor: string, now: string) {
  const selector = textQuoteSelector(text, d.start, d.end);
  if (selector.exact !== d.exact) throw new AppError('internal', `extractor offsets do not reproduce the claim text at [${d.start}, ${d.end})`);
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
    value_max: d.valueMax ?? null,
    unit: d.unit,
    qualifier: d.qualifier,
    subject: d.subject,
    group_id: null,
    extractor,
    confidence: d.confidence,
    created_by: null,
    created_at: now,
    updated_at: now,
  };
}

/** The newest stored version of the same file or URL, so a changed article links to what it replaces. */
async function latestVersion(hot: HotPath, file: string | null, url: string | null): Promise<{ id: number } | undefined> {
  const byFile = file ? await hot.get<{ id: number }>('SELECT id FROM source WHERE file = ? ORDER BY id DESC LIMIT 1', file) : undefined;
  const byUrl = url ? await hot.get<{ id: number }>('SELECT id FROM source WHERE url = ? ORDER BY id DESC LIMIT 1', url) : undefined;
  return byFile && byUrl ? (byFile.id > byUrl.id ? byFile : byUrl) : (byFile ?? byUrl);
}

function sourceWithContent(hot: HotPath, contentSha256: string): Promise<{ id: number } | undefined> {
  return hot.get<{ id: number }>('SELECT id FROM source WHERE content_sha256 = ?', contentSha256);
}
