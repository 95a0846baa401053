import type { Page } from 'playwright-core';
import type { Claim } from '../../src/storage/database.js';
import { launchBrowser, logIn, screenshot, SCREENSHOTS_DIR, startApp, type BrowserSession, type RunningApp } from '../helpers/browser.js';

// An editor corrects a claim's speaker and withdraws another, in real Chromium, at desktop and phone widths.
let run: RunningApp;
let browser: BrowserSession;
const pageErrors: string[] = [];

beforeAll(async () => {
  run = await startApp([{ name: 'alice', role: 'editor' }]);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await run?.close();
});

const used = new Set<number>();
/** An extracted quote with a speaker, not used by the other width's run. */
async function aQuote(): Promise<Claim> {
  const c = await run.db
    .selectFrom('claim')
    .selectAll()
    .where('kind', '=', 'quote')
    .where('speaker_entity_id', 'is not', null)
    .where('id', 'not in', [0, ...used])
    .where((eb) => eb('exact', 'like', '% % % % % %'))
    .orderBy('id')
    .executeTakeFirstOrThrow();
  used.add(c.id);
  return c;
}

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

describe.each([
  ['desktop', 1280, 900],
  ['phone', 390, 844],
])('correcting claims at %s width', (label, width, height) => {
  it('changes a speaker to a new person, withdraws another claim: struck through on its source page, gone from search', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width, height });
    await logIn(page, run.url, 'alice');

    // 1. a new person as the speaker
    const first = await aQuote();
    const person = `Newa Personne ${label}`;
    await page.goto(`${run.url}/claims/${first.id}`);
    await noSidewaysScroll(page);
    await page.fill('form.correct-speaker input[name=speaker_name]', person);
    await page.check('form.correct-speaker input[name=speaker_kind][value=person]');
    await screenshot(page, `correct-claim-form-${label}`);
    await Promise.all([page.waitForURL(/corrected=/), page.click('form.correct-speaker button[type=submit]')]);
    expect(await page.locator('#correct-notice').textContent()).toContain('Saved');
    expect(await page.locator('.claim-meta').first().textContent()).toContain(person);
    expect(await page.locator('#corrected-by').textContent()).toContain('alice');
    const stored = await run.db
      .selectFrom('claim')
      .innerJoin('entity', 'entity.id', 'claim.speaker_entity_id')
      .select(['entity.name', 'entity.kind', 'claim.corrected_by'])
      .where('claim.id', '=', first.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ name: person, kind: 'person', corrected_by: 'alice' });
    await screenshot(page, `correct-claim-saved-${label}`);

    // 2. withdraw another claim, with a reason
    const second = await aQuote();
    await page.goto(`${run.url}/claims/${second.id}`);
    await page.fill('form.correct-withdraw textarea[name=reason]', 'A headline, not a quote');
    await Promise.all([page.waitForURL(/corrected=/), page.click('form.correct-withdraw button[type=submit]')]);
    expect(await page.locator('#withdrawn-banner').textContent()).toContain('A headline, not a quote');
    await noSidewaysScroll(page);
    await screenshot(page, `correct-claim-withdrawn-${label}`);

    // 3. struck through on its source page
    await page.goto(`${run.url}/sources/${second.source_id}#claim-${second.id}`);
    const hl = page.locator(`a.hl[href="/claims/${second.id}"]`).first();
    expect(await hl.getAttribute('class')).toContain('withdrawn');
    expect(await hl.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    await hl.scrollIntoViewIfNeeded();
    await noSidewaysScroll(page);
    await screenshot(page, `correct-claim-source-${label}`);
    // the struck-through highlight as the reader sees it (the viewport only)
    await page.screenshot({ path: `${SCREENSHOTS_DIR}correct-claim-source-view-${label}.png` });

    // 4. gone from search, back with include_withdrawn=1
    const words = second.exact
      .split(/\s+/)
      .filter((w) => /^[A-Za-z]{5,}$/.test(w))
      .slice(0, 3)
      .join(' ');
    await page.goto(`${run.url}/search?q=${encodeURIComponent(words)}`);
    expect(await page.locator(`main a[href="/claims/${second.id}"]`).count()).toBe(0);
    await noSidewaysScroll(page);
    await screenshot(page, `correct-claim-search-${label}`);
    await page.goto(`${run.url}/search?q=${encodeURIComponent(words)}&include_withdrawn=1`);
    expect(await page.locator(`main a[href="/claims/${second.id}"]`).count()).toBeGreaterThan(0);

    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

describe('speaker suggestions', () => {
  it('the speaker field offers existing speakers as one types (JavaScript on)', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await logIn(page, run.url, 'alice');
    const c = await aQuote();
    const speaker = await run.db.selectFrom('entity').select(['name', 'kind']).where('id', '=', c.speaker_entity_id!).executeTakeFirstOrThrow();
    await page.goto(`${run.url}/claims/${c.id}`);
    await page.locator('form.correct-speaker input[name=speaker_name]').pressSequentially(speaker.name.slice(0, 4), { delay: 30 });
    await page.waitForFunction(() => document.querySelectorAll('#speaker-suggestions option').length > 0, null, { timeout: 5000 });
    const options = await page.locator('#speaker-suggestions option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toContain(speaker.name);
    await page.close();
  });
});
