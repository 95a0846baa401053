import { z } from 'zod';
import { IdSchema, OptionalIdSchema } from './params.js';

export const LinkRelationSchema = z.enum(['corroborates', 'contradicts', 'variant_of']);
export const LinkStatusSchema = z.enum(['suggested', 'confirmed', 'rejected']);

const optionalEmpty = <T extends z.ZodTypeAny>(s: T) => z.preprocess((v) => (v === '' || v === undefined ? undefined : v), s.optional());

/** GET /api/v1/links and /board query string. */
export const LinksQuerySchema = z.object({
  relation: optionalEmpty(LinkRelationSchema),
  status: optionalEmpty(LinkStatusSchema),
  entity: OptionalIdSchema,
  page: optionalEmpty(z.coerce.number().int().positive().max(100000)),
  size: optionalEmpty(z.coerce.number().int().positive().max(500)),
});
export type LinksQuery = z.infer<typeof LinksQuerySchema>;

/** POST /api/v1/links/:id body. */
export const LinkDecisionSchema = z.object({ status: LinkStatusSchema });
export type LinkDecision = z.infer<typeof LinkDecisionSchema>;

const IdList = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(IdSchema).min(1, 'tick at least one suggestion').max(500));

/** POST /board/links and /board/entity-links form (checkboxes "ids", button "action"). */
export const BulkDecisionSchema = z.object({
  ids: IdList,
  action: z.enum(['confirm', 'reject', 'reopen']),
});
export type BulkDecision = z.infer<typeof BulkDecisionSchema>;
