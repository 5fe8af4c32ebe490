import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

/**
 * Whether browser tests can run here. Outside CI a missing Chromium skips them with a clear
 * message; with LAUREL_REQUIRE_BROWSER=1 (CI) it is a failure instead.
 */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.LAUREL_REQUIRE_BROWSER === '1') {
    throw new Error(
      `${CHROMIUM} is missing: install it with apt-get install chromium (browser tests are required here).`,
    );
  }
  console.warn(
    `Browser tests skipped: ${CHROMIUM} not found (apt-get install chromium to run them).`,
  );
  return false;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Saves a full-page screenshot and checks the page against WCAG 2.2 AA with axe-core: every
 * page a browser test visits must have zero violations.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary, `axe violations on ${name} (${page.url()})`).toEqual([]);
}
