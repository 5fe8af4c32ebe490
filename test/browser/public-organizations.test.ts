import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedBadge, seedCredential, seedIssuer, seedOrg } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import {
  checkPage,
  chromiumAvailable,
  launchChromium,
  newPage,
  signIn,
} from '../support/browser.ts';

/** The public organization and badge pages, and the overview's new parts, against WCAG 2.2 AA. */

const run = chromiumAvailable();
let t: TestApp;
let browser: Browser;
beforeAll(async () => {
  if (!run) return;
  t = await startSetUpApp();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.runIf(run)('public organization pages in Chromium', () => {
  it('the organization page, its badge pages and the empty gallery pass axe', async () => {
    const deps = t.laurel.deps;
    const { org, badge } = await seedIssuer(deps, {
      badge: {
        name: 'Forklift Safety',
        criteria: 'Passed the written test.\nPassed the practical test.',
        externalUrl: 'https://training.example/forklift',
      },
    });
    await deps.uow.stores.organizations.updateDetails(
      org.id,
      {
        name: org.name,
        slug: org.slug,
        website: 'https://academy.example',
        description: 'We train warehouse staff.',
        linkedinCompanyId: null,
      },
      new Date(),
    );
    const retired = await seedBadge(deps, org.id, { name: 'Old Pallet Course' });
    await deps.uow.stores.badges.setActive(retired.id, false, new Date());
    await seedCredential(deps, org, badge);

    const page = await newPage(browser);
    await page.goto(`${t.url}/o/${org.slug}`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1, name: org.name }).count())
      .toBe(1);
    await checkPage(page, 'public-organization');

    await page.getByRole('link', { name: 'Forklift Safety' }).click();
    await page.waitForURL(`${t.url}/o/${org.slug}/badges/${badge.slug}`);
    await checkPage(page, 'public-badge');

    await page.goto(`${t.url}/o/${org.slug}/badges/${retired.slug}`);
    await checkPage(page, 'public-badge-no-longer-issued');

    const { org: quiet } = await seedOrg(deps);
    await page.goto(`${t.url}/o/${quiet.slug}`);
    await checkPage(page, 'public-organization-empty');
  });

  it('the overview with its verification count and a refused LinkedIn company ID passes axe', async () => {
    const { org, owner } = await seedIssuer(t.laurel.deps);
    const page = await newPage(browser);
    await signIn(page, t.url, owner, /\/dashboard/);
    await page.goto(`${t.url}/organizations/${org.id}`);
    await expect.poll(() => page.getByText('Verifications (30 days)').count()).toBe(1);
    await page.getByLabel(/^LinkedIn company ID/).fill('abc');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() =>
        page.getByText('Enter the LinkedIn company ID as digits only (at most 20).').count(),
      )
      .toBeGreaterThan(0);
    await checkPage(page, 'organization-linkedin-error');
  });
});
