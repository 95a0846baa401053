import type { Page } from 'playwright-core';
import { importMissingReference } from '../../src/cli/serve.command.js';
import { ingestPaths } from '../../src/pipeline/ingest-paths.js';
import { CORPUS_DIR, FIXTURES_DIR } from '../helpers/db.js';
import { launchBrowser, logIn, screenshot, startApp, type BrowserSession, type RunningApp } from '../helpers/browser.js';

let run: RunningApp;
let browser: BrowserSession;
const pageErrors: string[] = [];

const WIDTHS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

beforeAll(async () => {
  run = await startApp([{ name: 'edith', role: 'editor' }]);
  // two stories of our own: 357 votes where the corpus (and the official result) says 528, and a reworded quote
  await ingestPaths(run.db, [`${FIXTURES_DIR}board`]);
  await importMissingReference(run.db, CORPUS_DIR, 'cli:browser-test');
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await run?.close();
});
// every test starts from an undecided board
beforeEach(async () => {
  await run.db.updateTable('claim_link').set({ status: 'suggested', decided_by: null, decided_at: null, decision_note: null }).execute();
});

async function open(width: number, height: number): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.setViewportSize({ width, height });
  await logIn(page, run.url, 'edith');
  await page.goto(`${run.url}/board`);
  return page;
}

/** Nothing wider than the window: the page does not scroll sideways. */
async function expectNoSideways(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

/** Presses Tab until the focused element matches `selector` (at most `max` times); returns how many presses it took. */
async function tabTo(page: Page, selector: string, max = 150): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return i;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** The focused element shows a visible outline (the focus ring). */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    const s = getComputedStyle(document.activeElement!);
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  });

const linkRow = (id: number) =>
  run.db.selectFrom('claim_link').select(['status', 'decided_by', 'decision_note']).where('id', '=', id).executeTakeFirstOrThrow();

describe.each(WIDTHS)('the board at $width px', ({ name, width, height }) => {
  it('puts contradictions first, with official marks, and confirms the first one from the keyboard alone', async () => {
    const page = await open(width, height);
    const cards = page.locator('ol.xr-queue > li > article.xr-link');
    const first = cards.first();
    expect(await first.getAttribute('class')).toMatch(/\bxr-contradicts\b.*\bxr-status-suggested\b/);
    const classes = await cards.evaluateAll((els) => els.map((e) => /xr-(contradicts|variant_of|corroborates)/.exec(e.className)![1]));
    expect([...new Set(classes)]).toEqual(['contradicts', 'variant_of', 'corroborates']);
    expect(await page.locator('.xr-count-contradicts').textContent()).toMatch(/Contradictions\s+2 open \/ 2/);
    expect(await first.locator('.official.off-differs').textContent()).toContain('differs from official: reported 357, official 528');
    expect(await first.locator('.official.off-matches').textContent()).toContain('matches official: 528 (House of Commons Library)');
    await expectNoSideways(page);
    await screenshot(page, `board-${name}-queue`);

    // keyboard only: Tab to the first card's reason box, type, Tab to Confirm, Enter
    const id = Number((await first.getAttribute('id'))!.slice('link-'.length));
    await tabTo(page, `#link-${id} input[name="note"]`);
    expect(await focusRing(page)).toBe(true);
    await page.keyboard.type('Recount sheet says 528');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLButtonElement).value)).toBe('confirm');
    expect(await page.evaluate(() => document.activeElement!.textContent)).toMatch(/^Confirm contradiction #\d+$/);
    expect(await focusRing(page)).toBe(true);
    await screenshot(page, `board-${name}-confirm-focused`);
    await Promise.all([page.waitForURL(/\/board\?.*notice=/), page.keyboard.press('Enter')]);

    expect(await linkRow(id)).toEqual({ status: 'confirmed', decided_by: 'edith', decision_note: 'Recount sheet says 528' });
    expect(await page.locator('#board-notice').textContent()).toContain('Confirmed contradiction #');
    // decided, it moves after the open contradiction, with its reason on the card
    const after = page.locator('ol.xr-queue > li > article.xr-link');
    expect(await after.nth(1).getAttribute('id')).toBe(`link-${id}`);
    expect(await page.locator(`#link-${id} .xr-note`).textContent()).toContain('Recount sheet says 528');
    expect(await page.locator('.xr-count-contradicts').textContent()).toMatch(/1 open \/ 2/);
    await expectNoSideways(page);
    await screenshot(page, `board-${name}-confirmed`);

    // Undo sits right after the notice, reachable with Tab + Enter
    await page.locator('#board-notice').focus();
    await tabTo(page, 'form[action="/board/undo"] button', 5);
    await Promise.all([page.waitForURL(/notice=Undone/), page.keyboard.press('Enter')]);
    expect(await linkRow(id)).toEqual({ status: 'suggested', decided_by: null, decision_note: null });
    await page.close();
  });

  it('moves between cards with j / k and rejects with r', async () => {
    const page = await open(width, height);
    const ids = await page.locator('ol.xr-queue > li > article.xr-link').evaluateAll((els) => els.map((e) => e.id));
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(ids[0]);
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(ids[1]);
    expect(await focusRing(page)).toBe(true);
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement!.id)).toBe(ids[0]);
    // typing in the name box is not taken for a shortcut
    await page.keyboard.press('/');
    await page.keyboard.type('jkrc');
    expect(await page.locator('input[name="entity_name"]').inputValue()).toBe('jkrc');
    await page.locator(`#${ids[1]}`).focus();
    await Promise.all([page.waitForURL(/notice=Rejected/), page.keyboard.press('r')]);
    expect((await linkRow(Number(ids[1].slice(5)))).status).toBe('rejected');
    expect(await page.locator(`#${ids[1]}`).count()).toBe(0);
    await page.close();
  });

  it('filters by a name chosen from suggestions', async () => {
    const page = await open(width, height);
    const box = page.locator('input[name="entity_name"]');
    await box.focus();
    await page.keyboard.type('Leanne Moh');
    await page.waitForFunction(() => [...document.querySelectorAll('#board-entities option')].some((o) => (o as HTMLOptionElement).value === 'Leanne Mohamad'));
    await box.fill('Leanne Mohamad');
    await Promise.all([page.waitForURL(/entity_name=Leanne/), page.keyboard.press('Enter')]);
    expect(await page.locator('main > p.muted').first().textContent()).toContain('Showing links about Leanne Mohamad');
    expect(await page.locator('ol.xr-queue').textContent()).toContain('528');
    expect(await page.locator('ol.xr-queue').textContent()).not.toContain('38,000');
    await expectNoSideways(page);
    await screenshot(page, `board-${name}-by-name`);
    await page.close();
  });
});

afterAll(() => expect(pageErrors).toEqual([]));
