import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import type { DB } from '../../src/storage/connect.js';
import { addUser, type Role } from '../../src/storage/user.repository.js';
import { createApp, defaultConfig } from '../../src/web/app.js';
import { CORPUS_DIR, createTempFileDb } from './db.js';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS_DIR = new URL('../../test-output/screenshots/', import.meta.url).pathname;
export const BROWSER_PASSWORD = 'browser test password';

export interface RunningApp {
  url: string;
  db: DB;
  dbPath: string;
  close(): Promise<void>;
}

/** The real app over a temp-file database with the corpus ingested and the given users, on 127.0.0.1 (port 0). */
export async function startApp(users: { name: string; role: Role }[]): Promise<RunningApp> {
  const { db, path } = await createTempFileDb();
  const summary = await ingestPaths(db, [CORPUS_DIR]);
  if (summary.added.length === 0) throw new Error('corpus not ingested');
  for (const u of users) await addUser(db, u.name, u.role, BROWSER_PASSWORD);
  const app = createApp(db, defaultConfig({ secureCookies: false, requireLoginToRead: false, loginFailuresPerAccount: 1000, loginFailuresPerAddress: 1000 }));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    dbPath: path,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.destroy();
    },
  };
}

/** Waits (up to two minutes) for Debian's Chromium, which may still be installing. */
export async function waitForChromium(timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(CHROMIUM)) {
    if (Date.now() > until) throw new Error(`${CHROMIUM} not found: apt-get install -y chromium`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile (its own --user-data-dir), no network chatter, no sandbox (containers). */
export async function launchBrowser(): Promise<BrowserSession> {
  await waitForChromium();
  const profile = mkdtempSync(join(tmpdir(), 'claimtrail-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1200, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  const path = join(SCREENSHOTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export async function logIn(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', BROWSER_PASSWORD);
  await Promise.all([page.waitForURL(`${baseUrl}/`), page.click('form[action="/login"] button[type=submit]')]);
}
