import type { Express } from 'express';
import { parseHTML } from 'linkedom';
import request from 'supertest';
import type { DB } from '../../src/storage/connect.js';
import { closeApp } from '../../src/web/app.js';
import { createTestDb } from '../helpers/db.js';
import { createTestApp, csrfFrom, loginAs, type LoggedIn, TEST_PASSWORD } from '../helpers/web.js';

let db: DB;
let app: Express;
let boss: LoggedIn;

beforeEach(async () => {
  db = await createTestDb();
  app = createTestApp(db);
  boss = await loginAs(app, db, 'boss', 'admin');
});
afterEach(async () => {
  await closeApp(app);
  await db.destroy();
});

const userId = async (name: string) => (await db.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const userRow = async (name: string) => db.selectFrom('app_user').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
const sessionsOf = async (name: string) =>
  (
    await db
      .selectFrom('session')
      .select('id')
      .where('user_id', '=', await userId(name))
      .execute()
  ).length;
const auditOf = (action: string) => db.selectFrom('audit_event').selectAll().where('action', '=', action).orderBy('id').execute();

/** Logs in with a password through the real login form: the status the form answers with (303 = logged in). */
async function tryLogin(name: string, password: string): Promise<{ status: number; agent: ReturnType<typeof request.agent> }> {
  const agent = request.agent(app);
  const page = await agent.get('/login').expect(200);
  const res = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfFrom(page.text), name, password });
  return { status: res.status, agent };
}

const post = (who: LoggedIn, path: string, fields: Record<string, string> = {}) =>
  who.agent
    .post(path)
    .type('form')
    .send({ _csrf: who.csrf, ...fields });
const api = (who: LoggedIn, path: string, body: unknown = {}) =>
  who.agent
    .post(path)
    .set('x-csrf-token', who.csrf)
    .send(body as object);

/** Every audit row's JSON, to check that no password or hash ever lands there. */
async function auditText(): Promise<string> {
  const rows = await db.selectFrom('audit_event').select(['before_json', 'after_json']).execute();
  return rows.map((r) => `${r.before_json ?? ''} ${r.after_json ?? ''}`).join('\n');
}

describe('who may manage accounts', () => {
  it('anonymous visitors get 401, editors and researchers 403, for the page, the forms and the API', async () => {
    await request(app).get('/admin/users').expect(401);
    await request(app).get('/api/v1/admin/users').expect(401);
    const ed = await loginAs(app, db, 'ed', 'editor');
    const res = await loginAs(app, db, 'rita', 'researcher');
    for (const who of [ed, res]) {
      await who.agent.get('/admin/users').expect(403);
      await who.agent.get('/api/v1/admin/users').expect(403);
      await post(who, '/admin/users', { name: 'mallory', role: 'admin', password: 'long enough pw' }).expect(403);
      await api(who, `/api/v1/admin/users/${await userId('boss')}/disable`).expect(403);
    }
    expect(await db.selectFrom('app_user').select('id').where('name', '=', 'mallory').executeTakeFirst()).toBeUndefined();
    expect((await userRow('boss')).disabled_at).toBeNull();
  });

  it('shows the Accounts link to admins only', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    expect((await boss.agent.get('/').expect(200)).text).toContain('href="/admin/users"');
    expect((await ed.agent.get('/').expect(200)).text).not.toContain('href="/admin/users"');
  });

  it('refuses a form without its CSRF token', async () => {
    await boss.agent.post('/admin/users').type('form').send({ name: 'nocsrf', role: 'editor', password: 'long enough pw' }).expect(403);
    expect(await db.selectFrom('app_user').select('id').where('name', '=', 'nocsrf').executeTakeFirst()).toBeUndefined();
  });
});

describe('adding an account', () => {
  it('with a typed password: the account can log in, and the audit row names it without the password', async () => {
    const res = await post(boss, '/admin/users', { name: 'alice', role: 'editor', password: 'alice typed this' }).expect(303);
    expect(res.headers.location).toMatch(/^\/admin\/users\?done=add&id=\d+#user-\d+$/);
    const page = await boss.agent.get(res.headers.location).expect(200);
    expect(parseHTML(page.text).document.querySelector('#admin-notice')?.textContent).toContain('Added editor “alice”');
    expect((await tryLogin('alice', 'alice typed this')).status).toBe(303);
    const [event] = await auditOf('user.add');
    expect(event).toMatchObject({ actor: 'boss', target_type: 'app_user', target_id: await userId('alice') });
    expect(JSON.parse(event.after_json!)).toEqual({ id: await userId('alice'), name: 'alice', role: 'editor' });
    expect(await auditText()).not.toContain('alice typed this');
  });

  it('with a generated password: shown once on the answer (not cached), works for login, never in the audit', async () => {
    const res = await post(boss, '/admin/users', { name: 'gen', role: 'researcher', password: '' }).expect(201);
    expect(res.headers['cache-control']).toBe('no-store');
    const { document } = parseHTML(res.text);
    const password = document.querySelector('#shown-password code.password')!.textContent!;
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(document.querySelector('#shown-password')!.textContent).toContain('will not be shown again');
    expect((await tryLogin('gen', password)).status).toBe(303);
    // the page again: no password on it
    expect((await boss.agent.get('/admin/users').expect(200)).text).not.toContain(password);
    expect(await auditText()).not.toContain(password);
    expect((await userRow('gen')).role).toBe('researcher');
  });

  it.each([
    ['a name with spaces', { name: 'two words', role: 'editor', password: 'long enough pw' }, 422, /name: 2–64 letters/],
    ['a one-letter name', { name: 'x', role: 'editor', password: 'long enough pw' }, 422, /name: /],
    ['an unknown role', { name: 'carol', role: 'owner', password: 'long enough pw' }, 422, /role: /],
    ['a short password', { name: 'carol', role: 'editor', password: 'short' }, 422, /password: at least 8 characters/],
    ['a name already taken', { name: 'boss', role: 'editor', password: 'long enough pw' }, 409, /user "boss" already exists/],
  ])('refuses %s with the reason, the name and role kept', async (_what, fields, status, reason) => {
    const before = await db.selectFrom('app_user').select('id').execute();
    const res = await post(boss, '/admin/users', fields).expect(status);
    const { document } = parseHTML(res.text);
    expect(document.querySelector('#add-error')?.textContent).toMatch(reason);
    expect(document.querySelector('form[action="/admin/users"] input[name=name]')?.getAttribute('value')).toBe(fields.name);
    const role = document.querySelector('form[action="/admin/users"] select[name=role] option[selected]')?.getAttribute('value');
    if (fields.role !== 'owner') expect(role).toBe(fields.role);
    expect(await db.selectFrom('app_user').select('id').execute()).toHaveLength(before.length);
  });
});

describe('changing a role', () => {
  it('applies to the account’s open session at once, and is audited with before and after', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    await ed.agent.get('/sources/new').expect(200);
    const id = await userId('ed');
    await post(boss, `/admin/users/${id}/role`, { role: 'researcher' }).expect(303);
    await ed.agent.get('/sources/new').expect(403);
    const [event] = await auditOf('user.role');
    expect(JSON.parse(event.before_json!)).toEqual({ name: 'ed', role: 'editor' });
    expect(JSON.parse(event.after_json!)).toEqual({ name: 'ed', role: 'researcher' });
    const page = await boss.agent.get(`/admin/users?done=role&id=${id}`).expect(200);
    expect(parseHTML(page.text).document.querySelector('#admin-notice')?.textContent).toBe('“ed” is now a researcher.');
  });

  it('the same role again changes and audits nothing', async () => {
    await loginAs(app, db, 'ed', 'editor');
    await post(boss, `/admin/users/${await userId('ed')}/role`, { role: 'editor' }).expect(303);
    expect(await auditOf('user.role')).toHaveLength(0);
  });

  it('is undone by the admin’s undo, and the undo is refused once someone changed the role since', async () => {
    await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    await api(boss, `/api/v1/admin/users/${id}/role`, { role: 'admin' }).expect(200);
    const undone = await api(boss, '/api/v1/audit/undo').expect(200);
    expect(undone.body).toMatchObject({ action: 'user.role' });
    expect((await userRow('ed')).role).toBe('editor');

    await api(boss, `/api/v1/admin/users/${id}/role`, { role: 'researcher' }).expect(200);
    await db.updateTable('app_user').set({ role: 'admin' }).where('id', '=', id).execute(); // someone else, meanwhile
    const refused = await api(boss, '/api/v1/audit/undo').expect(409);
    expect(refused.body.error.message).toMatch(/"ed" is admin now \(changed since\)/);
    expect((await userRow('ed')).role).toBe('admin');
  });
});

describe('resetting a password', () => {
  it('generated: shown once, the old password stops working, the account’s sessions end', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    expect(await sessionsOf('ed')).toBe(1);
    const res = await post(boss, `/admin/users/${await userId('ed')}/password`, { password: '' }).expect(200);
    const password = parseHTML(res.text).document.querySelector('#shown-password code.password')!.textContent!;
    expect(password).toMatch(/^[a-z2-9-]{23}$/);
    expect(await sessionsOf('ed')).toBe(0);
    await ed.agent.get('/sources/new').expect(401);
    expect((await tryLogin('ed', TEST_PASSWORD)).status).toBe(401);
    expect((await tryLogin('ed', password)).status).toBe(303);
    const [event] = await auditOf('user.password_reset');
    expect(JSON.parse(event.after_json!)).toEqual({ name: 'ed', generated: true, sessions_ended: 1 });
    const text = await auditText();
    expect(text).not.toContain(password);
    expect(text).not.toContain((await userRow('ed')).password_hash.split('$')[2]);
  });

  it('typed: the new one works; one that is too short is refused and nothing changes', async () => {
    await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    const hash = (await userRow('ed')).password_hash;
    const bad = await post(boss, `/admin/users/${id}/password`, { password: 'short' }).expect(422);
    expect(parseHTML(bad.text).document.querySelector(`#user-${id} .error-message`)?.textContent).toMatch(/password: at least 8 characters/);
    expect((await userRow('ed')).password_hash).toBe(hash);
    await post(boss, `/admin/users/${id}/password`, { password: 'a new typed password' }).expect(303);
    expect((await tryLogin('ed', 'a new typed password')).status).toBe(303);
    expect(await auditText()).not.toContain('a new typed password');
  });

  it('an admin resetting their own password stays logged in', async () => {
    await post(boss, `/admin/users/${await userId('boss')}/password`, { password: 'my own new password' }).expect(303);
    await boss.agent.get('/admin/users').expect(200);
    expect((await tryLogin('boss', 'my own new password')).status).toBe(303);
  });
});

describe('disabling an account', () => {
  it('ends its sessions at once and stops it logging in; enabling lets it in again', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    await post(boss, `/admin/users/${id}/disable`).expect(303);
    expect(await sessionsOf('ed')).toBe(0);
    await ed.agent.get('/sources/new').expect(401);
    await ed.agent.get('/api/v1/audit').expect(401);
    // the right password gives the same answer as a wrong one
    const login = await tryLogin('ed', TEST_PASSWORD);
    expect(login.status).toBe(401);
    expect((await userRow('ed')).disabled_by).toBe('boss');
    const page = await boss.agent.get(`/admin/users?done=disable&id=${id}`).expect(200);
    const card = parseHTML(page.text).document.querySelector(`#user-${id}`)!;
    expect(card.querySelector('.status')?.textContent).toBe('disabled');
    expect(card.querySelector(`form[action="/admin/users/${id}/enable"]`)).not.toBeNull();

    await post(boss, `/admin/users/${id}/enable`).expect(303);
    expect((await tryLogin('ed', TEST_PASSWORD)).status).toBe(303);
    expect((await auditOf('user.disable')).map((e) => JSON.parse(e.after_json!))).toEqual([{ name: 'ed', disabled: true, sessions_ended: 1 }]);
    expect(await auditOf('user.enable')).toHaveLength(1);
  });

  it('a session cookie of a disabled account is not honoured even if a session row is left', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    const sessions = await db.selectFrom('session').selectAll().where('user_id', '=', id).execute();
    await post(boss, `/admin/users/${id}/disable`).expect(303);
    await db.insertInto('session').values(sessions).execute(); // as if it had survived
    await ed.agent.get('/sources/new').expect(401);
  });

  it('is undone by undo (enabled again), and undoing an enable disables it again', async () => {
    await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    await api(boss, `/api/v1/admin/users/${id}/disable`).expect(200);
    await api(boss, '/api/v1/audit/undo').expect(200);
    expect((await userRow('ed')).disabled_at).toBeNull();
    await api(boss, `/api/v1/admin/users/${id}/disable`).expect(200);
    await api(boss, `/api/v1/admin/users/${id}/enable`).expect(200);
    await api(boss, '/api/v1/audit/undo').expect(200);
    expect((await userRow('ed')).disabled_at).not.toBeNull();
  });
});

describe('the last admin', () => {
  it('cannot disable or demote themself; the page says why and offers neither', async () => {
    const id = await userId('boss');
    const disable = await post(boss, `/admin/users/${id}/disable`).expect(409);
    expect(parseHTML(disable.text).document.querySelector(`#user-${id} .error-message`)?.textContent).toMatch(/last enabled admin/);
    await post(boss, `/admin/users/${id}/role`, { role: 'editor' }).expect(409);
    await api(boss, `/api/v1/admin/users/${id}/role`, { role: 'researcher' }).expect(409);
    await api(boss, `/api/v1/admin/users/${id}/disable`).expect(409);
    expect(await userRow('boss')).toMatchObject({ role: 'admin', disabled_at: null });
    expect(await db.selectFrom('audit_event').select('id').where('action', 'like', 'user.%').execute()).toHaveLength(0);
    const page = await boss.agent.get('/admin/users').expect(200);
    const card = parseHTML(page.text).document.querySelector(`#user-${id}`)!;
    expect(card.querySelector('form[action$="/disable"]')).toBeNull();
    expect(card.textContent).toContain('the last enabled admin');
  });

  it('a disabled admin does not count: the one enabled admin is still the last', async () => {
    await loginAs(app, db, 'other', 'admin');
    await api(boss, `/api/v1/admin/users/${await userId('other')}/disable`).expect(200);
    await api(boss, `/api/v1/admin/users/${await userId('boss')}/role`, { role: 'editor' }).expect(409);
  });

  it('with another admin, an admin may demote themself (and loses the page at once)', async () => {
    await loginAs(app, db, 'other', 'admin');
    const res = await post(boss, `/admin/users/${await userId('boss')}/role`, { role: 'editor' }).expect(303);
    expect(res.headers.location).toBe('/');
    await boss.agent.get('/admin/users').expect(403);
  });

  it('undoing a promotion that would leave no enabled admin is refused', async () => {
    const ed = await loginAs(app, db, 'ed', 'editor');
    await api(boss, `/api/v1/admin/users/${await userId('ed')}/role`, { role: 'admin' }).expect(200);
    // the new admin demotes boss: "ed" is now the only admin
    await api(ed, `/api/v1/admin/users/${await userId('boss')}/role`, { role: 'editor' }).expect(200);
    // boss's last undoable change is the promotion of "ed"; undoing it would leave no admin
    const refused = await api(boss, '/api/v1/audit/undo').expect(409);
    expect(refused.body.error.message).toMatch(/last enabled admin/);
    expect((await userRow('ed')).role).toBe('admin');
  });
});

describe('the JSON API', () => {
  it('lists accounts without hashes, adds one with a generated password returned once, and reads it back', async () => {
    const list = await boss.agent.get('/api/v1/admin/users').expect(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.body.users).toEqual([expect.objectContaining({ name: 'boss', role: 'admin', disabled: false, sessions: 1 })]);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/);
    const added = await api(boss, '/api/v1/admin/users', { name: 'api.user', role: 'editor' }).expect(201);
    expect(added.headers.location).toBe(`/api/v1/admin/users/${added.body.user.id}`);
    expect(added.body.password).toMatch(/^[a-z2-9-]{23}$/);
    expect((await tryLogin('api.user', added.body.password)).status).toBe(303);
    const one = await boss.agent.get(added.headers.location).expect(200);
    expect(one.body.user).toMatchObject({ name: 'api.user', role: 'editor', disabled: false });
    const typed = await api(boss, '/api/v1/admin/users', { name: 'typed', role: 'researcher', password: 'typed password' }).expect(201);
    expect(typed.body.password).toBeUndefined();
  });

  it.each([
    ['/api/v1/admin/users/1e3/disable', 400, /id: must be a whole number id/],
    ['/api/v1/admin/users/0x1/role', 400, /id: must be a whole number id/],
    ['/api/v1/admin/users/999/enable', 404, /user 999 not found/],
  ])('POST %s → %d', async (path, status, message) => {
    const res = await api(boss, path, { role: 'editor' }).expect(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('names the field in a 400 for a bad body, and 409 for a taken name', async () => {
    const bad = await api(boss, '/api/v1/admin/users', { name: 'ok.name', role: 'superuser' }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'role' })]);
    const short = await api(boss, `/api/v1/admin/users/${await userId('boss')}/password`, { password: 'x' }).expect(400);
    expect(short.body.error.details).toEqual([expect.objectContaining({ field: 'password' })]);
    await api(boss, '/api/v1/admin/users', { name: 'boss', role: 'editor' }).expect(409);
    await boss.agent.get('/api/v1/admin/users/abc').expect(400);
  });

  it('disable and enable answer with the account and whether it changed', async () => {
    await loginAs(app, db, 'ed', 'editor');
    const id = await userId('ed');
    expect((await api(boss, `/api/v1/admin/users/${id}/disable`).expect(200)).body).toMatchObject({
      changed: true,
      user: { disabled: true, disabled_by: 'boss', sessions: 0 },
    });
    expect((await api(boss, `/api/v1/admin/users/${id}/disable`).expect(200)).body.changed).toBe(false);
    expect((await api(boss, `/api/v1/admin/users/${id}/enable`).expect(200)).body).toMatchObject({
      changed: true,
      user: { disabled: false, disabled_at: null },
    });
  });
});
