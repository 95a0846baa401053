import { readFileSync } from 'node:fs';
import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import '@citation-js/plugin-csl';

/** Bibliography styles offered: APA ships with citation-js; Chicago author-date is our own CSL file. */
export const BIBLIOGRAPHY_STYLES = { apa: 'apa', chicago: 'claimtrail-chicago-author-date' } as const;
export type BibliographyStyle = keyof typeof BIBLIOGRAPHY_STYLES;

let registered = false;
function registerStyles(): void {
  if (registered) return;
  const templates = plugins.config.get('@csl').templates;
  if (!templates.has(BIBLIOGRAPHY_STYLES.chicago)) {
    templates.add(BIBLIOGRAPHY_STYLES.chicago, readFileSync(new URL('./styles/chicago-author-date.csl', import.meta.url), 'utf8'));
  }
  registered = true;
}

/** citation-js over CSL items (or text to parse), with our styles registered (offline: no style or locale is fetched). */
export function cite(items: unknown): Cite {
  registerStyles();
  return new Cite(items);
}

export { Cite };
