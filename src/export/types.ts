/** One claim with what a citation needs from its source; what every export formatter takes. */
export interface ExportRow {
  id: number;
  kind: string;
  exact: string;
  start: number;
  end: number;
  speaker_name: string | null;
  /** person | organisation | place when the speaker is a known entity */
  speaker_kind: string | null;
  verdict: string;
  source_id: number;
  outlet: string | null;
  title: string | null;
  /** the article's byline */
  author: string | null;
  published_at: string | null;
  retrieved_at: string | null;
  url: string | null;
  /** who wrote the newest annotation, and when (the verdict's review) */
  reviewed_by: string | null;
  reviewed_at: string | null;
  /** the sentence (or sentences) of the source text holding the claim; null when the offsets fall outside the text */
  sentence: string | null;
  /** figures: the quantity stated, its upper bound for a range ("500 to 600"), unit and qualifier ("more than") */
  value: number | null;
  value_max: number | null;
  unit: string | null;
  qualifier: string | null;
}

export interface ExportContext {
  /** number of rows that will follow (stated in the file where the format allows) */
  count: number;
  /** absolute base URL of this claimtrail, for claim page links (no trailing slash) */
  baseUrl: string;
  /** the newsroom named as the author of ClaimReviews */
  publisher: string;
  generatedAt: string;
  /** rows left out before formatting (ClaimReview: claims not yet reviewed), stated in the file */
  skipped?: number;
}

export type RowSource = AsyncIterable<ExportRow> | Iterable<ExportRow>;

export const EXPORT_FORMATS = ['csl', 'bibtex', 'ris', 'csv', 'markdown', 'html', 'claimreview'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Groups rows into arrays of up to n, so formatters that call citation-js do it per batch, not per row. */
export async function* batchesOf<T>(rows: AsyncIterable<T> | Iterable<T>, n: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const r of rows) {
    batch.push(r);
    if (batch.length >= n) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
