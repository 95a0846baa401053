import { z } from 'zod';
import { AppError } from '../core/errors.js';

const ID_RULE = `a whole number id: digits only, 1 to ${Number.MAX_SAFE_INTEGER}`;

/**
 * An id as it arrives in a path, a form or JSON: a string of digits or a JSON integer, ≥ 1 and within safe
 * integers. Anything else (" 1 ", "0x10", "1e3", true, -1, 9007199254740993) is null. Pure.
 */
export function parseIdValue(raw: unknown): number | null {
  let n: number;
  if (typeof raw === 'number') n = raw;
  else if (typeof raw === 'string' && /^[0-9]{1,16}$/.test(raw)) n = Number(raw);
  else return null;
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
}

/** The zod schema for an id field (forms and JSON bodies): the field is named in the 400 it gives. */
export const IdSchema = z
  .unknown()
  .transform((v, ctx) => {
    const n = parseIdValue(v);
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: `must be ${ID_RULE} (got ${describeRaw(v)})` });
      return z.NEVER;
    }
    return n;
  })
  .meta({ type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: `${ID_RULE} (forms may send the digits as a string)` });

/** An optional id (query strings, optional form fields): empty or missing means "not given". */
export const OptionalIdSchema = z.preprocess((v) => (v === '' ? undefined : v), IdSchema.optional());

/** A route parameter or body field that must be an id, else a 400 naming the field. */
export function parseId(raw: unknown, field: string): number {
  const n = parseIdValue(raw);
  if (n === null)
    throw new AppError('invalid_input', `invalid input: ${field}: must be ${ID_RULE} (got ${describeRaw(raw)})`, {
      details: [{ field, reason: `must be ${ID_RULE}` }],
    });
  return n;
}

function describeRaw(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.slice(0, 40));
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && !Number.isSafeInteger(v) && Number.isInteger(v)) return 'a number beyond the safe range';
  try {
    return JSON.stringify(v)?.slice(0, 40) ?? typeof v;
  } catch {
    return typeof v;
  }
}

/** Page number and size from the query string, bounded. */
export function parsePaging(query: Record<string, unknown>, defaultSize = 50, maxSize = 200): { page: number; size: number; offset: number } {
  const page = Math.max(1, Math.min(100000, Number.parseInt(String(query.page ?? '1'), 10) || 1));
  const size = Math.max(1, Math.min(maxSize, Number.parseInt(String(query.size ?? defaultSize), 10) || defaultSize));
  return { page, size, offset: (page - 1) * size };
}
