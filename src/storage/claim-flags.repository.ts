import type { OfficialSummary } from '../search/search-types.js';
import type { DB } from './connect.js';
import { findOfficialMarks, type OfficialMark } from './reference.repository.js';

const summariseMark = (m: OfficialMark): OfficialSummary => ({
  status: m.status,
  official: m.official,
  reported: m.reported,
  source: m.source,
  label: m.label,
});

/** The official marks of these claims as shown in listings: claim id → summary (unmarked claims absent). */
export async function findOfficialSummaries(db: DB, ids: number[]): Promise<Map<number, OfficialSummary>> {
  const marks = ids.length ? await findOfficialMarks(db, ids) : new Map<number, OfficialMark>();
  return new Map([...marks].map(([id, m]) => [id, summariseMark(m)]));
}

/** Contradiction links (not rejected) touching any of these claims: claim id → the other claims' ids. */
export async function findConflicts(db: DB, ids: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (!ids.length) return out;
  const rows = await db
    .selectFrom('claim_link')
    .select(['claim_a', 'claim_b'])
    .where('relation', '=', 'contradicts')
    .where('status', '!=', 'rejected')
    .where((eb) => eb.or([eb('claim_a', 'in', ids), eb('claim_b', 'in', ids)]))
    .execute();
  const wanted = new Set(ids);
  const add = (k: number, v: number) => out.set(k, [...(out.get(k) ?? []), v]);
  for (const r of rows) {
    if (wanted.has(r.claim_a)) add(r.claim_a, r.claim_b);
    if (wanted.has(r.claim_b)) add(r.claim_b, r.claim_a);
  }
  return out;
}
