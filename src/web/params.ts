import { z } from 'zod';
import { HttpError } from './errors.js';

const IdSchema = z.coerce.number().int().positive();

/** A positive integer route parameter, or a 404 naming what was not found (ids that cannot exist do not exist). */
export function parseId(raw: unknown, what: string): number {
  const r = IdSchema.safeParse(raw);
  if (!r.success) throw new HttpError(404, `${what} not found: "${String(raw).slice(0, 40)}" is not an id`);
  return r.data;
}

/** Page number and size from the query string, bounded. */
export function parsePaging(query: Record<string, unknown>, defaultSize = 50, maxSize = 200): { page: number; size: number; offset: number } {
  const page = Math.max(1, Math.min(100000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
  const size = Math.max(1, Math.min(maxSize, Number.parseInt(String(query.size ?? defaultSize), 10) || defaultSize));
  return { page, size, offset: (page - 1) * size };
}
