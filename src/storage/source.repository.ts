import type { RemovedFurniture, SourceMeta } from '../ingest/article.js';
import type { Span } from '../core/span.js';
import type { DB } from './connect.js';
import type { Source } from './database.js';

export interface SourceSummary {
  id: number;
  title: string | null;
  outlet: string | null;
  published_at: string | null;
  url: string | null;
  length: number;
  claim_count: number;
}

export function getSource(db: DB, id: number): Promise<Source | undefined> {
  return db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listSources(db: DB, { limit = 200, offset = 0 } = {}): Promise<SourceSummary[]> {
  return db
    .selectFrom('source')
    .select((eb) => [
      'id',
      'title',
      'outlet',
      'published_at',
      'url',
      eb.fn('length', ['text']).as('length'),
      eb.selectFrom('claim').whereRef('claim.source_id', '=', 'source.id').select((e) => e.fn.countAll<number>().as('n')).as('claim_count'),
    ])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute() as Promise<SourceSummary[]>;
}

export async function countSources(db: DB): Promise<number> {
  const r = await db.selectFrom('source').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The source's stored structure, parsed. */
export function sourceStructure(source: Source): { paragraphs: Span[]; removed: RemovedFurniture[] } {
  return { paragraphs: JSON.parse(source.paragraphs_json) as Span[], removed: JSON.parse(source.removed_json) as RemovedFurniture[] };
}

export function metaOf(source: Source): SourceMeta {
  return { title: source.title, outlet: source.outlet, url: source.url, author: source.author, publishedAt: source.published_at, language: source.language };
}
