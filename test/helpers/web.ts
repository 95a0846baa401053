import type { Express } from 'express';
import request from 'supertest';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { CORPUS_DIR, createTestDb } from './db.js';
import type { DB } from '../../src/storage/connect.js';
import { addUser, type Role } from '../../src/storage/user.repository.js';
import { createApp, defaultConfig, type AppConfig } from '../../src/web/app.js';

export const TEST_PASSWORD = 'correct horse battery';

export function createTestApp(db: DB, config: Partial<AppConfig> = {}): Express {
  return createApp(db, defaultConfig({ secureCookies: false, requireLoginToRead: false, loginFailuresPerAccount: 1000, loginFailuresPerAddress: 1000, ...config }));
}

/** The CSRF token the app put in a page's <meta name="csrf-token">. */
export function csrfFrom(html: string): string {
  const m = /<meta name="csrf-token" content="([^"]+)"/.exec(html);
  if (!m) throw new Error('no csrf-token meta in page');
  return m[1];
}

/** An agent (cookie jar) logged in as a new user of the given role, and its CSRF token. */
export async function loginAs(app: Express, db: DB, name: string, role: Role = 'editor'): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
  await addUser(db, name, role, TEST_PASSWORD);
  const agent = request.agent(app);
  const loginPage = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ _csrf: csrfFrom(loginPage.text), name, password: TEST_PASSWORD }).expect(303);
  const home = await agent.get('/').expect(200);
  return { agent, csrf: csrfFrom(home.text) };
}

export type LoggedIn = Awaited<ReturnType<typeof loginAs>>;

/** A migrated in-memory database with the corpus ingested, the app over it, and logged-in users by name. */
export async function createCorpusApp(users: Record<string, Role>): Promise<{ db: DB; app: Express; as: Record<string, LoggedIn> }> {
  const db = await createTestDb();
  await ingestPaths(db, [CORPUS_DIR]);
  const app = createTestApp(db);
  const as: Record<string, LoggedIn> = {};
  for (const [name, role] of Object.entries(users)) as[name] = await loginAs(app, db, name, role);
  return { db, app, as };
}
