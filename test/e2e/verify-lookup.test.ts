import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential } from '../../src/core/entities.ts';

import { bakeImage } from '../../src/vc/baking/index.ts';
import { seedCredential } from '../factories/index.ts';
import { seedIssuerWithImage, tinyPng } from '../factories/images.ts';
import { otherIssuerCredential } from '../factories/other-issuer.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient, type PageResponse } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * /verify-lookup (verifying-a-credential.md, ways 2 and 3): a credential ID leads to its
 * verification page; a baked badge image is verified on the page, with its four checks, and
 * nothing is stored.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

function issuer() {
  return seedIssuerWithImage(t.laurel.deps, t.laurel.config.dataDir, {
    badge: { name: 'Forklift Operator' },
  });
}

async function bakedPng(c: Credential): Promise<Buffer> {
  const res = await fetch(`${t.url}/api/credentials/${c.shortId}/baked`);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** A credential baked as GET …/baked does, for one an anonymous download may not get (a private one). */
async function bakedFromStore(c: Credential, change?: [string, string]): Promise<Buffer> {
  const row = await t.database.db
    .selectFrom('credentials')
    .select('document')
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  return bakeImage(tinyPng(), change ? row.document.replace(change[0], change[1]) : row.document)
    .bytes;
}

function upload(
  client: WebClient,
  bytes: Buffer,
  type = 'image/png',
  name = 'badge.png',
): Promise<PageResponse> {
  const form = new FormData();
  form.append('image', new Blob([bytes], { type }), name);
  return client.postMultipart('/verify-lookup', form);
}

/** A page's text without tags, entities decoded enough for our words. */
function plain(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the result says about one check: "Passed", "Failed …reason", "Could not check …". */
function check(html: string, label: string): string {
  const match = new RegExp(`<dt>${label}</dt><dd>(.*?)</dd>`).exec(html);
  if (!match?.[1]) throw new Error(`no ${label} check on the page`);
  return plain(match[1]);
}

function verdict(html: string): string | undefined {
  const match = /<p class="banner__title">(.*?)<\/p>/.exec(html);
  return match?.[1] ? plain(match[1]) : undefined;
}

async function eventCount() {
  await t.laurel.deps.verificationLog.flush();
  return t.database.db.selectFrom('verification_events').select('id').execute();
}

describe('looking up a credential ID', () => {
  it('shows both ways to verify', async () => {
    const res = await new WebClient(t.url).get('/verify-lookup');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<h1>Verify a credential</h1>');
    expect(res.html).toContain('action="/verify-lookup" method="get"');
    expect(res.html).toContain('<label class="field__label" for="f-id">Credential ID');
    expect(res.html).toMatch(
      /action="\/verify-lookup\?_csrf=[A-Za-z0-9_-]{43}" encType="multipart\/form-data" method="post"/,
    );
    expect(res.html).toContain('<label class="field__label" for="f-image">Badge image');
    expect(res.html).toMatch(
      /<input class="file" type="file" id="f-image" accept="image\/png,image\/svg\+xml"[^>]* name="image"/,
    );
  });

  it('redirects an ID typed in lower case with spaces to its verification page', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const typed = `  ${c.shortId.toLowerCase().replace('-', '- ')} `;
    const res = await new WebClient(t.url).get(`/verify-lookup?id=${encodeURIComponent(typed)}`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/verify/${c.shortId}`);
  });

  it('redirects an unknown well-formed ID too, as a link to it would go: the verification page answers', async () => {
    const res = await new WebClient(t.url).get('/verify-lookup?id=crd-zzzzzzzz');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/verify/CRD-ZZZZZZZZ');
  });

  it('shows a field error for a malformed or empty ID', async () => {
    const client = new WebClient(t.url);
    const bad = await client.get(`/verify-lookup?id=${encodeURIComponent('CRD-123')}`);
    expect(bad.status).toBe(400);
    expect(bad.location).toBeNull();
    expect(bad.html).toContain('aria-invalid="true"');
    expect(bad.html).toContain(
      'A credential ID is CRD- followed by 8 letters or digits, like CRD-ZBUYQMTA.',
    );
    expect(bad.html).toContain('value="CRD-123"');
    const empty = await client.get('/verify-lookup?id=');
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Enter a credential ID.');
  });
});

describe('uploading a baked badge image', () => {
  it('verifies our baked PNG: Verified, four checks passed, a link to its page, and nothing stored', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientName: 'Grace Hopper' });
    const png = await bakedPng(c);
    const before = await snapshotTables(t.database.db);
    const events = (await eventCount()).length;

    const res = await upload(new WebClient(t.url), png);
    expect(res.status).toBe(200);
    expect(verdict(res.html)).toBe('Success: Verified');
    for (const label of ['Signature', 'Expiration', 'Revocation', 'Issuer status'])
      expect(check(res.html, label)).toMatch(/^Passed\b/);
    const page = plain(res.html);
    expect(page).toContain('Badge Forklift Operator');
    expect(page).toContain(`Issuer ${org.name}`);
    expect(page).toContain('Recipient Grace Hopper');
    expect(page).toContain(
      `Issued ${new Intl.DateTimeFormat('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(c.issuedAt)}`,
    );
    expect(res.html).toContain(`href="/verify/${c.shortId}"`);

    expect(await snapshotTables(t.database.db)).toEqual(before);
    expect(await eventCount()).toHaveLength(events);
  });

  it('says the signature failed when the baked credential was changed', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientName: 'Honest Name' });
    const forged = await bakedFromStore(c, ['Honest Name', 'Forged Name']);

    const res = await upload(new WebClient(t.url), forged);
    expect(res.status).toBe(200);
    expect(verdict(res.html)).toBe('Error: Not verified');
    expect(check(res.html, 'Signature')).toMatch(/^Failed \S/);
    expect(plain(res.html)).toContain('Recipient Forged Name');
  });

  it('verifies another issuer’s baked PNG with its own names and no page of ours to link', async () => {
    const { document, text } = await otherIssuerCredential({
      edit: (c) => {
        (c.credentialSubject as { name: string }).name = 'Grace Hopper';
      },
    });
    const res = await upload(new WebClient(t.url), bakeImage(tinyPng(), text).bytes);
    expect(res.status).toBe(200);
    // Its issuer's standing is known only for issuers of this Laurel; the signature is what counts here.
    expect(check(res.html, 'Signature')).toMatch(/^Passed\b/);
    const page = plain(res.html);
    const name = (document.credentialSubject as { achievement: { name: string } }).achievement.name;
    expect(page).toContain(`Badge ${name}`);
    expect(page).toContain('Issuer Elsewhere Academy');
    expect(page).toContain('Recipient Grace Hopper');
    // Its id is a urn:uuid: too, but of no credential of ours.
    expect(document.id).toMatch(/^urn:uuid:/);
    expect(res.html).not.toContain('href="/verify/');
  });

  it('links a private credential of ours only for those who may see its page', async () => {
    const { org, badge, owner } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, { isPublic: false });
    const png = await bakedFromStore(c);

    const anonymous = await upload(new WebClient(t.url), png);
    expect(verdict(anonymous.html)).toBe('Success: Verified');
    expect(anonymous.html).not.toContain(c.shortId);
    expect((await upload(await signedInClient(t.url, owner.email), png)).html).toContain(
      `href="/verify/${c.shortId}"`,
    );
  });

  it('refuses an image with no credential, an oversized or missing file and a forged form, storing nothing', async () => {
    const before = await snapshotTables(t.database.db);
    const client = new WebClient(t.url);
    const plainPng = await upload(client, tinyPng());
    expect(plainPng.status).toBe(400);
    expect(plainPng.html).toContain('The image carries no Open Badges credential.');
    expect(plainPng.html).toContain('aria-invalid="true"');
    expect(plainPng.html).not.toContain('Verification result');

    const notAnImage = await upload(client, Buffer.from('hello'), 'text/plain', 'a.txt');
    expect(notAnImage.status).toBe(400);
    expect(notAnImage.html).toContain('The image could not be read');

    const tooLarge = await upload(
      client,
      Buffer.concat([tinyPng(), Buffer.alloc(5 * 1024 * 1024)]),
    );
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.html).toContain('The image is larger than 5 MB.');

    const nothing = await client.postMultipart('/verify-lookup', new FormData());
    expect(nothing.status).toBe(400);
    expect(nothing.html).toContain('Choose a PNG or SVG badge image to upload.');

    // Without the CSRF token (a form posted from another site) the upload is refused outright.
    const form = new FormData();
    form.append('image', new Blob([tinyPng()], { type: 'image/png' }), 'badge.png');
    const forged = await fetch(`${t.url}/verify-lookup`, { method: 'POST', body: form });
    expect(forged.status).toBe(403);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });
});

describe('uploading too often', () => {
  // Last in this file: it spends this address's uploads for the minute.
  it('refuses an address over 20 uploads a minute with 429 and Retry-After, before reading the upload', async () => {
    const client = new WebClient(t.url);
    await client.get('/verify-lookup');
    // 41 uploads cannot all fit in two one-minute windows of 20, wherever the boundary falls.
    const statuses: number[] = [];
    let refused: PageResponse | undefined;
    for (let i = 0; i < 41 && !refused; i++) {
      const res = await client.postMultipart('/verify-lookup', new FormData());
      statuses.push(res.status);
      if (res.status === 429) refused = res;
    }
    expect(refused, `statuses: ${statuses.join(',')}`).toBeDefined();
    // Until then each empty upload got its own error; the earlier tests' uploads counted too.
    expect(statuses.slice(0, -1).every((s) => s === 400)).toBe(true);
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused!.html).toContain('Too many uploads from your address: 20 a minute.');
  });
});
