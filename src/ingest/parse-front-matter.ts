import { parseDocument } from 'yaml';
import { z } from 'zod';
import { FrontMatterPublishedSchema } from '../core/partial-date.js';

const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) => (v === null || v === undefined || String(v).trim() === '' ? null : String(v).trim()));

const FrontMatterSchema = z
  .object({
    title: optionalText,
    outlet: optionalText,
    url: z
      .string()
      .trim()
      .nullish()
      .refine((v) => !v || /^https?:\/\/\S+$/i.test(v), { message: 'not an http(s) URL' })
      .transform((v) => v || null),
    published: FrontMatterPublishedSchema,
    author: optionalText,
    language: optionalText,
  })
  .strict();
type FrontMatter = z.infer<typeof FrontMatterSchema>;

export type FrontMatterResult = { ok: true; meta: FrontMatter | null; body: string } | { ok: false; reason: string };

/** Front matter needs no aliases; this many is plenty for a real one and stops an exponential expansion early. */
export const MAX_ALIAS_COUNT = 100;

/** Splits "---\nYAML\n---\nbody" and validates the YAML; a file without front matter gives meta null. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) {
    if (/^---[ \t]*\r?\n/.test(text)) return { ok: false, reason: 'front matter: opening "---" has no closing "---"' };
    return { ok: true, meta: null, body: text };
  }
  let doc: ReturnType<typeof parseDocument>;
  let data: unknown;
  try {
    doc = parseDocument(m[1]);
    if (!doc.errors.length) data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (e) {
    // yaml throws (rather than reports) on an alias bomb: "a: &a [x,x]  b: &b [*a,*a] …" grows exponentially
    const message = (e as Error).message;
    if (/alias/i.test(message))
      return {
        ok: false,
        reason: `front matter: too many YAML aliases (more than ${MAX_ALIAS_COUNT} references to anchors); refused as a possible alias bomb`,
      };
    return { ok: false, reason: `front matter: cannot read the YAML: ${message.split('\n')[0]}` };
  }
  if (doc.errors.length) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    // yaml's message ends with its own "at line L, column C:" relative to the block; report the file's line instead
    const what = e.message.split('\n')[0].replace(/\s*at line \d+, column \d+:?$/, '');
    return { ok: false, reason: `front matter: invalid YAML${line ? ` at line ${line + 1}` : ''}: ${what}` };
  }
  if (typeof data !== 'object' || Array.isArray(data)) return { ok: false, reason: 'front matter: must be a mapping of field: value' };
  const parsed = FrontMatterSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(root)');
    return { ok: false, reason: `front matter: field "${field}": ${issue.message}` };
  }
  return { ok: true, meta: parsed.data, body: text.slice(m[0].length) };
}
