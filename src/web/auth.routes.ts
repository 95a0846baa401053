import { Router } from 'express';
import { rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { DB } from '../storage/connect.js';
import { authenticate, createSession, deleteSession, SESSION_DAYS } from '../storage/user.repository.js';
import { type AuthConfig, SESSION_COOKIE, sessionCookieOptions } from './auth.js';

const LoginSchema = z.object({
  name: z.string().trim().min(1, 'enter your user name').max(64),
  password: z.string().min(1, 'enter your password').max(1024),
  next: z.string().optional(),
});

/** Only same-site relative paths are followed after login (no open redirects). */
const safeNext = (next: string | undefined) => (next && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/');

export function authRoutes(db: DB, config: AuthConfig & { loginAttemptsPerWindow: number }): Router {
  const r = Router();
  const limiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: config.loginAttemptsPerWindow,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (req, res) => res.status(429).render('login.njk', { title: 'Log in', error: 'too many login attempts: wait 15 minutes and try again', name: req.body?.name ?? '' }),
  });

  r.get('/login', (req, res) => res.render('login.njk', { title: 'Log in', next: safeNext(String(req.query.next ?? '')) }));

  r.post('/login', limiter, async (req, res, next) => {
    try {
      const parsed = LoginSchema.safeParse(req.body);
      if (!parsed.success) return res.status(400).render('login.njk', { title: 'Log in', error: parsed.error.issues[0].message, name: req.body?.name ?? '' });
      const user = await authenticate(db, parsed.data.name, parsed.data.password);
      if (!user) return res.status(401).render('login.njk', { title: 'Log in', error: 'wrong user name or password', name: parsed.data.name, next: parsed.data.next });
      const session = await createSession(db, user.id);
      res.cookie(SESSION_COOKIE, session.id, { ...sessionCookieOptions(config), maxAge: SESSION_DAYS * 864e5 });
      res.redirect(303, safeNext(parsed.data.next));
    } catch (e) {
      next(e);
    }
  });

  r.post('/logout', async (req, res, next) => {
    try {
      if (req.user) await deleteSession(db, req.user.sessionId);
      res.clearCookie(SESSION_COOKIE, { path: '/' });
      res.redirect(303, '/');
    } catch (e) {
      next(e);
    }
  });
  return r;
}
