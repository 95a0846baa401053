import type { BibliographyStyle } from './citation-js.js';
import { formatBibtex } from './bibtex.js';
import { formatClaimReview } from './claimreview.js';
import { formatCslJson } from './csl.js';
import { formatCsv } from './csv.js';
import { formatHtml, formatMarkdown } from './markdown.js';
import { formatRis } from './ris.js';
import type { ExportContext, ExportFormat, RowSource } from './types.js';

export * from './types.js';
export { type BibliographyStyle } from './citation-js.js';

export interface FormatInfo {
  mediaType: string;
  extension: string;
  label: string;
}

export const FORMAT_INFO: Record<ExportFormat, FormatInfo> = {
  csl: { mediaType: 'application/vnd.citationstyles.csl+json; charset=utf-8', extension: 'json', label: 'CSL-JSON' },
  bibtex: { mediaType: 'application/x-bibtex; charset=utf-8', extension: 'bib', label: 'BibTeX' },
  ris: { mediaType: 'application/x-research-info-systems; charset=utf-8', extension: 'ris', label: 'RIS' },
  csv: { mediaType: 'text/csv; charset=utf-8; header=present', extension: 'csv', label: 'CSV' },
  markdown: { mediaType: 'text/markdown; charset=utf-8', extension: 'md', label: 'Markdown' },
  html: { mediaType: 'text/html; charset=utf-8', extension: 'html', label: 'HTML' },
  claimreview: { mediaType: 'application/ld+json; charset=utf-8', extension: 'jsonld', label: 'ClaimReview' },
};

/** The writer for a format: an async stream of text chunks. */
export function formatExport(format: ExportFormat, rows: RowSource, ctx: ExportContext, style: BibliographyStyle = 'apa'): AsyncIterable<string> {
  switch (format) {
    case 'csl':
      return formatCslJson(rows, ctx);
    case 'bibtex':
      return formatBibtex(rows, ctx);
    case 'ris':
      return formatRis(rows, ctx);
    case 'csv':
      return formatCsv(rows, ctx);
    case 'markdown':
      return formatMarkdown(rows, ctx, style);
    case 'html':
      return formatHtml(rows, ctx, style);
    case 'claimreview':
      return formatClaimReview(rows, ctx);
  }
}
