import { EXPORT_FORMATS, type ExportFormat } from '../export/types.js';
import { FORMAT_INFO } from '../export/index.js';

/** A query string from the non-empty values given (for shareable search, pager and export links). */
export function queryString(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** One export link per format (and per bibliography style for Markdown and HTML). */
export function exportLinks(params: Record<string, string | number | undefined | null>): { href: string; label: string; format: ExportFormat }[] {
  const links: { href: string; label: string; format: ExportFormat }[] = [];
  for (const format of EXPORT_FORMATS) {
    if (format === 'markdown' || format === 'html') {
      for (const style of ['apa', 'chicago'] as const) {
        links.push({
          format,
          href: `/export${queryString({ ...params, format, style })}`,
          label: `${FORMAT_INFO[format].label} (${style === 'apa' ? 'APA' : 'Chicago'})`,
        });
      }
    } else links.push({ format, href: `/export${queryString({ ...params, format })}`, label: FORMAT_INFO[format].label });
  }
  return links;
}
