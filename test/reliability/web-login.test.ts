import type { Express } from 'express';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { addUser } from '../../src/storage/user.repository.js';
import { createTestDb } from '../helpers/db.js';
import { createTestApp, csrfFrom, TEST_PASSWORD } from '../helpers/web.js';

// The limiter counts failed logins only: per account (a few) and per address (more); logins are audited without passwords.
const WRONG = 'not-the-password-1234';
const open: DB[] = [];
afterAll(() => Promise.all(open.map((db) => db.destroy())));

/** A fresh database with five editors and an app allowing 3 failures per account and 8 per address. */
async function setup(): Promise<{ db: DB; attempt: (name: string, password: string) => Promise<request.Response> }> {
  const db = await createTestDb();
  open.push(db);
  const app: Express = createTestApp(db, { loginFailuresPerAccount: 3, loginFailuresPerAddress: 8, loginWindowMinutes: 15 });
  for (const name of ['ana', 'ben', 'cara', 'dev', 'eve']) await addUser(db, name, 'editor', TEST_PASSWORD);
  return {
    db,
    attempt: async (name, password) => {
      const agent = request.agent(app);
      const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
      return agent.post('/login').type('form').send({ _csrf: csrf, name, password });
    },
  };
}

describe('login limits', () => {
  it('a whole office behind one address can log in again and again: successes do not count', async () => {
    const { attempt } = await setup();
    for (let i = 0; i < 12; i++) expect((await attempt(['ana', 'ben', 'cara'][i % 3], TEST_PASSWORD)).status).toBe(303);
  });

  it('one account’s typos lock that account only, with the reason; a colleague at the same address logs in', async () => {
    const { attempt } = await setup();
    for (let i = 0; i < 3; i++) expect((await attempt('dev', WRONG)).status).toBe(401);
    const locked = await attempt('dev', TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.text).toMatch(/too many failed logins for “dev”: wait 15 minutes and try again/);
    expect((await attempt('DEV', TEST_PASSWORD)).status).toBe(429); // another spelling is the same account to the limiter
    expect((await attempt('eve', TEST_PASSWORD)).status).toBe(303);
  });

  it('a success before the limit starts the account’s count again', async () => {
    const { attempt } = await setup();
    for (let i = 0; i < 2; i++) expect((await attempt('ana', WRONG)).status).toBe(401);
    expect((await attempt('ana', TEST_PASSWORD)).status).toBe(303);
    for (let i = 0; i < 2; i++) expect((await attempt('ana', WRONG)).status).toBe(401);
    expect((await attempt('ana', TEST_PASSWORD)).status).toBe(303);
  });

  it('the per-address limit, set higher, stops guessing across many accounts from one address (successes between do not reset it)', async () => {
    const { attempt } = await setup();
    for (let i = 0; i < 2; i++) expect((await attempt('ana', WRONG)).status).toBe(401);
    expect((await attempt('ana', TEST_PASSWORD)).status).toBe(303);
    for (const name of ['ben', 'cara', 'dev', 'eve', 'nobody-1', 'nobody-2']) expect((await attempt(name, WRONG)).status).toBe(401);
    const res = await attempt('ben', TEST_PASSWORD);
    expect(res.status).toBe(429);
    expect(res.text).toMatch(/too many failed logins from your address/);
    expect(res.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringMatching(/^ct_session=[^;]+/)]));
  });

  it('attempts sent all at once cannot all slip under the limit: each is counted before its password is checked', async () => {
    const { attempt } = await setup();
    const answers = await Promise.all(Array.from({ length: 8 }, () => attempt('cara', WRONG)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);
  });

  it('a right password sent alongside wrong ones logs in and leaves the account’s count at nothing', async () => {
    const { db, attempt } = await setup();
    const answers = await Promise.all([attempt('eve', WRONG), attempt('eve', TEST_PASSWORD), attempt('eve', WRONG)]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 401, 401]);
    const counted = await db.selectFrom('login_failure').select('cleared_at').where('account', '=', 'eve').execute();
    // the success's own reserved row is gone; the failures are kept for the address
    expect(counted).toHaveLength(2);
  });
});

describe('login limits behind a reverse proxy', () => {
  /** Failed logins for distinct accounts, each from the client address a proxy would put in X-Forwarded-For. */
  async function failFrom(app: Express, forwardedFor: string, n: number): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i < n; i++) {
      const agent = request.agent(app);
      const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
      const res = await agent
        .post('/login')
        .set('X-Forwarded-For', forwardedFor)
        .type('form')
        .send({ _csrf: csrf, name: `guess-${i}`, password: WRONG });
      statuses.push(res.status);
    }
    return statuses;
  }

  it('with the proxy trusted, each client address has its own count: one guesser does not lock the office out', async () => {
    const db = await createTestDb();
    open.push(db);
    const app = createTestApp(db, { loginFailuresPerAccount: 3, loginFailuresPerAddress: 2, trustProxy: 'loopback' });
    expect(await failFrom(app, '203.0.113.7', 3)).toEqual([401, 401, 429]);
    expect(await failFrom(app, '198.51.100.9', 2)).toEqual([401, 401]);
    const failures = await db.selectFrom('login_failure').select('address').distinct().orderBy('address').execute();
    expect(failures.map((f) => f.address)).toEqual(['198.51.100.9', '203.0.113.7']);
  });

  it('without it, a forged X-Forwarded-For does not dodge the per-address limit', async () => {
    const db = await createTestDb();
    open.push(db);
    const app = createTestApp(db, { loginFailuresPerAccount: 3, loginFailuresPerAddress: 2 });
    expect(await failFrom(app, '203.0.113.7', 2)).toEqual([401, 401]);
    expect(await failFrom(app, '198.51.100.9', 1)).toEqual([429]);
  });
});

describe('login audit', () => {
  it('records logins, failed logins and logouts with the address, and never a password', async () => {
    const db = await createTestDb();
    open.push(db);
    const app = createTestApp(db);
    await addUser(db, 'zoe', 'editor', TEST_PASSWORD);
    const agent = request.agent(app);
    const csrf = csrfFrom((await agent.get('/login').expect(200)).text);
    await agent.post('/login').type('form').send({ _csrf: csrf, name: 'zoe', password: WRONG }).expect(401);
    await agent.post('/login').type('form').send({ _csrf: csrf, name: 'zoe', password: TEST_PASSWORD }).expect(303);
    const home = await agent.get('/').expect(200);
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) })
      .expect(303);
    const rows = await db.selectFrom('audit_event').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.actor, r.action])).toEqual([
      ['zoe', 'auth.login_failed'],
      ['zoe', 'auth.login'],
      ['zoe', 'auth.logout'],
    ]);
    for (const r of rows) expect(JSON.parse(r.after_json!)).toEqual({ address: expect.stringMatching(/127\.0\.0\.1/) });
    const everything = JSON.stringify(rows);
    expect(everything).not.toContain(WRONG);
    expect(everything).not.toContain(TEST_PASSWORD);
  });
});
