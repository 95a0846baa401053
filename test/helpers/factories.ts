// Row factories for tests that need a few rows: defaults for every NOT NULL column, overrides for what the test
// is about. Claims keep the provenance rule (text.slice(start, end) === exact) by locating `exact` in the source.
import { createHash } from 'node:crypto';
import type { DB } from '../../src/storage/connect.js';
import type { ClaimTable, EntityTable, SourceTable } from '../../src/storage/database.js';
import { createSession, hashPassword, type Role } from '../../src/storage/user.repository.js';
import type { Insertable } from 'kysely';

const NOW = '2025-01-02T03:04:05.000Z';
export const TEST_PASSWORD = 'correct horse battery';

export type SourceRow = { id: number; text: string };

/** A source with `text` (one paragraph per blank-line-separated block); content hash from the text, so unique per text. */
export async function insertSource(db: DB, text: string, over: Partial<Insertable<SourceTable>> = {}): Promise<SourceRow> {
  const sha = createHash('sha256').update(text).digest('hex');
  const paragraphs: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) paragraphs.push({ start: m.index, end: m.index + m[0].length });
  const { id } = await db
    .insertInto('source')
    .values({
      url: null,
      outlet: 'Test Outlet',
      title: 'Test article',
      author: null,
      published_at: '2025-01-01',
      language: 'en',
      retrieved_at: NOW,
      file: null,
      format: 'markdown',
      raw_sha256: sha,
      content_sha256: sha,
      text,
      paragraphs_json: JSON.stringify(paragraphs),
      removed_json: '[]',
      previous_version_id: null,
      created_at: NOW,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, text };
}

/** A claim over the first occurrence of `exact` in the source (throws when it is not there). */
export async function insertClaim(db: DB, source: SourceRow, exact: string, over: Partial<Insertable<ClaimTable>> = {}): Promise<number> {
  const start = source.text.indexOf(exact);
  if (start < 0) throw new Error(`"${exact}" is not in source ${source.id}`);
  const end = start + exact.length;
  const { id } = await db
    .insertInto('claim')
    .values({
      source_id: source.id,
      kind: 'quote',
      exact,
      start,
      end,
      prefix: source.text.slice(Math.max(0, start - 32), start),
      suffix: source.text.slice(end, end + 32),
      speaker_entity_id: null,
      speaker_text: null,
      speaker_name: null,
      cue: null,
      value: null,
      unit: null,
      qualifier: null,
      subject: null,
      group_id: null,
      extractor: 'test',
      confidence: 1,
      created_by: null,
      created_at: NOW,
      updated_at: NOW,
      ...over,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An entity with its name as its one alias. */
export async function insertEntity(db: DB, name: string, kind: EntityTable['kind'] = 'person'): Promise<number> {
  const { id } = await db.insertInto('entity').values({ kind, name, created_at: NOW }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('entity_alias').values({ entity_id: id, alias: name, alias_norm: name.toLowerCase() }).execute();
  return id;
}

/** A suggested link between two claims. */
export async function insertLink(
  db: DB,
  claimA: number,
  claimB: number,
  relation: 'corroborates' | 'contradicts' | 'variant_of' = 'corroborates',
  score = 0.9,
): Promise<number> {
  const { id } = await db
    .insertInto('claim_link')
    .values({ claim_a: claimA, claim_b: claimB, relation, score, reason: 'test', decided_by: null, decided_at: null, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

let passwordHash: Promise<string> | undefined;

/** A user whose password is TEST_PASSWORD (hashed once per test file: scrypt is slow on purpose). */
export async function insertUser(db: DB, name: string, role: Role = 'editor'): Promise<number> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const { id } = await db
    .insertInto('app_user')
    .values({ name, role, password_hash: await passwordHash, created_at: NOW })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A user and a session of theirs, as logging in leaves them: the session id for the cookie and its CSRF token. */
export async function insertSignedInUser(db: DB, name: string, role: Role = 'editor'): Promise<{ userId: number; sessionId: string; csrfToken: string }> {
  const userId = await insertUser(db, name, role);
  const { id, csrfToken } = await createSession(db, userId);
  return { userId, sessionId: id, csrfToken };
}
