import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueEmail } from '../factories/index.ts';
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

const run = chromiumAvailable();
const ADMIN = {
  first: 'Ada',
  last: 'Admin',
  email: uniqueEmail('admin'),
  password: 'Admin-Password-1!',
};
const JANE = {
  first: 'Jane',
  last: 'Doe',
  email: uniqueEmail('jane'),
  password: 'Jane-Password-1!',
};

let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  if (!run) return;
  // As a newcomer runs it: no SMTP server, every email in the local mailbox.
  t = await startTestApp({ localMailbox: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.runIf(run)('a newcomer in Chromium', () => {
  it('sets up Laurel, signs up, verifies through the mailbox, creates an organization and gets it approved', async () => {
    const admin = await newPage(browser);
    // An empty site sends the first visitor to /setup.
    await admin.goto(t.url);
    expect(new URL(admin.url()).pathname).toBe('/setup');
    await checkPage(admin, '01-setup');
    await fill(admin, {
      'First name': ADMIN.first,
      'Last name': ADMIN.last,
      Email: ADMIN.email,
      Password: ADMIN.password,
    });
    await admin.getByRole('button', { name: 'Create platform admin' }).click();
    await admin.waitForURL(`${t.url}/admin`);
    await expect.poll(() => admin.getByText('first platform admin').count()).toBe(1);
    await checkPage(admin, '02-admin-empty');

    // Jane signs up in another browser session.
    const jane = await newPage(browser);
    await jane.goto(`${t.url}/register`);
    await checkPage(jane, '03-register');
    await fill(jane, {
      'First name': JANE.first,
      'Last name': JANE.last,
      Email: JANE.email,
      Password: JANE.password,
    });
    await jane.getByRole('button', { name: 'Create account' }).click();
    await jane.waitForURL(/\/login/);
    await checkPage(jane, '04-login-after-register');

    // Signing in before verifying says EMAIL_NOT_VERIFIED.
    await field(jane, 'Password').fill(JANE.password);
    await jane.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => jane.getByText('EMAIL_NOT_VERIFIED').count()).toBe(1);
    await checkPage(jane, '05-login-not-verified');

    // The admin finds the verification email in the local mailbox.
    await admin.goto(`${t.url}/admin/mailbox?to=${encodeURIComponent(JANE.email)}`);
    await checkPage(admin, '06-mailbox');
    await admin
      .getByRole('link', { name: /Verify your email/i })
      .first()
      .click();
    await checkPage(admin, '07-mailbox-message');
    const text = await admin.getByTestId('email-text').textContent();
    const link = /https?:\/\/\S+\/verify-email\?token=\S+/.exec(text ?? '')?.[0];
    expect(link).toBeDefined();

    await jane.goto(link!);
    await jane.waitForURL(/\/login/);
    await expect.poll(() => jane.getByText('Your email is verified').count()).toBe(1);
    await signIn(jane, t.url, JANE);
    await jane.waitForURL(`${t.url}/dashboard`);
    await checkPage(jane, '08-dashboard-empty');

    // Jane creates an organization; it waits for review.
    await jane.getByRole('link', { name: 'Create Organization' }).first().click();
    await checkPage(jane, '09-new-organization');
    await fill(jane, {
      Name: 'Acme Academy',
      Website: 'https://acme.example',
      Description: 'Courses for curious people.',
    });
    await jane.getByRole('button', { name: 'Create' }).click();
    await jane.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    await expect.poll(() => jane.getByText('Pending review').count()).toBeGreaterThan(0);
    await checkPage(jane, '10-organization-pending');
    const orgUrl = jane.url();

    // The admin approves it.
    await admin.goto(`${t.url}/admin?status=pending_review`);
    await checkPage(admin, '11-admin-pending');
    await admin.getByRole('button', { name: 'Approve Acme Academy' }).click();
    await admin.waitForURL(/status=approved/);
    await checkPage(admin, '12-admin-approved');

    await jane.goto(orgUrl);
    await expect.poll(() => jane.getByText('Approved').count()).toBeGreaterThan(0);
    await expect.poll(() => jane.getByText('Pending review').count()).toBe(0);
    await checkPage(jane, '13-organization-approved');

    await jane.goto(`${orgUrl}/team`);
    await checkPage(jane, '14-team');

    await jane.goto(`${t.url}/account`);
    await checkPage(jane, '15-account-settings');

    // The approval email was delivered to the local mailbox, as a row and as an .eml file.
    await expect
      .poll(
        async () => {
          const rows = await t.database.db
            .selectFrom('email_outbox')
            .select(['id', 'subject', 'status'])
            .where('to_address', '=', JANE.email)
            .execute();
          return rows
            .filter((r) => /approved/i.test(r.subject) && r.status === 'sent')
            .map((r) => r.id);
        },
        { timeout: 10_000 },
      )
      .toHaveLength(1);
    const files = fs.readdirSync(path.join(t.dataDir, 'mailbox'));
    expect(files.filter((f) => f.endsWith('.eml')).length).toBeGreaterThanOrEqual(2);
  });
});
