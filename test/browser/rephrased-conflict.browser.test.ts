import { readFileSync } from 'node:fs';
import { launchBrowser, logIn, screenshot, startApp, type BrowserSession, type RunningApp } from '../helpers/browser.js';
import { FIXTURES_DIR } from '../helpers/db.js';

// An editor pastes a story that words the corpus's Ilford North facts differently ("held … by just 357 votes")
// and finds the contradiction with the corpus's 528 on the board, at desktop and phone widths.
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

const story = readFileSync(`${FIXTURES_DIR}rephrased/01-wire-ilford-north.md`, 'utf8')
  .replace(/^---[\s\S]*?---\n/, '')
  .trim();
const [headline, ...body] = story.split('\n');

describe.each([
  ['desktop', 1280, 900],
  ['phone', 390, 844],
])('a rephrased story at %s width', (label, width, height) => {
  it('is pasted, and the board shows its 357 against the corpus’s 528 as one contradiction card per pair', async () => {
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.setViewportSize({ width, height });
    await logIn(page, run.url, 'alice');
    await page.goto(`${run.url}/sources/new`);
    // a different outlet per width, so the second paste is a new source, not "already stored"
    await page.fill('form.paste-form input[name=title]', `${headline} (${label})`);
    await page.fill('form.paste-form input[name=outlet]', `Eastern Wire ${label}`);
    await page.fill('form.paste-form textarea[name=text]', body.join('\n').trim() + (label === 'phone' ? '\n\nThe count finished after dawn.' : ''));
    await Promise.all([page.waitForURL(/\/sources\/\d+$/), page.click('form.paste-form button[type=submit]')]);
    const sourceId = Number(/\/sources\/(\d+)$/.exec(page.url())![1]);

    await page.goto(`${run.url}/board?relation=contradicts`);
    const cards = page.locator('article.xr-contradicts').filter({ hasText: '357' }).filter({ hasText: '528' });
    expect(await cards.count()).toBeGreaterThanOrEqual(1);
    const first = cards.first();
    expect(await first.locator('.xr-reason').textContent()).toMatch(/majority of .*Ilford North/);
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, `board-rephrased-357-vs-528-${label}`);

    // one card per pair of claims: no two cards join the same two claims
    const pairs = await run.db.selectFrom('claim_link').select(['claim_a', 'claim_b']).execute();
    const keys = pairs.map((p) => [p.claim_a, p.claim_b].sort((x, y) => x - y).join(':'));
    expect(new Set(keys).size).toBe(keys.length);
    const mine = await run.db.selectFrom('claim').select('id').where('source_id', '=', sourceId).where('value', '=', 357).executeTakeFirstOrThrow();
    const links357 = await run.db
      .selectFrom('claim_link')
      .select('id')
      .where('relation', '=', 'contradicts')
      .where((eb) => eb.or([eb('claim_a', '=', mine.id), eb('claim_b', '=', mine.id)]))
      .execute();
    expect(links357.length).toBeGreaterThanOrEqual(2); // corpus 002 ("came within 528 votes") and 003 ("to just 528")
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});
