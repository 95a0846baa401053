import { z } from 'zod';
import { IdSchema } from './params.js';

/** GET /api/v1/entities and /entities query string. */
export const EntitiesQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  kind: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['person', 'organisation', 'place']).optional()),
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(100000).optional()),
  size: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().positive().max(500).optional()),
});

/** POST /api/v1/entities/merge (and the form on an entity page): `source_id` is merged into `target_id`. */
export const EntityMergeSchema = z.object({
  target_id: IdSchema,
  source_id: IdSchema,
});

/** POST /api/v1/entities/:id/split: the alias (by id) that becomes a new entity. */
export const EntitySplitSchema = z.object({ alias_id: IdSchema });

/** POST /entities/:id/rename and POST /api/v1/entities/:id/rename: the new canonical name (the old one stays an alias). */
export const EntityRenameSchema = z.object({
  name: z.string({ error: 'name is required' }).trim().min(1, 'name is required').max(200, 'at most 200 characters'),
});
