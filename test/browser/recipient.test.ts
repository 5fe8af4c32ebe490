import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/core/credentials/issue.ts';
import type { Badge, Organization } from '../../src/core/entities.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import { seedBadge, seedIssuer, TEST_PASSWORD } from '../factories/index.ts';
import { storeBadgeImage } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import {
  checkPage,
  chromiumAvailable,
  field,
  fill,
  launchChromium,
  newPage,
  signIn,
} from '../support/browser.ts';
import { waitForMail } from '../support/smtp.ts';

/**
 * The recipient's side in Chromium: a visitor sees a public credential and only a notice for
 * a private one; the recipient signs up from the credential's email, claims it, sets a profile
 * slug and finds it on their profile; LinkedIn's link carries the right fields; the embed
 * renders on another origin; a baked PNG verifies on /verify-lookup; and nothing public about a
 * private credential gives it away. Every page passes axe (WCAG 2.2 AA).
 */

const run = chromiumAvailable();

/** A badge image worth looking at in the screenshots, stored as the PNG an upload would become. */
const BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <circle cx="128" cy="128" r="120" fill="#1d4ed8"/>
  <circle cx="128" cy="128" r="96" fill="#dbeafe"/>
  <path d="M80 150a36 36 0 0 1 8-71 48 48 0 0 1 90 10 30 30 0 0 1-2 61z" fill="#1d4ed8"/>
</svg>`;

const RITA = {
  first: 'Rita',
  last: 'Recipient',
  email: 'rita.recipient@example.test',
  password: TEST_PASSWORD,
};

let t: TestApp;
let browser: Browser;
let org: Organization;
let badge: Badge;
let secretBadge: Badge;
/** CRD- ids, and the private one's uuid and identity hash. */
let publicId: string;
let privateCred: { shortId: string; id: string; identityHash: string; recipientName: string };
/** Rita's own private credential: hers to see and claim, never on her public profile. */
let ritaPrivate: { shortId: string; id: string };

beforeAll(async () => {
  if (!run) return;
  t = await startSetUpApp();
  const deps = t.laurel.deps;
  const imagePath = await storeBadgeImage(
    t.laurel.config.dataDir,
    await sharp(Buffer.from(BADGE_SVG)).png().toBuffer(),
  );
  const issuer = await seedIssuer(deps, {
    plan: 'professional',
    badge: {
      name: 'Cloud Practitioner',
      description: 'Knows the cloud.',
      tags: ['cloud', 'ops'],
      imagePath,
    },
  });
  org = issuer.org;
  badge = issuer.badge;
  secretBadge = await seedBadge(deps, org.id, { name: 'Internal Clearance Level' });
  const owner = userActor(issuer.owner.id);

  const pub = await issueCredential(deps, owner, org.id, {
    badgeId: badge.id,
    recipientName: 'Rita Recipient',
    recipientEmail: RITA.email,
    isPublic: true,
  });
  if (!pub.ok) throw new Error(pub.error.message);
  publicId = pub.value.credential.shortId;

  const priv = await issueCredential(deps, owner, org.id, {
    badgeId: secretBadge.id,
    recipientName: 'Quentin Quietly',
    recipientEmail: 'quentin.quietly@example.test',
    isPublic: false,
  });
  if (!priv.ok) throw new Error(priv.error.message);
  const doc = JSON.parse(
    (await deps.uow.stores.credentials.findDocument(priv.value.credential.id))!,
  ) as {
    credentialSubject: { identifier: { identityHash: string }[] };
  };
  privateCred = {
    shortId: priv.value.credential.shortId,
    id: priv.value.credential.id,
    identityHash: doc.credentialSubject.identifier[0]!.identityHash,
    recipientName: 'Quentin Quietly',
  };
  const ritaSecret = await issueCredential(deps, owner, org.id, {
    badgeId: (await seedBadge(deps, org.id, { name: 'Secret Project Access' })).id,
    recipientName: 'Rita Recipient',
    recipientEmail: RITA.email,
    isPublic: false,
  });
  if (!ritaSecret.ok) throw new Error(ritaSecret.error.message);
  ritaPrivate = {
    shortId: ritaSecret.value.credential.shortId,
    id: ritaSecret.value.credential.id,
  };
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe.runIf(run)('the recipient side in Chromium', () => {
  it('shows a public credential to a visitor, and a private one only as "Private credential"', async () => {
    const visitor = await newPage(browser);
    await visitor.goto(`${t.url}/verify/${publicId}`);
    await expect
      .poll(() => visitor.getByRole('heading', { name: 'Cloud Practitioner' }).count())
      .toBeGreaterThan(0);
    const body = (await visitor.locator('main').textContent()) ?? '';
    for (const text of ['Pending', 'Rita Recipient', publicId, 'cloud', org.name, 'Signature'])
      expect(body).toContain(text);
    expect(body).not.toContain(RITA.email);
    expect(await visitor.locator('meta[property="og:title"]').getAttribute('content')).toContain(
      'Cloud Practitioner',
    );
    await checkPage(visitor, 'recipient-01-verify-public-pending');

    await visitor.goto(`${t.url}/verify/${privateCred.shortId}`);
    await expect
      .poll(() => visitor.getByRole('heading', { name: 'Private credential' }).count())
      .toBe(1);
    const html = await visitor.content();
    for (const secret of [
      privateCred.recipientName,
      'Internal Clearance Level',
      privateCred.identityHash,
    ])
      expect(html).not.toContain(secret);
    expect(await visitor.locator('meta[property^="og:"]').count()).toBe(0);
    await checkPage(visitor, 'recipient-02-verify-private');
  });

  it('lets the recipient sign up from the email link, claim, set a profile slug and see it on /u/{slug}', async () => {
    const mail = await waitForMail(t.smtp, RITA.email, "🏆 You've earned a new credential!");
    const link = /https?:\/\/\S+\/verify\/CRD-[A-Z0-9]+/.exec(mail.text)?.[0];
    expect(link).toBe(`${t.url}/verify/${publicId}`);

    const rita = await newPage(browser);
    await rita.goto(link!);
    await expect.poll(() => rita.getByRole('link', { name: 'Sign In to Claim' }).count()).toBe(1);
    await rita.getByRole('link', { name: 'Create an Account' }).click();
    await rita.waitForURL(/\/register\?/);
    expect(new URL(rita.url()).searchParams.get('redirect')).toBe(`/verify/${publicId}`);
    await fill(rita, {
      'First name': RITA.first,
      'Last name': RITA.last,
      Email: RITA.email,
      Password: RITA.password,
    });
    await rita.getByRole('button', { name: 'Create account' }).click();
    await rita.waitForURL(/\/login/);

    // The verification email brings her back to the credential once she has signed in.
    const verify = await waitForMail(t.smtp, RITA.email, 'Verify your email address');
    const verifyLink = /https?:\/\/\S+\/verify-email\?token=\S+/.exec(verify.text)?.[0];
    await rita.goto(verifyLink!);
    await rita.waitForURL(/\/login/);
    await fill(rita, { Password: RITA.password });
    if (!(await field(rita, 'Email').inputValue())) await fill(rita, { Email: RITA.email });
    await rita.getByRole('button', { name: 'Sign in' }).click();
    await rita.waitForURL(`${t.url}/verify/${publicId}`);
    await checkPage(rita, 'recipient-03-verify-signed-in');

    await rita.getByRole('button', { name: 'Claim This Credential' }).click();
    await expect.poll(() => rita.getByText(/Claimed on/).count()).toBeGreaterThan(0);
    await expect.poll(() => rita.getByText('Valid', { exact: true }).count()).toBeGreaterThan(0);
    await checkPage(rita, 'recipient-04-verify-claimed');

    // LinkedIn's add-to-profile link: the documented fields, the month counted from 1.
    const add = new URL(
      (await rita.getByRole('link', { name: /Add to Profile/ }).getAttribute('href'))!,
    );
    const issued = new Date();
    expect(add.origin + add.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(add.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      name: 'Cloud Practitioner',
      organizationName: org.name,
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certUrl: `${t.url}/verify/${publicId}`,
      certId: publicId,
    });

    await rita.goto(`${t.url}/profile/edit`);
    await checkPage(rita, 'recipient-05-profile-edit');
    await fill(rita, {
      'Profile slug': 'rita-r',
      'LinkedIn URL': 'https://www.linkedin.com/in/rita-recipient',
    });
    await rita.getByRole('button', { name: /Save/ }).click();
    await rita.waitForURL(`${t.url}/u/rita-r`);
    await expect
      .poll(() => rita.getByRole('heading', { name: 'Rita Recipient', level: 1 }).count())
      .toBe(1);
    await expect
      .poll(() => rita.getByRole('link', { name: /Cloud Practitioner/ }).count())
      .toBeGreaterThan(0);
    await checkPage(rita, 'recipient-06-public-profile-owner');

    // Her private credential: she sees it whole and claims it; it stays off her public profile.
    await rita.goto(`${t.url}/verify/${ritaPrivate.shortId}`);
    await expect
      .poll(() => rita.getByRole('heading', { name: 'Secret Project Access' }).count())
      .toBeGreaterThan(0);
    await rita.getByRole('button', { name: 'Claim This Credential' }).click();
    await expect.poll(() => rita.getByText(/Claimed on/).count()).toBeGreaterThan(0);

    await rita.goto(`${t.url}/dashboard`);
    await expect.poll(() => rita.getByText('Secret Project Access').count()).toBeGreaterThan(0);
    await checkPage(rita, 'recipient-07-dashboard');

    const visitor = await newPage(browser);
    await visitor.goto(`${t.url}/u/rita-r`);
    await expect
      .poll(() => visitor.getByRole('link', { name: /Cloud Practitioner/ }).count())
      .toBeGreaterThan(0);
    expect(await visitor.getByRole('link', { name: /Edit profile/ }).count()).toBe(0);
    await checkPage(visitor, 'recipient-08-public-profile-visitor');
  });

  it('renders the embed widget in a page on another origin', async () => {
    const owner = await newPage(browser);
    await signIn(owner, t.url, RITA, /\/dashboard/);
    await owner.goto(`${t.url}/verify/${publicId}`);
    // The snippet as its recipient copies it from the page.
    const snippet = await owner
      .locator('textarea, input')
      .filter({ hasText: /iframe/ })
      .or(owner.locator('[value*="iframe"]'))
      .first()
      .inputValue();
    expect(snippet).toContain(`/api/embed/${publicId}`);
    const host = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="en"><head><title>Rita's portfolio</title></head><body><main><h1>Rita's portfolio</h1>${snippet}</main></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, 'localhost', resolve));
    try {
      const port = (host.address() as AddressInfo).port;
      const page = await newPage(browser);
      await page.goto(`http://localhost:${port}/`);
      const frame = page.frameLocator('iframe');
      await expect.poll(() => frame.getByText('Cloud Practitioner').count()).toBeGreaterThan(0);
      await expect.poll(() => frame.getByText('Valid').count()).toBeGreaterThan(0);
      await checkPage(page, 'recipient-09-embed-on-another-origin');
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });

  it('verifies an uploaded baked PNG on /verify-lookup', async () => {
    const page = await newPage(browser);
    const baked = await page.request.get(`${t.url}/api/credentials/${publicId}/baked`);
    expect(baked.status()).toBe(200);
    await page.goto(`${t.url}/verify-lookup`);
    await checkPage(page, 'recipient-10-verify-lookup');
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: 'badge.png', mimeType: 'image/png', buffer: await baked.body() });
    await page.getByRole('button', { name: /Verify image/ }).click();
    await expect.poll(() => page.getByText(/^Every check passed/).count()).toBe(1);
    const result = (await page.locator('main').textContent()) ?? '';
    for (const text of [
      'Cloud Practitioner',
      'Rita Recipient',
      'SignaturePassed',
      'RevocationPassed',
    ])
      expect(result).toContain(text);
    expect(result).not.toContain('Not verified');
    await checkPage(page, 'recipient-11-verify-lookup-result');

    // And a CRD- id typed with spaces and in lower case lands on its page.
    await page.goto(`${t.url}/verify-lookup`);
    await fill(page, { 'Credential ID': ` ${publicId.toLowerCase()} ` });
    await page.getByRole('button', { name: /Look up/ }).click();
    await page.waitForURL(`${t.url}/verify/${publicId}`);
  });

  it('gives nothing away about a private credential at any of its public URLs', async () => {
    const page = await newPage(browser);
    const urls = [
      `/verify/${privateCred.shortId}`,
      `/verify/${privateCred.id}`,
      `/credentials/${privateCred.shortId}/ob3`,
      `/credentials/${privateCred.id}/ob3`,
      `/api/verify/${privateCred.shortId}`,
      `/api/embed/${privateCred.shortId}`,
      `/api/credentials/${privateCred.shortId}/baked`,
      `/api/credentials/${privateCred.shortId}/qr`,
      `/o/${org.slug}`,
      `/u/rita-r`,
      `/verify/${ritaPrivate.shortId}`,
      `/api/embed/${ritaPrivate.shortId}`,
    ];
    const secrets = [
      privateCred.recipientName,
      'quentin.quietly',
      privateCred.identityHash,
      privateCred.id,
      ritaPrivate.id,
    ];
    for (const url of urls) {
      const response = await page.request.get(`${t.url}${url}`);
      const text = await response.text();
      for (const secret of secrets) expect(text, `${url} leaks ${secret}`).not.toContain(secret);
      const ownId = [privateCred.shortId, privateCred.id, ritaPrivate.shortId].find((id) =>
        url.includes(id),
      );
      if (ownId) {
        // Its own URLs refuse it outright, naming only the id the visitor typed.
        expect(response.status(), url).toBe(403);
        const shortId = ownId === ritaPrivate.shortId ? ritaPrivate.shortId : privateCred.shortId;
        expect(text.replaceAll(url, ''), `${url} names its CRD- id`).not.toContain(shortId);
        for (const badgeName of ['Internal Clearance Level', 'Secret Project Access'])
          expect(text, `${url} names its badge`).not.toContain(badgeName);
      } else {
        // The profile and the organization page really rendered, with their public credential and badge,
        // and neither lists Rita's claimed private credential.
        expect(response.status(), url).toBe(200);
        expect(text, url).toContain('Cloud Practitioner');
        expect(text, `${url} lists Rita's private credential`).not.toContain(ritaPrivate.shortId);
        if (url === '/u/rita-r') expect(text).not.toContain('Secret Project Access');
      }
    }
  });
});
