import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import type { Role } from '../../src/storage/user.repository.js';
import { SESSION_COOKIE } from '../../src/web/auth.js';
import { createApp, defaultConfig, type AppConfig } from '../../src/web/app.js';
import { corpusDb } from './db.js';
import { insertSignedInUser } from './factories.js';

export { TEST_PASSWORD } from './factories.js';

export function createTestApp(db: DB, config: Partial<AppConfig> = {}): Express {
  return createApp(
    db,
    defaultConfig({ secureCookies: false, requireLoginToRead: false, loginFailuresPerAccount: 1000, loginFailuresPerAddress: 1000, ...config }),
  );
}

/** The CSRF token the app put in a page's <meta name="csrf-token">. */
export function csrfFrom(html: string): string {
  const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf-token meta in page');
  return m[1];
}

/**
 * An agent (cookie jar) logged in as a new user of the given role, and its CSRF token. The user and session are
 * written straight to the database (what POST /login leaves there): the login flow has tests of its own.
 */
export async function loginAs(app: Express, db: DB, name: string, role: Role = 'editor'): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
  const { sessionId, csrfToken } = await insertSignedInUser(db, name, role);
  const agent = request.agent(app);
  agent.jar.setCookie(`${SESSION_COOKIE}=${sessionId}; Path=/`);
  return { agent, csrf: csrfToken };
}

export type LoggedIn = Awaited<ReturnType<typeof loginAs>>;

/** A database of its own with the corpus ingested, the app over it, and logged-in users by name. */
export async function createCorpusApp(users: Record<string, Role>): Promise<{ db: DB; app: Express; as: Record<string, LoggedIn> }> {
  const db = await corpusDb();
  const app = createTestApp(db);
  const as: Record<string, LoggedIn> = {};
  for (const [name, role] of Object.entries(users)) as[name] = await loginAs(app, db, name, role);
  return { db, app, as };
}
