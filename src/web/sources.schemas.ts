import { z } from 'zod';
import { PartialDateSchema } from '../core/partial-date.js';
import { SOURCE_SORTS } from '../storage/source-listing.repository.js';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const partialDate = z.preprocess(blankToUndefined, PartialDateSchema.optional());

/** The sources list's search, filters and order (the page and /api/v1/sources). */
export const SourceListQuerySchema = z.object({
  q: z
    .preprocess(blankToUndefined, z.string().max(200, 'at most 200 characters').optional())
    .describe('words that must each appear in the title or the outlet name'),
  outlet: z.preprocess(blankToUndefined, z.string().max(200, 'at most 200 characters').optional()).describe('outlet name (exact, case-insensitive)'),
  from: partialDate.describe('published on or after (YYYY, YYYY-MM or YYYY-MM-DD); undated sources are left out'),
  to: partialDate.describe('published on or before (YYYY, YYYY-MM or YYYY-MM-DD); undated sources are left out'),
  sort: z
    .preprocess(blankToUndefined, z.enum(SOURCE_SORTS, { message: `sort: one of ${SOURCE_SORTS.join(', ')}` }).default('newest'))
    .describe('newest (default) | oldest | title | claims (most first) | conflicts (most contradicted claims first); undated sources last'),
});
export type SourceListQuery = z.infer<typeof SourceListQuerySchema>;
