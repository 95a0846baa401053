import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { DB } from '../storage/connect.js';
import { findSessionUser, type Role } from '../storage/user.repository.js';
import { AppError } from '../core/errors.js';
import { staleForm } from './errors.js';

interface SessionUser {
  id: number;
  name: string;
  role: Role;
  sessionId: string;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      user?: SessionUser;
      csrfToken?: string;
    }
  }
}

export const SESSION_COOKIE = 'ct_session';
const CSRF_COOKIE = 'ct_csrf';

export interface AuthConfig {
  secureCookies: boolean;
  requireLoginToRead: boolean;
}

export function sessionCookieOptions(config: AuthConfig) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: config.secureCookies, path: '/' };
}

/**
 * Reads the session cookie into req.user and sets the CSRF token for this visitor: the session's token
 * when logged in, else a random token in an HttpOnly cookie (double submit), so the login form is protected too.
 */
export function loadUser(db: DB, config: AuthConfig): RequestHandler {
  return async (req, res, next) => {
    try {
      const sid = req.cookies?.[SESSION_COOKIE];
      if (typeof sid === 'string' && sid) {
        const row = await findSessionUser(db, sid);
        if (row) {
          req.user = { id: row.id, name: row.name, role: row.role, sessionId: sid };
          req.csrfToken = row.csrf_token;
        } else {
          res.clearCookie(SESSION_COOKIE, { path: '/' });
        }
      }
      if (!req.csrfToken) {
        let token = req.cookies?.[CSRF_COOKIE];
        if (typeof token !== 'string' || token.length < 20) {
          token = randomBytes(24).toString('base64url');
          res.cookie(CSRF_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: config.secureCookies, path: '/' });
        }
        req.csrfToken = token;
      }
      res.locals.user = req.user ?? null;
      res.locals.csrfToken = req.csrfToken;
      next();
    } catch (e) {
      next(e);
    }
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Refuses a state-changing request whose token (form field _csrf, header x-csrf-token, or ?_csrf=) is missing or wrong. */
export function verifyCsrf(req: Request, _res: Response, next: NextFunction): void {
  next(csrfRefusal(req));
}

function csrfRefusal(req: Request): AppError | undefined {
  if (SAFE_METHODS.has(req.method)) return undefined;
  const given = (req.body && typeof req.body === 'object' ? req.body._csrf : undefined) ?? req.get('x-csrf-token') ?? req.query._csrf;
  if (typeof given !== 'string' || !given) return staleForm(true);
  if (!req.csrfToken || !safeEqual(given, req.csrfToken)) return staleForm(false);
  return undefined;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only logged-in users with one of these roles may pass: 401 when anonymous, 403 when the role is wrong. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    if (!req.user) return next(new AppError('unauthorized', 'log in to do this'));
    if (roles.length && !roles.includes(req.user.role) && req.user.role !== 'admin') {
      return next(new AppError('forbidden', `your role (${req.user.role}) may not do this; it needs ${roles.join(' or ')}`));
    }
    next();
  };
}

/** With requireLoginToRead on, every page but login and static files needs a session. */
export function requireReadAccess(config: AuthConfig): RequestHandler {
  return (req, res, next) => {
    if (!config.requireLoginToRead || req.user || req.path === '/login' || req.path.startsWith('/static/')) return next();
    if (req.path.startsWith('/api/')) return next(new AppError('unauthorized', 'log in to read'));
    res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
  };
}
