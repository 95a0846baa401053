import type { Page } from 'playwright-core';
import { importMissingReference } from '../../src/cli/serve.command.js';
import { CORPUS_DIR } from '../helpers/db.js';
import { launchBrowser, screenshot, startApp, type BrowserSession, type RunningApp } from '../helpers/browser.js';

let run: RunningApp;
let browser: BrowserSession;
let ilford: number;
const pageErrors: string[] = [];

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

beforeAll(async () => {
  run = await startApp([]);
  await importMissingReference(run.db, CORPUS_DIR, 'cli:browser-test');
  ilford = (
    await run.db.selectFrom('source').select('id').where('title', '=', 'Muslim group calls for united election alliance in UK').executeTakeFirstOrThrow()
  ).id;
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

async function open(width: number, height: number, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width, height });
  await page.goto(`${run.url}${path}`);
  return page;
}

/** Nothing wider than the window: the page does not scroll sideways. */
async function expectNoSideways(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

describe.each(WIDTHS)('the reading view at $width px', ({ name, width, height }) => {
  it('shows the margin with speakers, jumps to a highlight from it, and shows the official mark', async () => {
    const page = await open(width, height, `/sources/${ilford}`);
    const margin = page.locator('aside.margin');
    await margin.waitFor();
    const entries = margin.locator('li.m-entry');
    expect(await entries.count()).toBe(await page.evaluate(() => new Set([...document.querySelectorAll('#article-text .claim-anchor')].map((a) => a.id)).size));
    expect(await margin.locator('strong.m-speaker').count()).toBeGreaterThan(0);

    // where the margin sits: beside the text on a desktop, below it on a phone
    const text = (await page.locator('#article-text').boundingBox())!;
    const box = (await margin.boundingBox())!;
    if (width >= 1000) {
      expect(box.x).toBeGreaterThanOrEqual(text.x + text.width);
      expect(box.y).toBeLessThan(text.y + 200);
    } else expect(box.y).toBeGreaterThanOrEqual(text.y + text.height);

    // the "matches official" marker, in the margin and on the figure in the text
    const official = margin.locator('.official.off-matches', { hasText: 'matches official: 528 (House of Commons Library)' });
    await official.first().scrollIntoViewIfNeeded();
    expect(await official.first().isVisible()).toBe(true);
    const id = (await official.first().evaluate((el) => el.closest('li.m-entry')!.id)).slice(2);
    const hl = page.locator(`#article-text a.hl[data-claim="${id}"]`);
    expect(await hl.textContent()).toBe('528 votes');
    expect(await hl.getAttribute('class')).toMatch(/\boff-matches\b/);
    const marker = await hl.evaluate((el) => getComputedStyle(el, '::after').content);
    expect(marker).toContain('✓');
    await screenshot(page, `reading-view-${name}-margin`);

    // a margin entry (here a quote with its speaker) takes the reader to its highlight, which is marked
    const quote = page.locator('aside.margin li.m-entry.k-quote', { has: page.locator('strong.m-speaker') }).first();
    const quoteId = (await quote.getAttribute('id'))!.slice(2);
    await quote.locator('a.m-jump').click();
    await page.waitForFunction((cid) => window.location.hash === `#claim-${cid}`, quoteId);
    expect(await page.evaluate((cid) => document.querySelector(`#claim-${cid}`)!.matches(':target'), quoteId)).toBe(true);
    const current = page.locator(`#article-text a.hl.current[data-claim="${quoteId}"]`);
    expect(await current.count()).toBeGreaterThan(0);
    expect(await current.first().isVisible()).toBe(true);
    const inView = await current.first().evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < window.innerHeight; // on screen (a long quote may run past the bottom)
    });
    expect(inView).toBe(true);
    await screenshot(page, `reading-view-${name}-targeted`);
    await expectNoSideways(page);
    await page.close();
  });

  it('the sources list, speakers and entities do not scroll sideways', async () => {
    for (const path of ['/', '/?sort=conflicts', '/speakers?name=a', '/entities']) {
      const page = await open(width, height, path);
      await expectNoSideways(page);
      if (path === '/' || path === '/entities') await screenshot(page, `lists-${name}-${path === '/' ? 'sources' : 'entities'}`);
      await page.close();
    }
  });
});

describe('without JavaScript', () => {
  it('the margin is there and its links target the text', async () => {
    const context = await browser.context.browser()?.newContext({ javaScriptEnabled: false });
    // a persistent context has no browser(); fall back to a page with scripts blocked by route
    const page = context ? await context.newPage() : await browser.context.newPage();
    if (!context) await page.route('**/*.js', (r) => r.abort());
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${run.url}/sources/${ilford}`);
    const first = page.locator('aside.margin li.m-entry a.m-jump').first();
    const href = (await first.getAttribute('href'))!;
    await first.click();
    await page.waitForFunction((h) => window.location.hash === h, href);
    expect(await page.evaluate((h) => document.querySelector(h)!.matches(':target'), href)).toBe(true);
    await expectNoSideways(page);
    await page.close();
    await context?.close();
  });
});

afterAll(() => expect(pageErrors).toEqual([]));
