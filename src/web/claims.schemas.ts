import { z } from 'zod';
import { VERDICTS } from '../storage/annotation.repository.js';
import { MANUAL_KINDS } from '../storage/claim-edit.repository.js';
import { IdSchema } from './params.js';

/** Form fields arrive as strings; an empty field means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `at most ${max} characters`).optional());
/** A whole number as a form sends it (digits) or JSON does (an integer): no " 1 ", "0x10", "1e3" or true. */
const wholeNumber = (what: string, min: number) =>
  z.unknown().transform((v, ctx) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?[0-9]{1,16}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n)) {
      ctx.addIssue({ code: 'custom', message: v === undefined || v === '' ? `${what} is required` : `${what} must be a whole number (digits only)` });
      return z.NEVER;
    }
    if (n < min) {
      ctx.addIssue({ code: 'custom', message: `${what} must be ≥ ${min}` });
      return z.NEVER;
    }
    return n;
  }).meta({ type: 'integer', minimum: min });

export const MAX_NOTE_CHARS = 20000;

/** POST /claims/:id/annotations and POST /api/v1/claims/:id/annotations. */
export const AnnotationInputSchema = z.object({
  verdict: z.enum(VERDICTS, { error: `verdict must be one of: ${VERDICTS.join(', ')}` }),
  note: z.string().max(MAX_NOTE_CHARS, `the note is longer than ${MAX_NOTE_CHARS} characters`).default(''),
  version: wholeNumber('version', 1),
});
export type AnnotationInput = z.infer<typeof AnnotationInputSchema>;

/** POST /claims and POST /api/v1/claims: a claim made by hand from a selection. */
export const ManualClaimInputSchema = z.object({
  source_id: IdSchema,
  kind: z.enum(MANUAL_KINDS, { error: `kind must be one of: ${MANUAL_KINDS.join(', ')}` }),
  start: wholeNumber('start', 0),
  end: wholeNumber('end', 1),
  exact: z.string({ error: 'exact (the selected words) is required' }).min(1, 'exact (the selected words) is required').max(5000, 'a claim is at most 5000 characters'),
  speaker: optionalText(200),
  cue: optionalText(60),
  value: z.preprocess(blankToUndefined, z.coerce.number({ error: 'value must be a number' }).finite('value must be a number').optional()),
  unit: optionalText(40),
  qualifier: optionalText(40),
  subject: optionalText(200),
});
export type ManualClaimInput = z.infer<typeof ManualClaimInputSchema>;

/** A publication date as sources give it: a year, a month, or a day (YYYY, YYYY-MM, YYYY-MM-DD). */
export const PublishedDateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'date must look like 2024, 2024-06 or 2024-06-11')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number);
    if (m === undefined) return y >= 1800 && y <= 2200;
    if (m < 1 || m > 12) return false;
    if (d === undefined) return true;
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'that date does not exist');

export const PASTE_FORMATS = ['txt', 'md', 'html'] as const;

/** POST /sources/new: an article pasted into the form, with its metadata. */
export const PasteArticleSchema = z.object({
  title: optionalText(500),
  outlet: optionalText(200),
  url: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .max(2000)
      .refine((v) => /^https?:\/\/[^\s/]+\.[^\s]*$/i.test(v) && URL.canParse(v), 'URL must be a full http:// or https:// address')
      .optional(),
  ),
  published: z.preprocess(blankToUndefined, PublishedDateSchema.optional()),
  author: optionalText(300),
  format: z.enum(PASTE_FORMATS, { error: 'format must be txt, md or html' }).default('txt'),
  text: z.string({ error: 'paste the article text' }).refine((v) => v.trim().length > 0, 'paste the article text: it is empty'),
});
export type PasteArticle = z.infer<typeof PasteArticleSchema>;
