import { BIBLIOGRAPHY_STYLES, cite, type BibliographyStyle } from './citation-js.js';
import { claimHeadline, claimUrl, figureReading, oneLine } from './claim-note.js';
import { toCslItem } from './csl.js';
import type { ExportContext, ExportRow, RowSource } from './types.js';

interface BibliographyEntry {
  /** the entry as HTML from citeproc (escaped by it) */
  html: string;
  rows: ExportRow[];
}

/**
 * One reference per source, in the style's order, each with the claims quoted from it. Every row is held
 * until the style has sorted them (a bibliography cannot be written before it is sorted).
 */
async function buildBibliography(rows: RowSource, style: BibliographyStyle, ctx: Pick<ExportContext, 'baseUrl'>): Promise<BibliographyEntry[]> {
  const bySource = new Map<number, ExportRow[]>();
  for await (const r of rows) bySource.set(r.source_id, [...(bySource.get(r.source_id) ?? []), r]);
  if (!bySource.size) return [];
  const items = [...bySource.values()].map((rs) => ({ ...toCslItem(rs[0], ctx), id: `source-${rs[0].source_id}`, note: undefined }));
  const html = cite(items).format('bibliography', { format: 'html', template: BIBLIOGRAPHY_STYLES[style], lang: 'en-US' }) as string;
  const entries: BibliographyEntry[] = [];
  for (const m of html.matchAll(/<div data-csl-entry-id="source-(\d+)" class="csl-entry">([\s\S]*?)<\/div>/g)) {
    entries.push({ html: m[2].trim(), rows: bySource.get(Number(m[1])) ?? [] });
  }
  return entries;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&#38;': '&',
  '&lt;': '<',
  '&#60;': '<',
  '&gt;': '>',
  '&#62;': '>',
  '&quot;': '"',
  '&#34;': '"',
  '&#39;': "'",
};

/** citeproc's HTML entry as Markdown: italics kept, other tags dropped, entities decoded, Markdown specials escaped. */
function entryHtmlToMarkdown(html: string): string {
  const parts = html.split(/(<\/?i>|<\/?b>|<[^>]+>)/);
  return parts
    .map((p) => {
      if (p === '<i>' || p === '</i>') return '*';
      if (p === '<b>' || p === '</b>') return '**';
      if (p.startsWith('<')) return '';
      return escapeMarkdown(p.replace(/&#?\w+;/g, (e) => ENTITIES[e] ?? e));
    })
    .join('');
}

const escapeMarkdown = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

const STYLE_NAMES: Record<BibliographyStyle, string> = { apa: 'APA 7th edition', chicago: 'Chicago author-date' };

export async function* formatMarkdown(rows: RowSource, ctx: ExportContext, style: BibliographyStyle = 'apa'): AsyncGenerator<string> {
  const entries = await buildBibliography(rows, style, ctx);
  yield `# Citations\n\n${ctx.count} claim${ctx.count === 1 ? '' : 's'} from ${entries.length} source${entries.length === 1 ? '' : 's'} (${STYLE_NAMES[style]}), generated ${ctx.generatedAt} by claimtrail.\n\n`;
  for (const e of entries) {
    let s = `- ${entryHtmlToMarkdown(e.html)}\n`;
    for (const r of e.rows) {
      s += `\n  > ${escapeMarkdown(claimHeadline(r))} ([claim ${r.id}](${claimUrl(ctx, r.id)}))\n  >\n  > ${r.sentence ? `Sentence: “${escapeMarkdown(oneLine(r.sentence))}” · ` : ''}${r.kind} · verdict: ${escapeMarkdown(r.verdict)}\n`;
    }
    yield `${s}\n`;
  }
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export async function* formatHtml(rows: RowSource, ctx: ExportContext, style: BibliographyStyle = 'apa'): AsyncGenerator<string> {
  const entries = await buildBibliography(rows, style, ctx);
  yield `<!doctype html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Citations</title></head>\n<body>\n<h1>Citations</h1>\n<p>${ctx.count} claim${ctx.count === 1 ? '' : 's'} from ${entries.length} source${entries.length === 1 ? '' : 's'} (${STYLE_NAMES[style]}), generated ${escapeHtml(ctx.generatedAt)} by claimtrail.</p>\n<ol class="bibliography">\n`;
  for (const e of entries) {
    let s = `<li><p class="csl-entry">${e.html}</p>\n`;
    for (const r of e.rows) {
      const url = escapeHtml(claimUrl(ctx, r.id));
      const figure = figureReading(r);
      s += `<blockquote cite="${url}"><p>“${escapeHtml(r.exact)}”${figure ? ` [figure: ${escapeHtml(figure)}]` : ''}</p>${r.speaker_name ? `<footer>— ${escapeHtml(r.speaker_name)}</footer>` : ''}</blockquote>\n`;
      if (r.sentence) s += `<p class="claim-sentence">Sentence: “${escapeHtml(oneLine(r.sentence))}”</p>\n`;
      s += `<p class="claim-meta">${escapeHtml(r.kind)} · verdict: ${escapeHtml(r.verdict)} · <a href="${url}">claim ${r.id}</a></p>\n`;
    }
    yield `${s}</li>\n`;
  }
  yield '</ol>\n</body>\n</html>\n';
}
