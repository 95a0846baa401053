import type { Page } from 'playwright-core';
import { authenticate, createSession } from '../../src/storage/user.repository.js';
import { SESSION_COOKIE } from '../../src/web/auth.js';
import { type ArticleServer, startArticleServer } from '../helpers/article-server.js';
import { type BrowserSession, launchBrowser, logIn, type RunningApp, screenshot, startApp } from '../helpers/browser.js';

let run: RunningApp;
let site: ArticleServer;
let browser: BrowserSession;
const pageErrors: string[] = [];
const savedAllowPrivate = process.env.CLAIMTRAIL_FETCH_ALLOW_PRIVATE;

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

beforeAll(async () => {
  // the article site runs on 127.0.0.1: allowed only with this setting
  process.env.CLAIMTRAIL_FETCH_ALLOW_PRIVATE = '1';
  site = await startArticleServer();
  run = await startApp([
    { name: 'boss', role: 'admin' },
    { name: 'ed', role: 'editor' },
    { name: 'victim-desktop', role: 'editor' },
    { name: 'victim-phone', role: 'editor' },
  ]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
  await site?.close();
  if (savedAllowPrivate === undefined) delete process.env.CLAIMTRAIL_FETCH_ALLOW_PRIVATE;
  else process.env.CLAIMTRAIL_FETCH_ALLOW_PRIVATE = savedAllowPrivate;
});

async function openPage(width: number, height: number): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width, height });
  return page;
}

/** Nothing scrolls sideways at this width. */
async function expectNoSidewaysScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(scroll).toBeLessThanOrEqual(inner);
}

async function logOut(page: Page) {
  await Promise.all([page.waitForURL(`${run.url}/`), page.click('form[action="/logout"] button')]);
}

const userId = async (name: string) => (await run.db.selectFrom('app_user').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe.each(WIDTHS)('accounts and add-by-URL at $width px ($name)', ({ name: size, width, height }) => {
  it('an admin adds a user (generated password), resets a password and disables an account', async () => {
    const page = await openPage(width, height);
    await logIn(page, run.url, 'boss');
    await page.click('nav a[href="/admin/users"]');
    await page.waitForURL(`${run.url}/admin/users`);
    await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-users-${size}`);

    // add a researcher; the password field left empty, so one is generated and shown once
    const newName = `newbie-${size}`;
    await page.fill('form[action="/admin/users"] input[name=name]', newName);
    await page.selectOption('form[action="/admin/users"] select[name=role]', 'researcher');
    await page.click('form[action="/admin/users"] button[type=submit]');
    const generated = (await page.locator('#shown-password code.password').textContent())!.trim();
    expect(generated).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(await page.locator(`li.account[data-name="${newName}"] .role-researcher`).count()).toBe(1);
    expect(await authenticate(run.db, newName, generated)).not.toBeNull();
    await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-user-added-${size}`);

    // the victim has a session open somewhere else
    const victim = `victim-${size}`;
    const victimId = await userId(victim);
    const session = await createSession(run.db, victimId);
    const asVictim = () => fetch(`${run.url}/sources/new`, { headers: { cookie: `${SESSION_COOKIE}=${session.id}` } });
    expect((await asVictim()).status).toBe(200);

    // reset the victim's password: generated, shown once
    const card = page.locator(`#user-${victimId}`);
    await card.locator('form[action$="/password"] button').click();
    const reset = (await page.locator('#shown-password code.password').textContent())!.trim();
    expect(await authenticate(run.db, victim, reset)).not.toBeNull();
    expect((await asVictim()).status).toBe(401); // a reset ends its sessions
    await screenshot(page, `admin-password-reset-${size}`);

    // disable the victim: it cannot log in any more
    const session2 = await createSession(run.db, victimId);
    await page.locator(`#user-${victimId} form[action$="/disable"] button`).click();
    await page.waitForURL(new RegExp(`/admin/users\\?done=disable&id=${victimId}`));
    expect(await page.locator('#admin-notice').textContent()).toContain(`“${victim}” is disabled`);
    expect(await page.locator(`#user-${victimId} .status`).textContent()).toBe('disabled');
    expect((await fetch(`${run.url}/sources/new`, { headers: { cookie: `${SESSION_COOKIE}=${session2.id}` } })).status).toBe(401);
    expect(await authenticate(run.db, victim, reset)).toBeNull();
    await expectNoSidewaysScroll(page);
    await screenshot(page, `admin-user-disabled-${size}`);
    await logOut(page);
    await page.close();
    expect(pageErrors).toEqual([]);
  });

  it('an editor adds an article by URL from the local site and sees its source page; a 404 is explained', async () => {
    const page = await openPage(width, height);
    await logIn(page, run.url, 'ed');
    await page.click('nav a[href="/sources/new"]');
    await page.waitForURL(`${run.url}/sources/new`);
    await expectNoSidewaysScroll(page);

    // a missing page: explained on the form, the address kept
    const missing = `${site.url}/missing-${size}`;
    await page.fill('#fetch-url', missing);
    await page.click('form[action="/sources/new/url"] button[type=submit]');
    await page.waitForSelector('#url-error');
    expect(await page.locator('#url-error').textContent()).toContain('the server answered HTTP 404 Not Found');
    expect(await page.inputValue('#fetch-url')).toBe(missing);
    await expectNoSidewaysScroll(page);
    await screenshot(page, `add-by-url-error-${size}`);

    const [path, headline] =
      size === 'desktop' ? ['/news/flood-wall.html', 'Flood wall protects 3,200 homes'] : ['/old/flood', 'Second phase of flood wall planned'];
    await page.fill('#fetch-url', `${site.url}${path}`);
    await Promise.all([page.waitForURL(/\/sources\/\d+$/), page.click('form[action="/sources/new/url"] button[type=submit]')]);
    expect(await page.locator('h1').first().textContent()).toContain(headline);
    expect(await page.locator('main .hl.k-quote').count()).toBeGreaterThan(0);
    await screenshot(page, `add-by-url-source-${size}`);
    await expectNoSidewaysScroll(page);
    await logOut(page);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
