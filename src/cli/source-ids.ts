import { AppError } from '../core/errors.js';

/** A `--source` value as a source id: digits only, within safe integers, ≥ 1 (as ids are everywhere else). */
export function parseSourceId(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) throw new AppError('bad_request', `--source: "${raw}" is not a source id`);
  return n;
}

export const parseSourceIds = (raw: string[] | undefined): number[] | undefined => raw?.map(parseSourceId);
