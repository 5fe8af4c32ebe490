import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../factories/index.ts';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

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

/** A page in a browser context of its own: its own cookies, so one person each. */
export async function newPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  // Fail fast with the locator in the message rather than at the test's own timeout.
  page.setDefaultTimeout(10_000);
  return page;
}

/** A field by its visible label (which may end in a required or optional marker). */
export function field(page: Page, label: string) {
  return page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
}

/** Fills fields by their visible labels, in order. */
export async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  for (const [label, value] of Object.entries(fields)) await field(page, label).fill(value);
}

/**
 * Signs in through the sign-in form as a person does (the password defaults to the one every
 * seeded account has); with `landsOn`, waits for the page signing in leads to.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  who: { email: string; password?: string },
  landsOn?: string | RegExp,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await fill(page, { Email: who.email, Password: who.password ?? TEST_PASSWORD });
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (landsOn) await page.waitForURL(landsOn);
}

/**
 * Saves a full-page screenshot and checks the page against WCAG 2.2 AA with axe-core: every
 * page a browser test visits must have zero violations. From the top: a page left scrolled
 * to an anchor would show the sticky top bar mid-screenshot.
 */
export async function checkPage(page: Page, name: string): Promise<void> {
  await page.evaluate('window.scrollTo(0, 0)');
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
