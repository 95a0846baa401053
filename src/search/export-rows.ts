import type { Span } from '../core/span.js';
import { sentenceFinder } from '../export/claim-sentence.js';
import type { ExportRow } from '../export/types.js';
import type { DB } from '../storage/connect.js';
import { findSourceTexts, iterateExportPages, type ExportOptions, type ExportSelection, type StoredExportRow } from '../storage/export-rows.repository.js';

export { countExportRows, type ExportOptions, type ExportSelection } from '../storage/export-rows.repository.js';

type SourceSentences = ReturnType<typeof sentenceFinder>;

// sources held while exporting: claims come in id order, so a source's claims mostly arrive together
const SENTENCE_CACHE_SOURCES = 256;

function paragraphsOf(json: string): Span[] | null {
  try {
    const p = JSON.parse(json) as unknown;
    return Array.isArray(p) ? (p as Span[]) : null;
  } catch {
    return null;
  }
}

/** Each row with its sentence from its source's stored text, split by the project's sentence splitter. */
async function withSentences(db: DB, rows: StoredExportRow[], cache: Map<number, SourceSentences>): Promise<ExportRow[]> {
  const sources = [...new Set(rows.map((r) => r.source_id))];
  let missing = sources.filter((id) => !cache.has(id));
  if (missing.length && cache.size + missing.length > SENTENCE_CACHE_SOURCES) {
    // emptied, the cache no longer holds this page's other sources either: read them all again
    cache.clear();
    missing = sources;
  }
  if (missing.length) {
    for (const s of await findSourceTexts(db, missing)) cache.set(s.id, sentenceFinder(s.text, paragraphsOf(s.paragraphs_json)));
  }
  return rows.map((r) => {
    const find = cache.get(r.source_id);
    return { ...r, sentence: find ? find(r.start, r.end) : null };
  });
}

/**
 * The rows of a list (in list order) or of a search (in claim order), each with its sentence, fetched page by
 * page so memory stays flat however large the export is.
 */
export async function* iterateExportRows(db: DB, sel: ExportSelection, opts: ExportOptions = {}): AsyncGenerator<ExportRow> {
  const sentences = new Map<number, SourceSentences>();
  for await (const page of iterateExportPages(db, sel, opts)) yield* await withSentences(db, page, sentences);
}
