import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { DB } from '../storage/connect.js';
import {
  addUser,
  changeUserRole,
  findUserSummary,
  generatePassword,
  isAccountError,
  listUsers,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  resetPassword,
  ROLES,
  setUserDisabled,
  USER_NAME_PATTERN,
  USER_NAME_RULE,
  type Role,
  type UserSummary,
} from '../storage/user.repository.js';
import { requireRole } from './auth.js';
import { notFound } from '../core/errors.js';
import { describeZodError, renderPage } from './errors.js';
import { parseId } from './params.js';

const RoleSchema = z.enum(ROLES as [Role, ...Role[]]);

// An empty password field means "generate one" (forms always send the field).
const OptionalPasswordSchema = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  z
    .string()
    .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters (or leave it empty to generate one)`)
    .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`)
    .optional()
    .describe('leave out to have a password generated (returned once, in this answer)'),
);

export const AddUserSchema = z.object({
  name: z
    .string()
    .trim()
    .regex(USER_NAME_PATTERN, USER_NAME_RULE.replace(/^user name: /, '')),
  role: RoleSchema,
  password: OptionalPasswordSchema,
});
export const ChangeRoleSchema = z.object({ role: RoleSchema });
export const ResetPasswordSchema = z.object({ password: OptionalPasswordSchema });

const AdminUserSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  disabled_at: z.string().nullable(),
  disabled_by: z.string().nullable(),
  created_at: z.string(),
  sessions: z.number().int().describe('sessions that have not expired'),
});
export const AdminUsersResponseSchema = z.object({ users: z.array(AdminUserSchema) });
export const AdminUserResponseSchema = z.object({
  user: AdminUserSchema,
  changed: z.boolean().optional().describe('false when the account already was as asked'),
  password: z.string().optional().describe('the generated password: shown here once, never stored in clear'),
});

const userJson = (u: UserSummary): z.infer<typeof AdminUserSchema> => ({ ...u, disabled: u.disabled_at !== null });

// the page shows a refused form again; invalid input is a 422 there (the JSON API answers 400)
const ACCOUNT_STATUS = { invalid_input: 422, conflict: 409, not_found: 404 } as const;

interface PageLocals {
  status?: number;
  notice?: string;
  /** a password generated for an account, shown once */
  shown?: { name: string; password: string };
  error?: { form: 'add' | number; message: string };
  values?: { name?: string; role?: string };
}

const DONE_MESSAGES: Record<string, (u: UserSummary) => string> = {
  role: (u) => `“${u.name}” is now ${u.role === 'admin' ? 'an' : 'a'} ${u.role}.`,
  disable: (u) => `“${u.name}” is disabled: it cannot log in, and its sessions have ended.`,
  enable: (u) => `“${u.name}” is enabled again.`,
  password: (u) => `The password of “${u.name}” has been changed; its other sessions have ended.`,
  add: (u) => `Added ${u.role} “${u.name}”.`,
};

/** Accounts: the admin page (/admin/users) and its JSON API (/api/v1/admin/users); admins only. */
export function adminRoutes(db: DB): Router {
  const r = Router();
  const admin = requireRole('admin');

  // Nothing on these pages or answers is kept by a browser or a proxy (generated passwords are on them).
  r.use(['/admin', '/api/v1/admin'], admin, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });

  async function renderUsers(req: Request, res: Response, locals: PageLocals = {}) {
    const users = await listUsers(db);
    const enabledAdmins = users.filter((u) => u.role === 'admin' && !u.disabled_at).length;
    await renderPage(res.status(locals.status ?? 200), 'admin-users.njk', {
      title: 'Accounts',
      users: users.map((u) => ({ ...u, isMe: u.id === req.user!.id, lastAdmin: u.role === 'admin' && !u.disabled_at && enabledAdmins === 1 })),
      roles: ROLES,
      values: { role: 'editor', ...locals.values },
      ...locals,
    });
  }

  /** The form's error shown again on the page (field: reason), with the status it deserves. */
  function formError(req: Request, res: Response, form: 'add' | number, e: unknown, values?: PageLocals['values']) {
    if (e instanceof z.ZodError)
      return renderUsers(req, res, {
        status: 422,
        error: {
          form,
          message: describeZodError(e)
            .map((d) => `${d.field}: ${d.reason}`)
            .join('; '),
        },
        values,
      });
    if (isAccountError(e))
      return renderUsers(req, res, { status: ACCOUNT_STATUS[e.code as keyof typeof ACCOUNT_STATUS], error: { form, message: e.message }, values });
    throw e;
  }

  async function add(req: Request) {
    const input = AddUserSchema.parse(req.body ?? {});
    const password = input.password ?? generatePassword();
    const id = await addUser(db, input.name, input.role, password, req.user!.name);
    return { user: (await findUserSummary(db, id))!, generated: input.password === undefined ? password : undefined };
  }

  async function reset(req: Request, id: number) {
    const input = ResetPasswordSchema.parse(req.body ?? {});
    const password = input.password ?? generatePassword();
    const user = await resetPassword(db, id, password, req.user!.name, {
      generated: input.password === undefined,
      keepSessionId: id === req.user!.id ? req.user!.sessionId : undefined,
    });
    return { user, generated: input.password === undefined ? password : undefined };
  }

  const setDisabled = (req: Request, id: number, disabled: boolean) => setUserDisabled(db, id, disabled, req.user!.name);
  const setRole = (req: Request, id: number) => changeUserRole(db, id, ChangeRoleSchema.parse(req.body ?? {}).role, req.user!.name);

  // ---- pages ----
  r.get('/admin/users', async (req, res) => {
    const done = typeof req.query.done === 'string' ? DONE_MESSAGES[req.query.done] : undefined;
    const id = typeof req.query.id === 'string' ? Number.parseInt(req.query.id, 10) : NaN;
    const user = done && Number.isSafeInteger(id) ? await findUserSummary(db, id) : undefined;
    await renderUsers(req, res, { notice: done && user ? done(user) : undefined });
  });

  r.post('/admin/users', async (req, res) => {
    const values = {
      name: typeof req.body?.name === 'string' ? req.body.name.slice(0, 64) : '',
      role: typeof req.body?.role === 'string' ? req.body.role : 'editor',
    };
    try {
      const { user, generated } = await add(req);
      if (!generated) return res.redirect(303, `/admin/users?done=add&id=${user.id}#user-${user.id}`);
      await renderUsers(req, res, { status: 201, notice: DONE_MESSAGES.add(user), shown: { name: user.name, password: generated } });
    } catch (e) {
      await formError(req, res, 'add', e, values);
    }
  });

  r.post('/admin/users/:id/role', async (req, res) => {
    const id = parseId(req.params.id, 'id');
    try {
      await setRole(req, id);
      res.redirect(303, id === req.user!.id && req.body?.role !== 'admin' ? '/' : `/admin/users?done=role&id=${id}#user-${id}`);
    } catch (e) {
      await formError(req, res, id, e);
    }
  });

  r.post('/admin/users/:id/password', async (req, res) => {
    const id = parseId(req.params.id, 'id');
    try {
      const { user, generated } = await reset(req, id);
      if (!generated) return res.redirect(303, `/admin/users?done=password&id=${id}#user-${id}`);
      await renderUsers(req, res, { notice: DONE_MESSAGES.password(user), shown: { name: user.name, password: generated } });
    } catch (e) {
      await formError(req, res, id, e);
    }
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/admin/users/:id/${verb}`, async (req, res) => {
      const id = parseId(req.params.id, 'id');
      try {
        await setDisabled(req, id, disabled);
        // disabling oneself ends one's own session too
        res.redirect(303, disabled && id === req.user!.id ? '/' : `/admin/users?done=${verb}&id=${id}#user-${id}`);
      } catch (e) {
        await formError(req, res, id, e);
      }
    });
  }

  // ---- JSON API ----
  r.get('/api/v1/admin/users', async (_req, res) => {
    res.json({ users: (await listUsers(db)).map(userJson) });
  });

  r.get('/api/v1/admin/users/:id', async (req, res) => {
    const id = parseId(req.params.id, 'id');
    const user = await findUserSummary(db, id);
    if (!user) throw notFound(`user ${id}`);
    res.json({ user: userJson(user) });
  });

  r.post('/api/v1/admin/users', async (req, res) => {
    const { user, generated } = await add(req);
    res
      .status(201)
      .location(`/api/v1/admin/users/${user.id}`)
      .json({ user: userJson(user), ...(generated ? { password: generated } : {}) });
  });

  r.post('/api/v1/admin/users/:id/role', async (req, res) => {
    const { user, changed } = await setRole(req, parseId(req.params.id, 'id'));
    res.json({ user: userJson(user), changed });
  });

  r.post('/api/v1/admin/users/:id/password', async (req, res) => {
    const { user, generated } = await reset(req, parseId(req.params.id, 'id'));
    res.json({ user: userJson(user), ...(generated ? { password: generated } : {}) });
  });

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    r.post(`/api/v1/admin/users/:id/${verb}`, async (req, res) => {
      const { user, changed } = await setDisabled(req, parseId(req.params.id, 'id'), disabled);
      res.json({ user: userJson(user), changed });
    });
  }

  return r;
}
