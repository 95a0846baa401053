import { z } from 'zod';
import { PublishedSchema } from '../core/partial-date.js';
import { VERDICTS } from '../storage/annotation.repository.js';
import { MANUAL_KINDS } from '../storage/claim-edit.repository.js';
import { CLAIM_KINDS_EDITABLE, SPEAKER_KINDS } from '../storage/claim-correction.repository.js';
import { IdSchema, OptionalIdSchema } from './params.js';

/** Form fields arrive as strings; an empty field means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max, `at most ${max} characters`).optional());
/** A whole number as a form sends it (digits) or JSON does (an integer): no " 1 ", "0x10", "1e3" or true. */
const wholeNumber = (what: string, min: number) =>
  z
    .unknown()
    .transform((v, ctx) => {
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
    })
    .meta({ type: 'integer', minimum: min });

const MAX_NOTE_CHARS = 20000;

/** POST /claims/:id/annotations and POST /api/v1/claims/:id/annotations. */
export const AnnotationInputSchema = z.object({
  verdict: z.enum(VERDICTS, { error: `verdict must be one of: ${VERDICTS.join(', ')}` }),
  note: z.string().max(MAX_NOTE_CHARS, `the note is longer than ${MAX_NOTE_CHARS} characters`).default(''),
  version: wholeNumber('version', 1),
});

/** POST /claims and POST /api/v1/claims: a claim made by hand from a selection. */
export const ManualClaimInputSchema = z.object({
  source_id: IdSchema,
  kind: z.enum(MANUAL_KINDS, { error: `kind must be one of: ${MANUAL_KINDS.join(', ')}` }),
  start: wholeNumber('start', 0),
  end: wholeNumber('end', 1),
  exact: z
    .string({ error: 'exact (the selected words) is required' })
    .min(1, 'exact (the selected words) is required')
    .max(5000, 'a claim is at most 5000 characters'),
  speaker: optionalText(200),
  cue: optionalText(60),
  value: z.preprocess(blankToUndefined, z.coerce.number({ error: 'value must be a number' }).finite('value must be a number').optional()),
  unit: optionalText(40),
  qualifier: optionalText(40),
  subject: optionalText(200),
});

const optionalWhole = (what: string, min: number) => z.preprocess(blankToUndefined, wholeNumber(what, min).optional());
/** true/false in JSON; a form's checkbox or button sends "1"/"0" ("true"/"false", "on"). */
const flag = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? (({ '1': true, true: true, on: true, '0': false, false: false, '': undefined } as Record<string, boolean | undefined>)[v.trim()] ?? v)
      : v,
  z.boolean({ error: 'withdrawn must be true or false' }).optional(),
);

/**
 * PATCH /api/v1/claims/:id and POST /claims/:id/correction: change a claim's speaker (an entity by id, or a typed
 * name with its kind), kind, or span (start/end, or exact words from its sentence), or withdraw it with a reason.
 */
export const ClaimCorrectionSchema = z
  .object({
    version: optionalWhole('version', 1).describe('the version you read; a newer one on the server answers 409'),
    speaker_entity_id: OptionalIdSchema.describe('an existing person or organisation (see /api/v1/speakers/suggest)'),
    speaker_name: optionalText(200).describe('a speaker by name: the entity of speaker_kind with that name or alias, else a new one'),
    speaker_kind: z.preprocess(blankToUndefined, z.enum(SPEAKER_KINDS, { error: 'speaker_kind must be person or organisation' }).optional()),
    clear_speaker: flag.describe('true: nobody is identified as the speaker'),
    kind: z.preprocess(blankToUndefined, z.enum(CLAIM_KINDS_EDITABLE, { error: `kind must be one of: ${CLAIM_KINDS_EDITABLE.join(', ')}` }).optional()),
    start: optionalWhole('start', 0),
    end: optionalWhole('end', 1),
    exact: z
      .preprocess(blankToUndefined, z.string().max(5000, 'a claim is at most 5000 characters').optional())
      .describe("the new words, copied from the claim's sentence (or, with start/end, what they must cut)"),
    withdrawn: flag.describe('true withdraws the claim (a reason is required), false reinstates it'),
    reason: optionalText(2000).describe('why the claim is withdrawn'),
  })
  .superRefine((v, ctx) => {
    if (v.speaker_entity_id !== undefined && v.speaker_name !== undefined)
      ctx.addIssue({ code: 'custom', path: ['speaker_name'], message: 'send speaker_entity_id or speaker_name, not both' });
    if (v.speaker_name !== undefined && v.speaker_kind === undefined)
      ctx.addIssue({ code: 'custom', path: ['speaker_kind'], message: 'choose person or organisation for the speaker' });
    if (v.withdrawn === true && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'say why the claim is withdrawn' });
    const fields = ['speaker_entity_id', 'speaker_name', 'clear_speaker', 'kind', 'start', 'end', 'exact', 'withdrawn'] as const;
    if (!fields.some((f) => v[f] !== undefined)) ctx.addIssue({ code: 'custom', path: [], message: `nothing to change: send one of ${fields.join(', ')}` });
  });
export type ClaimCorrectionInput = z.infer<typeof ClaimCorrectionSchema>;

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
  published: z.preprocess(blankToUndefined, PublishedSchema.optional()),
  author: optionalText(300),
  format: z.enum(PASTE_FORMATS, { error: 'format must be txt, md or html' }).default('txt'),
  text: z.string({ error: 'paste the article text' }).refine((v) => v.trim().length > 0, 'paste the article text: it is empty'),
});
