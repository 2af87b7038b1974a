import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsServer } from '../../src/ops/ops-server.js';
import type { BotStore } from '../../src/store/resilient.js';
import { realCore } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { launchChromium } from './browser.js';
import { DESK_BACKENDS, startSeededDesk, TOKEN } from './seed.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.each(DESK_BACKENDS)('the desk in headless Chromium, on %s', { timeout: 60_000 }, (backend) => {
  let server: OpsServer;
  let store: BotStore;
  let base: string;
  let ids: { persian: number; chess: number; visa: number };
  const log = capturingLogger();
  beforeAll(async () => {
    ({ server, store, base, ids } = await startSeededDesk(await realCore(), log.logger, backend));
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await store?.close();
  });

  /** A new browser context (no cookie) with the desk opened through its token form. */
  async function signedIn(): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    const refused = await page.goto(`${base}/desk`);
    expect(refused?.status()).toBe(401);
    await page.fill('input[name=token]', TOKEN);
    await Promise.all([page.waitForURL(`${base}/desk`), page.click('button[type=submit]')]);
    return page;
  }

  it('refuses a request without the token, and a wrong token, showing no data', async () => {
    const page = await (await browser.newContext()).newPage();
    const res = await page.goto(`${base}/desk?state=open`);
    expect(res?.status()).toBe(401);
    expect(await page.locator('#refused').textContent()).toMatch(/needs the desk token/);
    expect(await page.locator('#inbox').count()).toBe(0);
    expect(await page.content()).not.toContain('chess');
    await page.fill('input[name=token]', `${TOKEN}x`);
    const [wrong] = await Promise.all([page.waitForResponse(`${base}/desk/login`), page.click('button[type=submit]')]);
    expect(wrong.status()).toBe(401);
    expect(await page.locator('#refused').textContent()).toMatch(/not right/);
    await page.context().close();
  });

  it('loads with the token and the chart shows the seeded numbers', async () => {
    const page = await signedIn();
    expect(await page.locator('#answer-rate').textContent()).toBe('67%');
    expect(await page.locator('#questions').textContent()).toBe('6');
    const points = page.locator('#rate-chart circle.point');
    expect(await points.count()).toBe(2);
    expect(
      await points.evaluateAll((els) => els.map((e) => [e.getAttribute('data-day'), e.getAttribute('data-rate'), e.getAttribute('data-questions')])),
    ).toEqual([
      ['2026-03-08', '75%', '4'],
      ['2026-03-10', '50%', '2'],
    ]);
    expect(await page.locator('#rate-chart circle.point title').first().textContent()).toBe('2026-03-08: 75% answered (3 of 4)');
    // The chart is drawn: the line and the points have a size on screen.
    const box = await points.first().boundingBox();
    expect(box?.width).toBeGreaterThan(4);
    expect(await page.locator('#rate-chart polyline.rate').count()).toBe(1);
    expect(await page.locator('#per-topic tbody tr').first().textContent()).toMatch(/Natural gas partnership\s*3/);
    expect(await page.locator('#per-lang tbody tr').allTextContents()).toEqual([
      expect.stringMatching(/^en4/),
      expect.stringMatching(/^fa2/),
      expect.stringMatching(/^ru1/),
    ]);
    expect(await page.locator('#kb-version').textContent()).toBe((await realCore()).version);
    expect(await page.locator('#reloads tbody').textContent()).toMatch(/seed-version/);
    expect(await page.locator(`tr[data-inbox-id="${ids.visa}"] .fixed`).textContent()).toMatch(/^answered now: .*Mir.*\(data seed-version\)$/);
    await page.context().close();
  });

  it('shows Persian questions right to left', async () => {
    const page = await signedIn();
    const persian = page.locator(`tr[data-inbox-id="${ids.persian}"] bdi`);
    expect(await persian.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction)).toBe('rtl');
    expect(await page.locator(`tr[data-inbox-id="${ids.chess}"] bdi`).evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).direction)).toBe(
      'ltr',
    );
    await page.context().close();
  });

  it('resolving a question changes its state in the store', async () => {
    const page = await signedIn();
    expect((await store.inboxItem(ids.chess))?.state).toBe('open');
    await Promise.all([page.waitForURL(/\/desk\?state=open/), page.click(`button[data-action=resolved][data-id="${ids.chess}"]`)]);
    expect(await store.inboxItem(ids.chess)).toMatchObject({ state: 'resolved', changedBy: 'desk' });
    expect(await page.locator(`tr[data-inbox-id="${ids.chess}"]`).count()).toBe(0);
    await page.click('nav a[href="/desk?state=resolved"]');
    await page.waitForURL(/state=resolved/);
    expect(await page.locator(`tr[data-inbox-id="${ids.chess}"] .state`).textContent()).toBe('resolved');
    await Promise.all([page.waitForURL(/state=resolved/), page.click(`button[data-action=open][data-id="${ids.chess}"]`)]);
    expect((await store.inboxItem(ids.chess))?.state).toBe('open');
    await page.context().close();
  });

  it('tries a question and shows the reply and its confidence as every surface would, recording nothing', async () => {
    const page = await signedIn();
    const before = JSON.stringify(await store.analytics());
    await page.fill('input[name=q]', 'How much gas will Russia supply to Iran a year?');
    await Promise.all([page.waitForURL(/q=How/), page.click('#try button[type=submit]')]);
    expect(await page.locator('#try-confidence').textContent()).toMatch(/^\d+%$/);
    const result = await page.locator('#try-result').textContent();
    expect(result).toMatch(/Natural gas partnership/);
    expect(result).toMatch(/Console.*Telegram \(HTML sent\).*Discord/s);
    expect(result).toMatch(/counted as answered/);
    expect(JSON.stringify(await store.analytics())).toBe(before);
    await page.context().close();
  });

  it('never logs the token', () => {
    expect(log.text()).toMatch(/desk request refused/);
    expect(log.text()).not.toContain(TOKEN);
  });
});
