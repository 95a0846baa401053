import { z } from 'zod';
import { IdSchema, OptionalIdSchema } from './params.js';

const LinkRelationSchema = z.enum(['corroborates', 'contradicts', 'variant_of']);
const LinkStatusSchema = z.enum(['suggested', 'confirmed', 'rejected']);

const optionalEmpty = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === '' || v === undefined ? undefined : v), s.optional());

/** GET /api/v1/links and /board query string. */
export const LinksQuerySchema = z.object({
  relation: optionalEmpty(LinkRelationSchema),
  status: optionalEmpty(LinkStatusSchema),
  entity: OptionalIdSchema,
  page: optionalEmpty(z.coerce.number().int().positive().max(100000)),
  size: optionalEmpty(z.coerce.number().int().positive().max(500)),
});

/** /board query string: the queue (open and confirmed) unless a status is chosen; the entity by id (old links) or by name. */
export const BoardQuerySchema = LinksQuerySchema.extend({
  status: optionalEmpty(z.enum(['queue', 'suggested', 'confirmed', 'rejected', 'all'])),
  entity_name: optionalEmpty(z.string().trim().max(200, 'at most 200 characters')),
});

/** An editor's optional reason for a decision: blank means none. */
const NoteSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string().max(1000, 'at most 1000 characters').optional(),
);

/** POST /board/links/:id and /board/entity-links/:id form: one card's Confirm / Reject (/ Reopen) with a reason. */
export const CardDecisionSchema = z.object({
  action: z.enum(['confirm', 'reject', 'reopen']),
  note: NoteSchema,
});

/** GET /api/v1/board/entities: names for the board's entity box. */
export const BoardEntitySuggestQuerySchema = z.object({ q: z.preprocess((v) => (v === undefined ? '' : v), z.string().max(100, 'at most 100 characters')) });

/** POST /api/v1/links/:id body. */
export const LinkDecisionSchema = z.object({
  status: LinkStatusSchema,
  note: NoteSchema.describe("the editor's reason (optional), shown on the card and in the audit log"),
});

const IdList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(IdSchema).min(1, 'tick at least one suggestion').max(500));

/** POST /board/links and /board/entity-links form (checkboxes "ids", button "action"). */
export const BulkDecisionSchema = z.object({
  ids: IdList,
  action: z.enum(['confirm', 'reject', 'reopen']),
});
