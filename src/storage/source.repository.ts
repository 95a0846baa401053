import type { RemovedFurniture } from '../ingest/article.js';
import type { Span } from '../core/span.js';
import type { DB } from './connect.js';
import type { Source } from './database.js';

export function getSource(db: DB, id: number): Promise<Source | undefined> {
  return db.selectFrom('source').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The source's stored structure, parsed. */
export function sourceStructure(source: Source): { paragraphs: Span[]; removed: RemovedFurniture[] } {
  return { paragraphs: JSON.parse(source.paragraphs_json) as Span[], removed: JSON.parse(source.removed_json) as RemovedFurniture[] };
}
