import type { Span } from '../core/span.js';

export type SourceFormat = 'md' | 'txt' | 'html';

/** Metadata about an article; every field may be unknown (null), never invented. */
export interface SourceMeta {
  title: string | null;
  outlet: string | null;
  url: string | null;
  author: string | null;
  /** ISO date or date-time as given by the source */
  publishedAt: string | null;
  language: string | null;
}

/** A piece of page furniture removed during normalisation. `at` is where it sat in the stored text. */
export interface RemovedFurniture {
  kind: string;
  text: string;
  /** offset in the stored (normalised) text where the removed paragraph would have been */
  at: number;
}

/** The result of ingesting one file, before storage: normalised text plus structure. */
export interface Article {
  meta: SourceMeta;
  /** normalised body: original characters, furniture paragraphs removed, paragraphs separated by "\n\n" */
  text: string;
  paragraphs: Span[];
  sentences: Span[];
  removed: RemovedFurniture[];
  format: SourceFormat;
  /** sha256 (hex) of the file's original bytes */
  rawSha256: string;
  /** sha256 (hex) of the title and the normalised text: the dedupe key */
  contentSha256: string;
  /** decoding warnings, e.g. Latin-1 fallback */
  warnings: string[];
}
