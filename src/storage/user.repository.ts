import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { recordAuditEvent, USER_ADD_ACTION } from './audit.repository.js';
import type { DB } from './connect.js';
import type { AppUser } from './database.js';

const scrypt = promisify(scryptCb) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

export type Role = AppUser['role'];
export const ROLES: Role[] = ['admin', 'editor', 'researcher'];
export const SESSION_DAYS = 14;

/** "scrypt$salt$hash" (hex), with node's scrypt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 64);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** Adds an account; with an actor, an audit row (never the password hash) lands in the same transaction. */
export async function addUser(db: DB, name: string, role: Role, password: string, actor?: string): Promise<number> {
  if (!/^[\w.@-]{2,64}$/.test(name)) throw new Error('user name: 2–64 letters, digits, ".", "@", "_" or "-"');
  if (password.length < 8) throw new Error('password: at least 8 characters');
  if (await db.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst()) throw new Error(`user "${name}" already exists`);
  // hashed before the transaction: scrypt takes ~50 ms, too long to hold the write lock
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst()) throw new Error(`user "${name}" already exists`);
    const now = new Date().toISOString();
    const { id } = await trx.insertInto('app_user').values({ name, role, password_hash: passwordHash, created_at: now }).returning('id').executeTakeFirstOrThrow();
    if (actor) await recordAuditEvent(trx, { actor, action: USER_ADD_ACTION, targetType: 'app_user', targetId: id, before: null, after: { id, name, role }, now });
    return id;
  });
}

export async function authenticate(db: DB, name: string, password: string): Promise<AppUser | null> {
  const user = await db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirst();
  // Hash even for unknown users so response time does not reveal which names exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$00$00');
  return user && ok ? user : null;
}

export async function createSession(db: DB, userId: number): Promise<{ id: string; csrfToken: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await db
    .insertInto('session')
    .values({ id, user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_DAYS * 864e5).toISOString() })
    .execute();
  return { id, csrfToken };
}

export function findSessionUser(db: DB, sessionId: string) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select(['app_user.id', 'app_user.name', 'app_user.role', 'session.csrf_token', 'session.expires_at'])
    .where('session.id', '=', sessionId)
    .where('session.expires_at', '>', new Date().toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}
