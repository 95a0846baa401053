import { randomBytes, randomInt, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Transaction } from 'kysely';
import { AppError, type ErrorCode } from '../core/errors.js';
import { auditState, recordAuditEvent, UndoRefused, type UndoHandler, USER_ADD_ACTION } from './audit.repository.js';
import type { DB } from './connect.js';
import { inTransaction } from './transaction.js';
import type { AppUser, AuditEvent, Database } from './database.js';

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

async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, saltHex, hashHex] = stored.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(expected, actual);
}

export const USER_NAME_PATTERN = /^[\w.@-]{2,64}$/;
export const USER_NAME_RULE = 'user name: 2–64 letters, digits, ".", "@", "_" or "-"';
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** Codes an account change is refused with: invalid input, a conflict with the accounts as they are, or not found. */
const ACCOUNT_ERROR_CODES = ['invalid_input', 'conflict', 'not_found'] as const satisfies readonly ErrorCode[];
export const isAccountError = (e: unknown): e is AppError => e instanceof AppError && (ACCOUNT_ERROR_CODES as readonly string[]).includes(e.code);

/** Adds an account; with an actor, an audit row (never the password hash) lands in the same transaction. */
export async function addUser(db: DB, name: string, role: Role, password: string, actor?: string): Promise<number> {
  if (!USER_NAME_PATTERN.test(name)) throw new AppError('invalid_input', USER_NAME_RULE);
  if (password.length < MIN_PASSWORD_LENGTH) throw new AppError('invalid_input', `password: at least ${MIN_PASSWORD_LENGTH} characters`);
  if (await db.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst()) throw new AppError('conflict', `user "${name}" already exists`);
  // hashed before the transaction: scrypt takes ~50 ms, too long to hold the write lock
  const passwordHash = await hashPassword(password);
  return inTransaction(db, async (trx) => {
    if (await trx.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirst())
      throw new AppError('conflict', `user "${name}" already exists`);
    const now = new Date().toISOString();
    const { id } = await trx
      .insertInto('app_user')
      .values({ name, role, password_hash: passwordHash, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (actor)
      await recordAuditEvent(trx, { actor, action: USER_ADD_ACTION, targetType: 'app_user', targetId: id, before: null, after: { id, name, role }, now });
    return id;
  });
}

export async function authenticate(db: DB, name: string, password: string): Promise<AppUser | null> {
  const user = await db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirst();
  // Hash even for unknown users so response time does not reveal which names exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$00$00');
  // a disabled account cannot log in, and the answer is the same as for a wrong password
  return user && ok && user.disabled_at === null ? user : null;
}

export async function createSession(db: DB, userId: number): Promise<{ id: string; csrfToken: string }> {
  const id = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const now = new Date();
  await db
    .insertInto('session')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_DAYS * 864e5).toISOString(),
    })
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
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function deleteSession(db: DB, sessionId: string): Promise<void> {
  await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

// ---- Account administration (the admin page and /api/v1/admin/users) ---------------------------

export const USER_ROLE_ACTION = 'user.role';
export const USER_DISABLE_ACTION = 'user.disable';
export const USER_ENABLE_ACTION = 'user.enable';
export const USER_PASSWORD_RESET_ACTION = 'user.password_reset';

type Executor = DB | Transaction<Database>;

export interface UserSummary {
  id: number;
  name: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
  disabled_by: string | null;
  /** sessions that have not expired */
  sessions: number;
}

/** Every account, by name, with its live session count (never the password hash). */
export async function listUsers(db: Executor): Promise<UserSummary[]> {
  const now = new Date().toISOString();
  const rows = await db
    .selectFrom('app_user')
    .select((eb) => [
      'app_user.id',
      'app_user.name',
      'app_user.role',
      'app_user.created_at',
      'app_user.disabled_at',
      'app_user.disabled_by',
      eb
        .selectFrom('session')
        .select((s) => s.fn.countAll<number>().as('n'))
        .whereRef('session.user_id', '=', 'app_user.id')
        .where('session.expires_at', '>', now)
        .as('sessions'),
    ])
    .orderBy('app_user.name')
    .execute();
  return rows.map((r) => ({ ...r, sessions: Number(r.sessions ?? 0) }));
}

export async function findUserSummary(db: Executor, id: number): Promise<UserSummary | undefined> {
  return (await listUsers(db)).find((u) => u.id === id);
}

// no 0/o, 1/l/i: a generated password is read off a screen and typed
const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password of four groups of five characters (about 99 bits), e.g. "k7wqe-…". */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join(''));
  return groups.join('-');
}

/** The reason a typed password is refused, or null. */
function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}

async function userOrThrow(trx: Executor, id: number): Promise<AppUser> {
  const user = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!user) throw new AppError('not_found', `user ${id} not found`);
  return user;
}

/** Refuses a change that would leave no enabled admin (the one who could undo it). */
async function assertAnotherAdmin(trx: Executor, user: AppUser, change: string): Promise<void> {
  if (user.role !== 'admin' || user.disabled_at !== null) return;
  const other = await trx
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', user.id)
    .executeTakeFirst();
  if (!other) throw new AppError('conflict', `cannot ${change} "${user.name}": it is the last enabled admin account (make another admin first)`);
}

export interface AccountChange {
  user: UserSummary;
  /** false when the account already was as asked (nothing written, nothing audited) */
  changed: boolean;
}

/** The change itself; `audit` false when an undo makes it (the undo event records it). */
async function roleIn(trx: Transaction<Database>, user: AppUser, role: Role, actor: string, now: string, audit = true): Promise<boolean> {
  if (user.role === role) return false;
  if (role !== 'admin') await assertAnotherAdmin(trx, user, `make ${role}`);
  await trx.updateTable('app_user').set({ role }).where('id', '=', user.id).execute();
  if (audit)
    await recordAuditEvent(trx, {
      actor,
      action: USER_ROLE_ACTION,
      targetType: 'app_user',
      targetId: user.id,
      before: { name: user.name, role: user.role },
      after: { name: user.name, role },
      now,
    });
  return true;
}

/** Gives an account another role (it applies to its open sessions at once); never demotes the last enabled admin. */
export async function changeUserRole(db: DB, id: number, role: Role, actor: string): Promise<AccountChange> {
  if (!ROLES.includes(role)) throw new AppError('invalid_input', `role: one of ${ROLES.join(', ')}`);
  return inTransaction(db, async (trx) => {
    const changed = await roleIn(trx, await userOrThrow(trx, id), role, actor, new Date().toISOString());
    return { user: (await findUserSummary(trx, id))!, changed };
  });
}

async function disabledIn(trx: Transaction<Database>, user: AppUser, disabled: boolean, actor: string, now: string, audit = true): Promise<boolean> {
  if ((user.disabled_at !== null) === disabled) return false;
  if (disabled) {
    await assertAnotherAdmin(trx, user, 'disable');
    await trx.updateTable('app_user').set({ disabled_at: now, disabled_by: actor }).where('id', '=', user.id).execute();
    // its sessions end with it: the next request of any of them is anonymous
    const ended = await trx.deleteFrom('session').where('user_id', '=', user.id).executeTakeFirst();
    if (audit)
      await recordAuditEvent(trx, {
        actor,
        action: USER_DISABLE_ACTION,
        targetType: 'app_user',
        targetId: user.id,
        before: { name: user.name, disabled: false },
        after: { name: user.name, disabled: true, sessions_ended: Number(ended.numDeletedRows) },
        now,
      });
  } else {
    await trx.updateTable('app_user').set({ disabled_at: null, disabled_by: null }).where('id', '=', user.id).execute();
    if (audit)
      await recordAuditEvent(trx, {
        actor,
        action: USER_ENABLE_ACTION,
        targetType: 'app_user',
        targetId: user.id,
        before: { name: user.name, disabled: true },
        after: { name: user.name, disabled: false },
        now,
      });
  }
  return true;
}

/** Disables an account (it cannot log in; its sessions end in the same transaction) or enables it again. */
export async function setUserDisabled(db: DB, id: number, disabled: boolean, actor: string): Promise<AccountChange> {
  return inTransaction(db, async (trx) => {
    const changed = await disabledIn(trx, await userOrThrow(trx, id), disabled, actor, new Date().toISOString());
    return { user: (await findUserSummary(trx, id))!, changed };
  });
}

/**
 * Sets a new password and ends the account's sessions (but `keepSessionId`, the admin's own when they reset
 * their own password). The audit row says whether it was generated; never the password or its hash.
 */
export async function resetPassword(
  db: DB,
  id: number,
  password: string,
  actor: string,
  options: { generated: boolean; keepSessionId?: string },
): Promise<UserSummary> {
  const problem = passwordProblem(password);
  if (problem) throw new AppError('invalid_input', `password: ${problem}`);
  await userOrThrow(db, id);
  const hash = await hashPassword(password); // outside the transaction: scrypt is slow
  return inTransaction(db, async (trx) => {
    const user = await userOrThrow(trx, id);
    await trx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', id).execute();
    let ended = trx.deleteFrom('session').where('user_id', '=', id);
    if (options.keepSessionId) ended = ended.where('id', '!=', options.keepSessionId);
    const { numDeletedRows } = await ended.executeTakeFirst();
    await recordAuditEvent(trx, {
      actor,
      action: USER_PASSWORD_RESET_ACTION,
      targetType: 'app_user',
      targetId: id,
      before: null,
      after: { name: user.name, generated: options.generated, sessions_ended: Number(numDeletedRows) },
    });
    return (await findUserSummary(trx, id))!;
  });
}

/** Undo: an account's state must still be what the change made it, else someone changed it since. */
async function undoTarget(trx: Transaction<Database>, event: AuditEvent): Promise<AppUser> {
  const user = await trx
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', event.target_id ?? -1)
    .executeTakeFirst();
  if (!user) throw new UndoRefused(`account ${event.target_id} no longer exists`);
  return user;
}

const refuseAccountConflict = async <T>(f: () => Promise<T>): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    if (isAccountError(e)) throw new UndoRefused(e.message);
    throw e;
  }
};

export const undoUserRole: UndoHandler = async (trx, event, { actor, now }) => {
  const user = await undoTarget(trx, event);
  const before = auditState<{ role: Role }>(event.before_json)!;
  const after = auditState<{ role: Role }>(event.after_json)!;
  if (user.role !== after.role) throw new UndoRefused(`"${user.name}" is ${user.role} now (changed since); nothing was changed`);
  await refuseAccountConflict(() => roleIn(trx, user, before.role, actor, now, false));
  return { name: user.name, role: before.role };
};

/** Undo of disabling (`wasDisabled` true) or enabling an account: back as it was, unless changed since. */
const undoDisabled =
  (wasDisabled: boolean): UndoHandler =>
  async (trx, event, { actor, now }) => {
    const user = await undoTarget(trx, event);
    if ((user.disabled_at !== null) !== wasDisabled)
      throw new UndoRefused(`"${user.name}" is ${user.disabled_at ? 'disabled' : 'enabled'} now (changed since); nothing was changed`);
    await refuseAccountConflict(() => disabledIn(trx, user, !wasDisabled, actor, now, false));
    return { name: user.name, disabled: !wasDisabled };
  };
export const undoUserDisable = undoDisabled(true);
export const undoUserEnable = undoDisabled(false);
