/**
 * docs/desk.png: the desk on the seeded store of the browser tests, in Debian Chromium.
 * `npx tsx test/desk/screenshot.ts [out.png]` from the repository root.
 */
import { realCore } from '../support/core.js';
import { capturingLogger } from '../support/log.js';
import { launchChromium } from './browser.js';
import { startSeededDesk, TOKEN } from './seed.js';

const out = process.argv[2] ?? 'docs/desk.png';
const { server, store, base } = await startSeededDesk(await realCore(), capturingLogger().logger);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1180, height: 900 } });
  await page.goto(`${base}/desk?q=${encodeURIComponent('How much gas will Russia supply to Iran a year?')}`, { waitUntil: 'load' }).catch(() => undefined);
  await page.fill('input[name=token]', TOKEN);
  await Promise.all([page.waitForURL(`${base}/desk`), page.click('button[type=submit]')]);
  await page.goto(`${base}/desk?q=${encodeURIComponent('How much gas will Russia supply to Iran a year?')}`);
  await page.screenshot({ path: out, fullPage: true });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  await server.close();
  await store.close();
}
