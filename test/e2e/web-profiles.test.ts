import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Credential, User } from '../../src/core/entities.ts';
import { formatDay } from '../../src/web/pages/org-parts.tsx';
import { seedBadge, seedCredential, seedIssuer, seedUser } from '../factories/index.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * The recipient's pages over HTTP (public-profile.md, creating-an-account.md): /profile/edit
 * with its avatar, the public profile at /u/{slug}, and the dashboard's credential sections
 * with the profile visibility switch.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

const hex = () => randomBytes(3).toString('hex');

async function person(opts: { firstName?: string; lastName?: string } = {}) {
  const user = await seedUser(t.laurel.deps, opts);
  return { user, client: await signedInClient(t.url, user.email) };
}

async function userRow(id: string) {
  return t.database.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

function avatarFiles(): string[] {
  const dir = path.join(t.dataDir, 'uploads', 'avatars');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

/** The rows a refused request must leave alone, and the stored avatar files. */
async function snapshot() {
  return { ...(await snapshotTables(t.database.db)), avatars: avatarFiles() };
}

function fileForm(bytes: Buffer | string, type: string, name: string): FormData {
  const form = new FormData();
  form.append('avatar', new Blob([bytes], { type }), name);
  return form;
}

async function saveProfile(client: WebClient, user: User, fields: Record<string, string>) {
  return client.post('/profile/edit', {
    firstName: user.firstName,
    lastName: user.lastName,
    profileSlug: '',
    linkedinUrl: '',
    ...fields,
  });
}

/** The HTML of the credential card that names `text`. */
function cardWith(html: string, text: string): string {
  const card = html
    .split('<li class="badge-card wallet-card">')
    .slice(1)
    .find((c) => c.includes(text));
  if (!card) throw new Error(`no card with ${text}`);
  return card.split('</li>')[0]!;
}

/** The part of the dashboard between two section headings' ids. */
function section(html: string, fromId: string, toId: string): string {
  const start = html.indexOf(`id="${fromId}"`);
  const end = html.indexOf(`id="${toId}"`);
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  return html.slice(start, end);
}

/** The number a Stat with this label shows. */
function stat(html: string, label: string): string | undefined {
  const at = html.indexOf(`<span class="stat__label">${label}</span>`);
  return at < 0 ? undefined : /<p class="stat__value">([^<]*)<\/p>/.exec(html.slice(at))?.[1];
}

const now = () => t.laurel.deps.clock.now();
const claim = async (c: Credential, u: User) =>
  expect(await t.laurel.deps.uow.stores.credentials.claim(c.id, u.id, now())).toBe(true);

describe('/profile/edit', () => {
  it('sends a signed-out visitor to sign in', async () => {
    const res = await new WebClient(t.url).get('/profile/edit');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/login?redirect=%2Fprofile%2Fedit');
  });

  it('is in the user menu, saves name, slug and LinkedIn URL, and lands on the public profile', async () => {
    const { user, client } = await person({ firstName: 'Ada', lastName: 'Byron' });
    const dashboard = await client.get('/dashboard');
    expect(dashboard.html).toContain('href="/profile/edit"');

    const form = await client.get('/profile/edit');
    expect(form.status).toBe(200);
    for (const field of [
      'name="firstName" value="Ada"',
      'name="lastName" value="Byron"',
      'name="profileSlug"',
      'name="linkedinUrl"',
      'name="avatar"',
    ]) {
      expect(form.html).toContain(field);
    }
    expect(form.html).toContain(`${t.url}/u/your-slug`);

    const slug = `ada-${hex()}`;
    const saved = await saveProfile(client, user, {
      lastName: 'Lovelace',
      profileSlug: slug.toUpperCase(),
      linkedinUrl: 'https://www.linkedin.com/in/ada',
    });
    expect(saved.status, saved.html.slice(0, 1000)).toBe(303);
    expect(saved.location).toBe(`/u/${slug}`);
    expect(await userRow(user.id)).toMatchObject({
      last_name: 'Lovelace',
      profile_slug: slug,
      linkedin_url: 'https://www.linkedin.com/in/ada',
    });
    const profile = await client.get(saved.location!);
    expect(profile.html).toContain('Profile saved.');
    expect(profile.html).toContain('<h1>Ada Lovelace</h1>');

    // With a slug set, the hint warns that changing it breaks shared links.
    const again = await client.get('/profile/edit');
    expect(again.html).toContain(`${t.url}/u/${slug}`);
    expect(again.html).toContain('old address will stop working');

    // Clearing the slug stays on the form, with the same confirmation.
    const cleared = await saveProfile(client, user, { lastName: 'Lovelace' });
    expect(cleared.location).toBe('/profile/edit');
    expect((await userRow(user.id)).profile_slug).toBeNull();
  });

  it('refuses a bad LinkedIn URL, a bad slug and a taken slug with the field error, changing nothing', async () => {
    const holder = await person();
    const taken = `taken-${hex()}`;
    expect((await saveProfile(holder.client, holder.user, { profileSlug: taken })).status).toBe(
      303,
    );
    const { user, client } = await person();
    const before = await snapshot();
    const cases: { fields: Record<string, string>; status: number; text: string }[] = [
      {
        fields: { linkedinUrl: 'https://evil.example/in/ada' },
        status: 400,
        text: 'Enter your LinkedIn profile address',
      },
      {
        fields: { linkedinUrl: 'http://www.linkedin.com/in/ada' },
        status: 400,
        text: 'Enter your LinkedIn profile address',
      },
      {
        fields: { profileSlug: '-bad-' },
        status: 400,
        text: 'Use lower-case letters, digits and single hyphens',
      },
      { fields: { profileSlug: taken }, status: 409, text: 'That profile slug is already taken.' },
    ];
    for (const c of cases) {
      const res = await saveProfile(client, user, { firstName: 'Changed', ...c.fields });
      expect(res.status, JSON.stringify(c.fields)).toBe(c.status);
      expect(res.html).toContain(c.text);
      expect(res.html).toContain('aria-invalid="true"');
      // The form keeps what was typed.
      expect(res.html).toContain('value="Changed"');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('avatar', () => {
  it('uploads a PNG, serves it at /avatars/{id}, replaces it, and removes it', async () => {
    const { user, client } = await person();
    const png = tinyPng();
    const up = await client.postMultipart('/profile/avatar', fileForm(png, 'image/png', 'me.png'));
    expect(up.status, up.html.slice(0, 1000)).toBe(303);
    expect(up.location).toBe('/profile/edit');
    const first = (await userRow(user.id)).avatar_path;
    expect(first).toMatch(new RegExp(`^avatars/${user.id}-[0-9a-f]+\\.png$`));
    const edit = await client.get('/profile/edit');
    expect(edit.html).toContain('Avatar updated.');
    expect(edit.html).toMatch(
      new RegExp(`<img class="profile-avatar" src="/avatars/${user.id}\\?v=`),
    );
    expect(edit.html).toContain('Remove avatar');

    const served = await fetch(`${t.url}/avatars/${user.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toContain('public');
    const servedMeta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    const uploadedMeta = await sharp(png).metadata();
    expect([servedMeta.format, servedMeta.width, servedMeta.height]).toEqual([
      'png',
      uploadedMeta.width,
      uploadedMeta.height,
    ]);
    expect(served.headers.get('content-security-policy')).toContain('sandbox');

    // A second upload replaces the first, whose file is deleted.
    expect(
      (await client.postMultipart('/profile/avatar', fileForm(png, 'image/png', 'again.png')))
        .status,
    ).toBe(303);
    const second = (await userRow(user.id)).avatar_path;
    expect(second).not.toBe(first);
    const mine = avatarFiles().filter((f) => f.startsWith(user.id) && !f.endsWith('.type'));
    expect(mine).toEqual([path.basename(second!)]);

    const removed = await client.post('/profile/avatar/delete');
    expect(removed.status).toBe(303);
    expect((await userRow(user.id)).avatar_path).toBeNull();
    expect((await fetch(`${t.url}/avatars/${user.id}`)).status).toBe(404);
    expect(avatarFiles().filter((f) => f.startsWith(user.id))).toEqual([]);
    expect((await client.get('/profile/edit')).html).not.toContain('Remove avatar');
  });

  it('refuses a file over 5 MB, a text file, an SVG and a PNG that is not one, storing nothing', async () => {
    const { client } = await person();
    const big = Buffer.alloc(6 * 1024 * 1024);
    tinyPng().copy(big);
    const fakePng = Buffer.concat([tinyPng().subarray(0, 8), Buffer.from('not really an image')]);
    const before = await snapshot();
    const cases = [
      {
        form: fileForm(big, 'image/png', 'big.png'),
        status: 413,
        text: 'The avatar must be at most 5 MB.',
      },
      {
        form: fileForm('hello, I am text', 'text/plain', 'notes.txt'),
        status: 400,
        text: 'Upload a PNG, JPEG or WebP image of at most 5 MB.',
      },
      {
        form: fileForm(TINY_SVG, 'image/svg+xml', 'me.svg'),
        status: 400,
        text: 'Upload a PNG, JPEG or WebP image of at most 5 MB.',
      },
      {
        form: fileForm(fakePng, 'image/png', 'fake.png'),
        status: 400,
        text: 'That image could not be read.',
      },
      {
        form: new FormData(),
        status: 400,
        text: 'Upload a PNG, JPEG or WebP image of at most 5 MB.',
      },
    ];
    for (const c of cases) {
      const res = await client.postMultipart('/profile/avatar', c.form);
      expect(res.status).toBe(c.status);
      expect(res.html).toContain(c.text);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('publishes a photo without its metadata: the EXIF an upload carried is not served', async () => {
    const { user, client } = await person();
    const photo = await sharp({
      create: { width: 40, height: 30, channels: 3, background: '#c0ffee' },
    })
      .jpeg()
      .withExifMerge({
        IFD0: { Copyright: 'Home at 51.5007 N, 0.1246 W', Artist: 'Phone serial 12345' },
      })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    expect(
      (await client.postMultipart('/profile/avatar', fileForm(photo, 'image/jpeg', 'me.jpg')))
        .status,
    ).toBe(303);
    const served = Buffer.from(await (await fetch(`${t.url}/avatars/${user.id}`)).arrayBuffer());
    const meta = await sharp(served).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 40, 30, undefined]);
    expect(served.includes(Buffer.from('Phone serial'))).toBe(false);
  });

  it('answers 404 for a user without an avatar and for no user at all', async () => {
    const { user } = await person();
    expect((await fetch(`${t.url}/avatars/${user.id}`)).status).toBe(404);
    expect((await fetch(`${t.url}/avatars/nobody`)).status).toBe(404);
  });
});

/** A recipient with a public profile holding one credential of each kind. */
async function recipientWithCredentials() {
  const { org, badge } = await seedIssuer(t.laurel.deps, {
    badge: { name: `Public Claimed ${hex()}` },
  });
  const { user, client } = await person({ firstName: 'Grace', lastName: 'Hopper' });
  const slug = `grace-${hex()}`;
  expect(
    (
      await saveProfile(client, user, {
        profileSlug: slug,
        linkedinUrl: 'https://www.linkedin.com/in/grace-hopper',
      })
    ).status,
  ).toBe(303);
  const issue = async (name: string, opts: { isPublic?: boolean; recipientEmail?: string } = {}) =>
    seedCredential(
      t.laurel.deps,
      org,
      await seedBadge(t.laurel.deps, org.id, { name: `${name} ${hex()}` }),
      { recipientEmail: user.email, ...opts },
    );
  const publicClaimed = await seedCredential(t.laurel.deps, org, badge, {
    recipientEmail: user.email,
  });
  const privateClaimed = await issue('Private Claimed', { isPublic: false });
  const pending = await issue('Pending', { recipientEmail: ` ${user.email.toUpperCase()} ` });
  for (const c of [publicClaimed, privateClaimed]) await claim(c, user);
  const names = async (c: Credential) =>
    (
      await t.database.db
        .selectFrom('badges')
        .select('name')
        .where('id', '=', c.badgeId)
        .executeTakeFirstOrThrow()
    ).name;
  return {
    org,
    user,
    client,
    slug,
    publicClaimed: { credential: publicClaimed, name: await names(publicClaimed) },
    privateClaimed: { credential: privateClaimed, name: await names(privateClaimed) },
    pending: { credential: pending, name: await names(pending) },
    issue,
  };
}

describe('/u/{slug}', () => {
  it('shows a signed-out visitor the name, LinkedIn link, stats and claimed public credentials; never private or unclaimed ones, nor owner actions', async () => {
    const r = await recipientWithCredentials();
    const page = await new WebClient(t.url).get(`/u/${r.slug}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<title>Grace Hopper · Laurel</title>');
    expect(page.html).toContain('<h1>Grace Hopper</h1>');
    expect(page.html).toContain('<meta property="og:title" content="Grace Hopper"/>');
    expect(page.html).toContain(`<meta property="og:url" content="${t.url}/u/${r.slug}"/>`);
    expect(page.html).toMatch(
      /<a class="[^"]*" href="https:\/\/www\.linkedin\.com\/in\/grace-hopper" target="_blank" rel="noopener noreferrer">.*?LinkedIn Profile/,
    );

    const card = cardWith(page.html, r.publicClaimed.name);
    expect(card).toContain(`href="/verify/${r.publicClaimed.credential.shortId}"`);
    expect(card).toContain(r.org.name);
    expect(card).toContain(`Issued ${formatDay(r.publicClaimed.credential.issuedAt)}`);
    expect(card).toContain('Valid');
    expect(page.html).not.toContain(r.privateClaimed.name);
    expect(page.html).not.toContain(r.privateClaimed.credential.shortId);
    expect(page.html).not.toContain(r.pending.name);
    expect(page.html).not.toContain(r.user.email);
    expect(stat(page.html, 'Credentials')).toBe('1');
    expect(stat(page.html, 'Issuers')).toBe('1');

    for (const ownerOnly of [
      'Edit profile',
      '/api/credentials/export',
      'Export all credentials (JSON)',
    ])
      expect(page.html).not.toContain(ownerOnly);
  });

  it('offers the owner Edit profile, Export all credentials (JSON) and Import credentials; another signed-in user gets none of them', async () => {
    const r = await recipientWithCredentials();
    const own = await r.client.get(`/u/${r.slug}`);
    expect(own.html).toContain('href="/profile/edit"');
    expect(own.html).toContain('Edit profile');
    expect(own.html).toContain('href="/api/credentials/export"');
    expect(own.html).toContain('Export all credentials (JSON)');
    expect(own.html).toContain('href="/credentials/import"');
    // Private credentials stay off the profile for its owner too.
    expect(own.html).not.toContain(r.privateClaimed.name);

    const other = await person();
    const theirs = await other.client.get(`/u/${r.slug}`);
    expect(theirs.status).toBe(200);
    expect(theirs.html).not.toContain('Edit profile');
    expect(theirs.html).not.toContain('/api/credentials/export');
  });

  it('lists imported credentials in their own section, with the image only when there is one', async () => {
    const r = await recipientWithCredentials();
    await t.laurel.deps.uow.stores.importedCredentials.create(
      {
        userId: r.user.id,
        document: JSON.stringify({ id: `urn:uuid:${hex()}` }),
        issuerId: 'did:web:academy.example',
        issuerName: 'Other Academy',
        achievementName: 'Imported Course',
        achievementDescription: null,
        imagePath: 'imported/6f1c2a9e-4b1d-4c1e-9a57-2f3d8e4b7c10',
        validFrom: new Date('2025-03-12T00:00:00Z'),
        validUntil: null,
      },
      now(),
    );
    const page = await new WebClient(t.url).get(`/u/${r.slug}`);
    expect(page.html).toContain('id="imported-title"');
    const card = cardWith(
      page.html.slice(page.html.indexOf('id="imported-title"')),
      'Imported Course',
    );
    expect(card).toContain('Other Academy');
    expect(card).toContain('Issued Mar 12, 2025');
    expect(card).toContain('src="/imported-images/6f1c2a9e-4b1d-4c1e-9a57-2f3d8e4b7c10"');
    expect(stat(page.html, 'Credentials')).toBe('2');
    expect(stat(page.html, 'Issuers')).toBe('2');
  });

  it('answers 404 for an unknown slug, and sends another case of a slug to its one address', async () => {
    const missing = await new WebClient(t.url).get(`/u/nobody-${hex()}`);
    expect(missing.status).toBe(404);
    expect(missing.html).toContain('Profile not found');
    const r = await recipientWithCredentials();
    const cased = await new WebClient(t.url).get(`/u/${r.slug.toUpperCase()}`);
    expect(cased.status).toBe(301);
    expect(cased.location).toBe(`/u/${r.slug}`);
  });
});

describe('dashboard credentials', () => {
  it('shows pending and claimed credentials with Revoked and Expired taglines, the private note and the profile links', async () => {
    const r = await recipientWithCredentials();
    const revoked = await r.issue('Revoked Pending');
    await t.laurel.deps.uow.stores.credentials.markRevoked(
      revoked.id,
      { reason: 'Issued in error', revokedBy: null },
      now(),
    );
    const revokedAt = (await t.laurel.deps.uow.stores.credentials.findByPublicId(revoked.id))!
      .revokedAt!;
    const expired = await r.issue('Expired Claimed');
    const expiredAt = new Date(now().getTime() - 3 * 86_400_000);
    await t.database.db
      .updateTable('credentials')
      .set({ expires_at: expiredAt.toISOString() })
      .where('id', '=', expired.id)
      .execute();
    await claim(expired, r.user);

    const html = (await r.client.get('/dashboard')).html;
    expect(html).toContain(`href="/u/${r.slug}"`);
    expect(html).toContain('View profile');
    expect(html).toContain('href="/credentials/import"');
    const pending = section(html, 'pending-credentials-title', 'your-credentials-title');
    const claimed = section(html, 'your-credentials-title', 'orgs-title');

    expect(cardWith(pending, r.pending.name)).toContain(
      `href="/verify/${r.pending.credential.shortId}"`,
    );
    expect(cardWith(pending, 'Revoked Pending')).toContain(`Revoked ${formatDay(revokedAt)}`);
    expect(pending).not.toContain(r.publicClaimed.name);

    expect(cardWith(claimed, 'Expired Claimed')).toContain(`Expired ${formatDay(expiredAt)}`);
    expect(cardWith(claimed, r.publicClaimed.name)).toContain('Hide from profile');
    expect(cardWith(claimed, r.publicClaimed.name)).not.toMatch(/Revoked|Expired /);
    const privateCard = cardWith(claimed, r.privateClaimed.name);
    expect(privateCard).toContain('Private: only you and its issuer can see it');
    expect(privateCard).not.toContain('profile-visibility');
    expect(claimed).not.toContain(r.pending.name);
    expect(html).toContain('id="orgs-title"');
  });

  it('offers "Set up your profile" and empty states to someone with no slug and no credentials', async () => {
    const { client } = await person();
    const html = (await client.get('/dashboard')).html;
    expect(html).toContain('Set up your profile');
    expect(html).toContain('Nothing waiting to be claimed');
    expect(html).toContain('No claimed credentials yet');
  });

  it('hides a credential from /u/ and shows it again; another user cannot toggle it, nor can a post without the CSRF token', async () => {
    const r = await recipientWithCredentials();
    const id = r.publicClaimed.credential.id;
    const visibility = `/dashboard/credentials/${id}/profile-visibility`;

    const hidden = await r.client.post(visibility, { shown: 'false' });
    expect(hidden.status).toBe(303);
    const dashboard = await r.client.get('/dashboard');
    expect(dashboard.html).toContain('The credential is hidden from your public profile.');
    expect(cardWith(dashboard.html, r.publicClaimed.name)).toContain('Show on profile');
    expect((await new WebClient(t.url).get(`/u/${r.slug}`)).html).not.toContain(
      r.publicClaimed.name,
    );

    const other = await person();
    const before = await snapshot();
    const refused = await other.client.post(visibility, { shown: 'true' });
    expect(refused.status).toBe(404);
    const noCsrf = await r.client.post(visibility, { shown: 'true', _csrf: 'forged' });
    expect(noCsrf.status).toBe(403);
    expect(await snapshot()).toEqual(before);

    expect((await r.client.post(visibility, { shown: 'true' })).status).toBe(303);
    expect((await new WebClient(t.url).get(`/u/${r.slug}`)).html).toContain(r.publicClaimed.name);
  });
});
