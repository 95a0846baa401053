import { z } from 'zod';
import { PartialDateSchema } from '../core/partial-date.js';
import { EXPORT_FORMATS } from '../export/types.js';
import { IdSchema, OptionalIdSchema } from './params.js';

/** An empty form field means "not given". */
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankToUndefined, z.string().max(max, `at most ${max} characters`).optional());
const partialDate = z.preprocess(blankToUndefined, PartialDateSchema.optional());

const CLAIM_KIND_VALUES = ['quote', 'reported', 'figure', 'attribution'] as const;

export const SearchFiltersSchema = z.object({
  q: text(500).describe('words and "quoted phrases" to find in the claim text, speaker, outlet or title; a trailing * finds words starting with it'),
  speaker: text(200).describe('a speaker by any of their names or aliases'),
  outlet: text(200).describe('outlet name (exact, case-insensitive)'),
  kind: z.preprocess(blankToUndefined, z.enum(CLAIM_KIND_VALUES).optional()),
  verdict: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z_]{1,32}$/, 'a verdict such as verified or false')
      .optional(),
  ),
  from: partialDate.describe('published on or after (YYYY, YYYY-MM or YYYY-MM-DD)'),
  to: partialDate.describe('published on or before (YYYY, YYYY-MM or YYYY-MM-DD)'),
  min_confidence: z
    .preprocess(blankToUndefined, z.coerce.number().min(0, 'between 0 and 1').max(1, 'between 0 and 1').optional())
    .describe(
      'leave out claims whose speaker attribution is less certain than this (0–1): 0.8 keeps quotes with the name beside the cue, 0.5 also coreference',
    ),
  include_withdrawn: z
    .preprocess((v) => (v === '1' || v === 'true' ? true : v === '0' || v === 'false' || v === '' ? undefined : v), z.boolean().optional())
    .describe('1: also claims editors withdrew (left out by default)'),
  official: z
    .preprocess(blankToUndefined, z.enum(['matches', 'differs', 'any'], { message: 'official: one of matches, differs, any' }).optional())
    .describe('only figures set beside an official one (reference data): that match it, that differ from it, or any'),
});

export const SearchQuerySchema = SearchFiltersSchema.extend({
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10000).default(1)),
  size: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(20)),
  group: z.preprocess(blankToUndefined, z.enum(['speaker', 'source']).optional()),
  sort: z.preprocess(blankToUndefined, z.enum(['newest', 'relevance']).optional()).describe('newest (default) or relevance (bm25)'),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

const OfficialSchema = z.object({
  status: z.enum(['matches', 'differs']),
  official: z.number(),
  reported: z.number(),
  source: z.string().describe('who published the official figure, e.g. House of Commons Library'),
  label: z.string().describe('"matches official: 528 (House of Commons Library)" or "differs from official: reported 538, official 528"'),
});

export const SpeakersQuerySchema = z.object({
  name: text(200).describe('keep speakers with a name or alias containing this (case-insensitive)'),
});

const SegmentSchema = z.object({ text: z.string(), mark: z.boolean() });

const SearchHitSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  exact: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  speaker_name: z.string().nullable(),
  speaker_entity_id: z.number().int().nullable(),
  confidence: z
    .number()
    .describe('0–1: ≥ 0.9 the speaker is named beside the cue; 0.5–0.8 carried over or resolved from a pronoun/description; lower is a guess'),
  verdict: z.string(),
  source_id: z.number().int(),
  outlet: z.string().nullable(),
  title: z.string().nullable(),
  published_at: z.string().nullable(),
  url: z.string().nullable(),
  segments: z.array(SegmentSchema).describe('the claim text cut into plain and matched (mark: true) parts'),
  conflicts: z.array(z.number().int()).describe('ids of claims linked to this one as contradicting it'),
  official: OfficialSchema.nullable().describe('the official figure this figure was set beside (reference data), or null'),
  withdrawn_at: z.string().nullable().describe('when an editor withdrew the claim (only with include_withdrawn=1), else null'),
});

export const SearchResponseSchema = z.object({
  total: z.number().int(),
  total_capped: z.boolean().describe('true when there are more matches than total counts'),
  page: z.number().int(),
  size: z.number().int(),
  terms: z.array(z.string()),
  speaker_entities: z.array(z.object({ id: z.number().int(), name: z.string() })),
  claims: z.array(SearchHitSchema),
  groups: z.array(z.object({ key: z.string(), label: z.string(), href: z.string().nullable(), claim_ids: z.array(z.number().int()) })).optional(),
});

export const SuggestQuerySchema = z.object({ q: z.preprocess((v) => (v === undefined ? '' : v), z.string().max(100)) });
const SpeakerSuggestionSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.string(), claims: z.number().int() });
export const SuggestResponseSchema = z.object({ speakers: z.array(SpeakerSuggestionSchema) });

export const SpeakersResponseSchema = z.object({
  total: z.number().int(),
  page: z.number().int(),
  size: z.number().int(),
  speakers: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string(), claims: z.number().int(), sources: z.number().int() })),
});

export const PersonResponseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.string(),
  aliases: z.array(z.string()),
  claims: z.array(SearchHitSchema.omit({ segments: true })),
});

export const CreateListSchema = z.object({
  name: z.string().trim().min(1, 'a list needs a name').max(100, 'at most 100 characters'),
  description: z.preprocess(blankToUndefined, z.string().trim().max(1000, 'at most 1000 characters').optional()),
});
export const AddListItemSchema = z.object({ claim_id: IdSchema });

export const ListSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  created_by: z.string(),
  created_at: z.string(),
  items: z.number().int(),
});
export const ListsResponseSchema = z.object({ lists: z.array(ListSummarySchema) });
export const ListResponseSchema = ListSummarySchema.extend({
  claims: z.array(
    z.object({
      claim_id: z.number().int(),
      position: z.number().int(),
      added_by: z.string(),
      added_at: z.string(),
      kind: z.string(),
      exact: z.string(),
      speaker_name: z.string().nullable(),
      verdict: z.string(),
      source_id: z.number().int(),
      outlet: z.string().nullable(),
      title: z.string().nullable(),
      published_at: z.string().nullable(),
    }),
  ),
});
export const ListItemResultSchema = z.object({
  list_id: z.number().int(),
  claim_id: z.number().int(),
  added: z.boolean().optional(),
  removed: z.boolean().optional(),
});

export const ExportQuerySchema = SearchFiltersSchema.extend({
  format: z.enum(EXPORT_FORMATS, { message: `format: one of ${EXPORT_FORMATS.join(', ')}` }),
  list: OptionalIdSchema.describe('export this citation list (id) instead of a search'),
  style: z.preprocess(blankToUndefined, z.enum(['apa', 'chicago']).default('apa')).describe('bibliography style for markdown and html'),
});
