import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewOrganization } from '../../src/core/organizations/review.ts';
import { OPERATOR } from '../../src/core/authz/actor.ts';
import { seedOrg, seedUser, uniqueEmail } from '../factories/index.ts';
import { tinyPng } from '../factories/images.ts';
import { startTestApp, type TestApp } from '../support/app.ts';
import {
  checkPage,
  chromiumAvailable,
  field,
  fill,
  launchChromium,
  newPage,
  signIn,
} from '../support/browser.ts';

/**
 * The quickstart in Chromium, as a newly signed-up issuer: create an organization, generate
 * keys, create a badge with an image, issue, watch the recipient check, find the email in the
 * local mailbox, renew, revoke, and meet the resend cooldown. Every page passes axe (WCAG 2.2 AA).
 */

const run = chromiumAvailable();

/** A badge image worth looking at in the screenshots: an SVG the server rasterises. */
const BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <circle cx="128" cy="128" r="120" fill="#126849"/>
  <circle cx="128" cy="128" r="96" fill="#d9f2c4"/>
  <path d="M128 58l20 42 46 6-34 32 9 46-41-23-41 23 9-46-34-32 46-6z" fill="#126849"/>
</svg>`;

let t: TestApp;
let browser: Browser;
let admin: { email: string };
let jane: { email: string };

beforeAll(async () => {
  if (!run) return;
  // As a newcomer runs it: no SMTP server, every email in the local mailbox.
  t = await startTestApp({ localMailbox: true });
  admin = await seedUser(t.laurel.deps, {
    platformAdmin: true,
    firstName: 'Ada',
    lastName: 'Admin',
  });
  jane = await seedUser(t.laurel.deps, { firstName: 'Jane', lastName: 'Issuer' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Types the email as a person would, so htmx's input trigger runs the recipient check. */
async function typeRecipient(page: Page, name: string, email: string) {
  await field(page, 'Recipient name').fill(name);
  const input = field(page, 'Recipient email');
  await input.fill('');
  await input.pressSequentially(email, { delay: 5 });
}

const flash = (page: Page) => page.locator('#flash');
const checkBanner = (page: Page) => page.locator('#recipient-check .banner');
const submit = (page: Page) => page.locator('#issue-submit');

describe.runIf(run)('issuing in Chromium', () => {
  it('walks the quickstart: badge with image → issue → email → duplicate blocked → renewal → revoke → resend cooldown', async () => {
    const page = await newPage(browser);
    await signIn(page, t.url, { email: jane.email }, /\/(dashboard|admin)/);

    // 2. Create an organization; a platform admin approves it (the admin UI has its own test).
    await page.getByRole('link', { name: 'Create Organization' }).first().click();
    await fill(page, {
      Name: 'Northwind Academy',
      Website: 'https://northwind.example',
      Description: 'Hands-on courses.',
    });
    await page.getByRole('button', { name: 'Create' }).click();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    const orgUrl = page.url();
    const orgId = orgUrl.split('/').pop()!;
    const approved = await reviewOrganization(t.laurel.deps, OPERATOR, orgId, 'approve');
    expect(approved.ok).toBe(true);

    // 3. Generate signing keys on the organization page.
    await page.goto(orgUrl);
    await page.getByRole('button', { name: 'Generate signing keys' }).click();
    await expect.poll(() => flash(page).textContent()).toContain('Signing keys generated');
    await expect.poll(() => page.getByText('Unique recipients this month').count()).toBe(1);
    await checkPage(page, 'issuing-01-organization');

    // 4. Badge templates → New badge, with an image and its live preview.
    await page.getByRole('link', { name: 'Badge templates' }).click();
    await expect.poll(() => page.getByText('No badge templates yet').count()).toBe(1);
    await checkPage(page, 'issuing-02-badges-empty');
    await page.getByRole('link', { name: 'New badge' }).first().click();
    await page.waitForURL(/\/badges\/new$/);
    await checkPage(page, 'issuing-03-new-badge');
    await field(page, 'Badge image').setInputFiles({
      name: 'cloud.svg',
      mimeType: 'image/svg+xml',
      buffer: Buffer.from(BADGE_SVG),
    });
    await expect
      .poll(() => page.locator('#badge-preview img[src^="data:image/png"]').count())
      .toBe(1);
    await fill(page, {
      Name: 'Cloud Foundations',
      Description: 'Understands the building blocks of cloud platforms.',
      Criteria: 'Completed the eight-week course and passed the final lab.',
      Skills: 'cloud, networking, security',
    });
    await checkPage(page, 'issuing-04-new-badge-filled');
    await page.getByRole('button', { name: 'Create badge' }).click();
    await page.waitForURL(/\/badges\/[0-9a-f-]{36}$/);
    await expect.poll(() => flash(page).textContent()).toContain('Badge created.');
    await checkPage(page, 'issuing-05-badge-detail');

    // 5. Issue this credential → the green banner.
    await page.getByRole('link', { name: 'Issue this credential' }).click();
    await page.waitForURL(/\/credentials\/issue\?badgeId=/);
    expect(await field(page, 'Badge').inputValue()).not.toBe('');
    await checkPage(page, 'issuing-06-issue-form');
    const ada = uniqueEmail('ada');
    await typeRecipient(page, 'Ada Lovelace', ada);
    await expect.poll(() => checkBanner(page).textContent()).toContain('First-time recipient.');
    expect(await checkBanner(page).getAttribute('class')).toContain('banner--success');
    expect(
      await page
        .getByRole('checkbox', { name: 'Make this credential publicly verifiable' })
        .isChecked(),
    ).toBe(true);
    expect(await submit(page).isDisabled()).toBe(false);
    await checkPage(page, 'issuing-07-check-green');
    await submit(page).click();
    await page.waitForURL(/\/credentials$/);
    await expect.poll(() => flash(page).textContent()).toContain('Credential issued.');
    await expect.poll(() => page.getByText(ada).count()).toBe(1);
    await checkPage(page, 'issuing-08-credentials-toast');
    const crd = (await page.locator('a[href^="/verify/CRD-"]').first().textContent())!.trim();
    expect(crd).toMatch(/^CRD-/);

    // The email sits in the local mailbox with its View & Verify link.
    const mailbox = await newPage(browser);
    await signIn(mailbox, t.url, { email: admin.email }, /\/(dashboard|admin)/);
    await mailbox.goto(`${t.url}/admin/mailbox?to=${encodeURIComponent(ada)}`);
    await expect
      .poll(() => mailbox.getByRole('link', { name: /earned a new credential/ }).count(), {
        timeout: 10_000,
      })
      .toBe(1);
    await checkPage(mailbox, 'issuing-09-mailbox');
    await mailbox.getByRole('link', { name: /earned a new credential/ }).click();
    const text = (await mailbox.getByTestId('email-text').textContent()) ?? '';
    expect(text).toContain('View & Verify');
    expect(text).toContain(`/verify/${crd}`);
    await checkPage(mailbox, 'issuing-10-mailbox-message');

    // Reissuing a non-expiring badge to the same email: red, and submit disabled.
    await page.goto(`${orgUrl}/credentials/issue`);
    await field(page, 'Badge').selectOption({ label: 'Cloud Foundations' });
    await typeRecipient(page, 'Ada Lovelace', ada);
    await expect
      .poll(() => checkBanner(page).textContent())
      .toContain('Recipient already has this credential.');
    expect(await checkBanner(page).getAttribute('class')).toContain('banner--danger');
    await expect.poll(() => submit(page).isDisabled()).toBe(true);
    await checkPage(page, 'issuing-11-check-red');
    // Changing the email back to a new recipient lifts the block.
    await typeRecipient(page, 'Grace Hopper', uniqueEmail('grace'));
    await expect.poll(() => checkBanner(page).textContent()).toContain('First-time recipient.');
    await expect.poll(() => submit(page).isDisabled()).toBe(false);

    // An expiring badge (a PNG this time): amber on reissue, and the renewal links the two.
    await page.goto(`${orgUrl}/badges/new`);
    await field(page, 'Badge image').setInputFiles({
      name: 'yearly.png',
      mimeType: 'image/png',
      buffer: tinyPng(),
    });
    await fill(page, {
      Name: 'Annual Safety Refresher',
      Description: 'Current on workplace safety practice.',
      Criteria: 'Attended the yearly refresher.',
      'Expires in days': '365',
    });
    await page.getByRole('button', { name: 'Create badge' }).click();
    await page.waitForURL(/\/badges\/[0-9a-f-]{36}$/);
    await page.getByRole('link', { name: 'Issue this credential' }).click();
    const bob = uniqueEmail('bob');
    await typeRecipient(page, 'Bob Builder', bob);
    await expect.poll(() => checkBanner(page).textContent()).toContain('First-time recipient.');
    await submit(page).click();
    await page.waitForURL(/\/credentials$/);
    await page.goto(`${orgUrl}/credentials/issue`);
    await field(page, 'Badge').selectOption({ label: 'Annual Safety Refresher' });
    await typeRecipient(page, 'Bob Builder', bob);
    await expect
      .poll(() => checkBanner(page).textContent())
      .toContain('An active credential exists. It will be revoked and a new one issued.');
    expect(await checkBanner(page).getAttribute('class')).toContain('banner--warning');
    expect(await submit(page).isDisabled()).toBe(false);
    await checkPage(page, 'issuing-12-check-amber');
    await submit(page).click();
    await page.waitForURL(/\/credentials$/);
    await expect.poll(() => flash(page).textContent()).toContain('Credential issued as a renewal');
    await expect
      .poll(() => page.locator('.lineage__item', { hasText: /^Supersedes CRD-/ }).count())
      .toBe(1);
    await expect
      .poll(() => page.locator('.lineage__item', { hasText: /^Superseded by CRD-/ }).count())
      .toBe(1);
    await checkPage(page, 'issuing-13-lineage');
    const renewal = page.locator('tr', {
      has: page.locator('.lineage__item', { hasText: /^Supersedes/ }),
    });
    const lineageLink = renewal.locator('.lineage a');
    const oldId = (await lineageLink.textContent())!.trim();
    expect(await lineageLink.getAttribute('href')).toBe(`/verify/${oldId}`);

    // Filters narrow the list.
    await field(page, 'Status').selectOption('revoked');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/status=revoked/);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await checkPage(page, 'issuing-14-filtered');
    await page.getByRole('link', { name: 'Clear' }).click();

    // Revoke Ada's credential with a reason, in the dialog.
    const adaRow = page.locator('tr', { hasText: ada });
    await adaRow.getByRole('link', { name: /Revoke/ }).click();
    const dialog = page.locator('#dialog-root dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    await checkPage(page, 'issuing-15-revoke-dialog');
    await dialog.getByLabel(/^Reason/).fill('Issued in error — wrong recipient email.');
    await dialog.getByRole('button', { name: 'Confirm Revoke' }).click();
    await page.waitForURL(/\/credentials$/);
    await expect.poll(() => flash(page).textContent()).toContain('Credential revoked.');
    await expect
      .poll(() => page.locator('tr', { hasText: ada }).getByText('Revoked').count())
      .toBeGreaterThan(0);
    await checkPage(page, 'issuing-16-revoked');

    // Resend is refused during the cooldown: disabled, with the date it becomes available.
    const bobRow = page.locator('tr', {
      has: page.locator('.lineage__item', { hasText: /^Supersedes/ }),
    });
    const resend = bobRow.getByRole('button', { name: /Resend email/ });
    expect(await resend.isDisabled()).toBe(true);
    expect(await bobRow.textContent()).toMatch(/Available [A-Z][a-z]{2} \d{1,2}, \d{4}/);

    // The edit page shows what issuance locked, and why.
    await page.goto(`${orgUrl}/badges`);
    await checkPage(page, 'issuing-17-badges');
    await page.getByRole('link', { name: 'Cloud Foundations', exact: true }).click();
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect
      .poll(() => page.getByText('Locked: 1 credential has been issued from this badge').count())
      .toBeGreaterThan(0);
    await checkPage(page, 'issuing-18-edit-locked');

    // The API keys page on the Free plan: the upsell.
    await page.goto(`${orgUrl}/api-keys`);
    await expect
      .poll(() =>
        page.getByText('API keys are available on the Professional and Enterprise plans').count(),
      )
      .toBe(1);
    await checkPage(page, 'issuing-19-api-keys');

    // On a phone: the list scrolls sideways inside its frame, the form stacks.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${orgUrl}/credentials`);
    await checkPage(page, 'issuing-20-credentials-phone');
    await page.goto(`${orgUrl}/credentials/issue`);
    await checkPage(page, 'issuing-21-issue-phone');
    await page.goto(`${orgUrl}/badges`);
    await checkPage(page, 'issuing-22-badges-phone');
  }, 240_000);

  it('an owner on Professional generates an API key, sees it once, and revokes it', async () => {
    const owner = await seedUser(t.laurel.deps, { firstName: 'Priya', lastName: 'Pro' });
    const { org } = await seedOrg(t.laurel.deps, {
      owner,
      name: 'Pro Learning',
      plan: 'professional',
    });
    const page = await newPage(browser);
    await signIn(page, t.url, { email: owner.email }, /\/(dashboard|admin)/);
    await page.goto(`${t.url}/organizations/${org.id}/api-keys`);
    await fill(page, { Name: 'production' });
    await page.getByRole('button', { name: 'Generate new key' }).click();
    const key = await page.getByLabel(/^Key “production”/).inputValue();
    expect(key).toMatch(/^crd_live_[0-9A-Za-z]{43}$/);
    await checkPage(page, 'issuing-23-api-key-created');
    await page.goto(`${t.url}/organizations/${org.id}/api-keys`);
    expect(await page.content()).not.toContain(key);
    await expect.poll(() => page.getByText(`${key.slice(0, 13)}…${key.slice(-4)}`).count()).toBe(1);
    await page.getByRole('link', { name: /Revoke/ }).click();
    const dialog = page.locator('#dialog-root dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    await checkPage(page, 'issuing-24-api-key-revoke');
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => flash(page).textContent()).toContain('API key revoked.');
    await checkPage(page, 'issuing-25-api-key-revoked');
  });
});
