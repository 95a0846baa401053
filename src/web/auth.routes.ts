import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { httpStatusOf } from '../core/error-mapping.js';
import { recordAuditEvent } from '../storage/audit.repository.js';
import type { DB } from '../storage/connect.js';
import { pruneLoginFailures, recordLoginSuccess, reserveLoginAttempt } from '../storage/login-attempt.repository.js';
import { authenticate, createSession, deleteSession, SESSION_DAYS } from '../storage/user.repository.js';
import { type AuthConfig, SESSION_COOKIE, sessionCookieOptions } from './auth.js';
import type { FormRecovery } from './errors.js';
import { renderPage } from './errors.js';

const LOGIN_ACTION = 'auth.login';
const LOGIN_FAILED_ACTION = 'auth.login_failed';
const LOGOUT_ACTION = 'auth.logout';

/** Failed logins allowed per window: for one account (from anywhere), and from one address (for any account). */
export interface LoginLimits {
  loginFailuresPerAccount: number;
  loginFailuresPerAddress: number;
  loginWindowMinutes: number;
}

const LoginSchema = z.object({
  name: z.string().trim().min(1, 'enter your user name').max(64, 'a user name is at most 64 characters'),
  password: z.string().min(1, 'enter your password').max(1024),
  next: z.string().optional(),
});

/** Only same-site relative paths are followed after login (no open redirects). */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/');

const typedName = (req: Request) => (typeof req.body?.name === 'string' ? req.body.name.slice(0, 64) : '');
const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';
// the limiter's key for an account: names are matched exactly at login, but typing "Alice" must not dodge the count
const accountKey = (name: string) => name.toLowerCase();

function renderLogin(res: Response, status: number, locals: { error?: string; name?: string; next?: string }) {
  return renderPage(res.status(status), 'login.njk', { title: 'Log in', name: '', next: '/', ...locals });
}

/** A login form posted with an expired token is shown again with the name kept. */
export function loginRecovery(): FormRecovery {
  return {
    method: 'POST',
    path: /^\/login$/,
    render: (req, res, status, message) => renderLogin(res, status, { error: message, name: typedName(req), next: safeNext(req.body?.next) }),
  };
}

export function authRoutes(db: DB, config: AuthConfig & LoginLimits): Router {
  const r = Router();
  const windowMs = config.loginWindowMinutes * 60_000;

  r.get('/login', (req, res) => renderLogin(res, 200, { next: safeNext(String(req.query.next ?? '')) }));

  r.post('/login', async (req, res) => {
    const parsed = LoginSchema.safeParse(req.body ?? {});
    if (!parsed.success) return renderLogin(res, 400, { error: parsed.error.issues[0].message, name: typedName(req), next: safeNext(req.body?.next) });
    const { name, password } = parsed.data;
    const next = safeNext(parsed.data.next);
    const address = addressOf(req);
    const now = new Date();
    const since = new Date(now.getTime() - windowMs).toISOString();
    const attempt = await reserveLoginAttempt(db, accountKey(name), address, now.toISOString(), {
      perAccount: config.loginFailuresPerAccount,
      perAddress: config.loginFailuresPerAddress,
      since,
    });
    const wait = `wait ${config.loginWindowMinutes} minute${config.loginWindowMinutes === 1 ? '' : 's'} and try again`;
    if (!attempt.ok && attempt.limit === 'account') {
      return renderLogin(res, httpStatusOf('rate_limited'), { error: `too many failed logins for “${name}”: ${wait}`, name, next });
    }
    if (!attempt.ok) {
      return renderLogin(res, httpStatusOf('rate_limited'), { error: `too many failed logins from your address: ${wait}`, name, next });
    }
    const user = await authenticate(db, name, password);
    if (!user) {
      // the attempt's row stays (it was recorded as a failure before the check); audited with the name as typed and where from, never the password
      await recordAuditEvent(db, { actor: name, action: LOGIN_FAILED_ACTION, targetType: 'app_user', targetId: null, before: null, after: { address } });
      await pruneLoginFailures(db, since); // the table holds one window's failures at most
      return renderLogin(res, httpStatusOf('unauthorized'), { error: 'wrong user name or password', name, next });
    }
    await recordLoginSuccess(db, attempt.id, accountKey(name), new Date().toISOString());
    const session = await createSession(db, user.id);
    await recordAuditEvent(db, { actor: user.name, action: LOGIN_ACTION, targetType: 'app_user', targetId: user.id, before: null, after: { address } });
    res.cookie(SESSION_COOKIE, session.id, { ...sessionCookieOptions(config), maxAge: SESSION_DAYS * 864e5 });
    res.redirect(303, next);
  });

  r.post('/logout', async (req, res) => {
    if (req.user) {
      await deleteSession(db, req.user.sessionId);
      await recordAuditEvent(db, {
        actor: req.user.name,
        action: LOGOUT_ACTION,
        targetType: 'app_user',
        targetId: req.user.id,
        before: null,
        after: { address: addressOf(req) },
      });
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/');
  });
  return r;
}
