import { marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

/** The only markup a note may keep; everything else (scripts, images, handlers, styles) is dropped. */
const NOTE_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'a', 'ul', 'ol', 'li', 'code', 'pre', 'blockquote'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: 'noopener nofollow' } }),
  },
};

/** An editor's markdown note → safe HTML (marked, then sanitize-html). The only HTML templates print unescaped. */
export function renderNote(markdown: string): string {
  if (!markdown.trim()) return '';
  const html = marked.parse(markdown, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, NOTE_POLICY);
}
