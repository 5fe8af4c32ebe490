import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/core/credentials/issue.ts';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import type { Credential } from '../../src/core/entities.ts';
import { userActor } from '../../src/core/authz/actor.ts';
import type { PlanId } from '../../src/core/plans/plans.ts';

import {
  addMember,
  seedCredential,
  seedIssuer,
  seedUser,
  uniqueEmail,
} from '../factories/index.ts';
import { seedIssuerWithImage } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient, type PageResponse } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * The public verification page /verify/{id} and claiming over HTTP (verifying-a-credential.md,
 * claiming-a-credential.md, sharing-credentials.md): every field, revocation and renewal links,
 * a private credential giving nothing away, Open Graph for public ones only, the claim rules,
 * verification events, and the QR download on plans that have it.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

const DAY_FORMAT = new Intl.DateTimeFormat('en-US', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const day = (d: Date) => DAY_FORMAT.format(d);

/** An issuer whose badge has a stored image, skills and a description. */
function issuer(opts: { plan?: PlanId; expiresInDays?: number } = {}) {
  return seedIssuerWithImage(t.laurel.deps, t.laurel.config.dataDir, {
    ...(opts.plan ? { plan: opts.plan } : {}),
    badge: {
      name: 'Cloud Practitioner',
      description: 'Runs workloads on a public cloud safely.',
      tags: ['cloud', 'operations'],
      expiresInDays: opts.expiresInDays ?? null,
    },
  });
}

const decode = (s: string) =>
  s
    .replaceAll('&quot;', '"')
    .replaceAll('&#x27;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The page's <main>, without the top bar's own Sign in and Create account links. */
function mainHtml(html: string): string {
  return /<main\b[\s\S]*<\/main>/.exec(html)?.[0] ?? '';
}

/** The visible text of the page's <main>, tags stripped and entities decoded. */
function mainText(html: string): string {
  return decode(
    mainHtml(html)
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' '),
  );
}

/** Every link whose visible text contains `text`: its decoded href and its attributes. */
function links(html: string, text: string): { href: string; attrs: string }[] {
  const found: { href: string; attrs: string }[] = [];
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    const attrs = m[1] ?? '';
    if (!decode((m[2] ?? '').replace(/<[^>]+>/g, '')).includes(text)) continue;
    found.push({ href: decode(/\bhref="([^"]*)"/.exec(attrs)?.[1] ?? ''), attrs });
  }
  return found;
}

function link(html: string, text: string): { href: string; attrs: string } {
  const found = links(html, text);
  expect(found, `one link "${text}"`).toHaveLength(1);
  return found[0]!;
}

function meta(html: string, property: string): string | undefined {
  const m = new RegExp(`<meta (?:property|name)="${property}" content="([^"]*)"`).exec(html);
  return m ? decode(m[1]!) : undefined;
}

async function visit(path: string): Promise<PageResponse> {
  return new WebClient(t.url).get(path);
}

const claimRow = (id: string) =>
  t.database.db
    .selectFrom('credentials')
    .select(['claimed_at', 'claimed_by'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

/** The credential's verifications, once the batched verification log has written what it noted. */
async function events(credentialId: string) {
  await t.laurel.deps.verificationLog.flush();
  return t.database.db
    .selectFrom('verification_events')
    .select(['channel', 'organization_id'])
    .where('credential_id', '=', credentialId)
    .execute();
}

async function identityHash(c: Credential): Promise<string> {
  const doc = JSON.parse((await t.laurel.deps.uow.stores.credentials.findDocument(c.id))!) as {
    credentialSubject: { identifier: { identityHash: string }[] };
  };
  return doc.credentialSubject.identifier[0]!.identityHash;
}

describe('a public credential', () => {
  it('shows every documented field to a visitor, by CRD- id in any case or by UUID', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, {
      recipientName: 'Jane Doe',
      recipientEmail: 'jane.doe@example.com',
      evidenceUrl: 'https://portfolio.example.org/jane/cloud',
    });
    for (const id of [c.shortId, c.shortId.toLowerCase(), c.id]) {
      const res = await visit(`/verify/${id}`);
      expect(res.status).toBe(200);
      const html = res.html;
      const text = mainText(html);
      expect(html).toMatch(/<h1>[\s\S]*Cloud Practitioner[\s\S]*<\/h1>/);
      expect(html).toContain(`src="/badge-images/${badge.id}?v=`);
      for (const words of [
        'Pending',
        'Runs workloads on a public cloud safely.',
        org.name,
        'Jane Doe',
        'j******e@example.com',
        `Issued ${day(c.issuedAt)}`,
        'Expires Never expires',
        'Claimed Not claimed yet',
        `Credential ID ${c.shortId}`,
        'cloud',
        'operations',
        'Signature Passed',
        'Expiration Passed',
        'Revocation Passed',
        'Issuer status Passed',
      ]) {
        expect(text, words).toContain(words);
      }
      expect(html).not.toContain('jane.doe@example.com');
      expect(links(html, org.name).map((l) => l.href)).toContain(`/o/${org.slug}`);
      expect(link(html, 'https://portfolio.example.org/jane/cloud').href).toBe(
        'https://portfolio.example.org/jane/cloud',
      );
      expect(text).not.toContain('Revoked on');
    }
  });

  it('offers everyone the downloads and Copy link, and nobody but the recipient the other sharing options', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const verifyUrl = `${t.url}/verify/${c.shortId}`;
    const outsider = await seedUser(t.laurel.deps);
    const member = await addMember(t.laurel.deps, org.id, 'admin');
    for (const viewer of [
      new WebClient(t.url),
      await signedInClient(t.url, outsider.email),
      await signedInClient(t.url, member.email),
    ]) {
      const { html } = await viewer.get(`/verify/${c.shortId}`);
      expect(link(html, 'Download Badge').href).toBe(`/api/credentials/${c.shortId}/baked`);
      const json = link(html, 'Download JSON');
      expect(json.href).toBe(`/credentials/${c.shortId}/ob3`);
      expect(json.attrs).toContain(`download="${c.shortId}.json"`);
      expect(links(html, 'Download QR')).toHaveLength(0);
      expect(html).toMatch(
        new RegExp(`<input[^>]*id="f-verification-link"[^>]*value="${verifyUrl}"`),
      );
      expect(html).toContain('data-copy-target="f-verification-link"');
      expect(html).toContain('<script src="/assets/copy-link.js" defer="">');
      for (const owned of ['Add to Profile', 'Share to LinkedIn', 'Share to X'])
        expect(links(html, owned), owned).toHaveLength(0);
      expect(html).not.toContain('f-embed-code');
      expect(html).not.toContain('/api/embed/');
    }
    // The script is served from our own origin, as the CSP requires.
    const script = await fetch(`${t.url}/assets/copy-link.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('data-copy-target');
  });

  it('offers its recipient Add to Profile, Share to LinkedIn, Share to X and Embed, before claiming too', async () => {
    const { org, badge } = await issuer();
    const email = uniqueEmail('sharer');
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientEmail: email });
    await seedUser(t.laurel.deps, { email });
    const { html } = await (await signedInClient(t.url, email)).get(`/verify/${c.shortId}`);
    const verifyUrl = `${t.url}/verify/${c.shortId}`;
    expect(new URL(link(html, 'Add to Profile').href).searchParams.get('certUrl')).toBe(verifyUrl);
    const linkedIn = link(html, 'Share to LinkedIn');
    expect(linkedIn.href).toBe(
      `https://www.linkedin.com/sharing/share-offsite/?url=${encodeURIComponent(verifyUrl)}`,
    );
    expect(linkedIn.attrs).toContain('target="_blank"');
    expect(new URL(link(html, 'Share to X').href).searchParams.get('url')).toBe(verifyUrl);
    expect(
      decode(/<textarea[^>]*id="f-embed-code"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1] ?? ''),
    ).toContain(`<iframe src="${t.url}/api/embed/${c.shortId}"`);
    expect(html).toContain('data-copy-target="f-embed-code"');
    expect(html).toContain('data-copy-target="f-verification-link"');
  });

  it('has Open Graph and Twitter card tags with absolute URLs', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const { html } = await visit(`/verify/${c.shortId.toLowerCase()}`);
    expect(meta(html, 'og:title')).toBe(`Cloud Practitioner — ${org.name}`);
    expect(meta(html, 'og:description')).toContain(org.name);
    expect(meta(html, 'og:image')).toBe(`${t.url}/badge-images/${badge.id}`);
    expect(meta(html, 'og:image:alt')).toBe('Cloud Practitioner');
    expect(meta(html, 'og:url')).toBe(`${t.url}/verify/${c.shortId}`);
    expect(meta(html, 'og:type')).toBe('website');
    expect(meta(html, 'og:site_name')).toBe('Laurel');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(meta(html, 'twitter:title')).toBe(`Cloud Practitioner — ${org.name}`);
    expect(meta(html, 'twitter:description')).toBe(meta(html, 'og:description'));
    expect(meta(html, 'twitter:image')).toBe(`${t.url}/badge-images/${badge.id}`);
  });

  it('a badge without an image gets a small card and no image tags', async () => {
    const { org, badge } = await seedIssuer(t.laurel.deps);
    const c = await seedCredential(t.laurel.deps, org, badge);
    const { html } = await visit(`/verify/${c.shortId}`);
    expect(meta(html, 'og:title')).toBe(`${badge.name} — ${org.name}`);
    expect(meta(html, 'twitter:card')).toBe('summary');
    expect(html).not.toMatch(/property="og:image|name="twitter:image/);
  });

  it('links the issuer to its public page only while the organization is approved', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const approved = (await visit(`/verify/${c.shortId}`)).html;
    expect(links(approved, org.name).map((l) => l.href)).toEqual([
      `/o/${org.slug}`,
      `/o/${org.slug}`,
    ]);
    for (const status of ['pending_review', 'rejected', 'suspended'] as const) {
      await t.laurel.deps.uow.stores.organizations.setStatus(org.id, status, null, new Date());
      const res = await visit(`/verify/${c.shortId}`);
      expect(res.status, status).toBe(200);
      expect(links(res.html, org.name), status).toHaveLength(0);
      expect(res.html, status).not.toContain(`/o/${org.slug}`);
      expect(mainText(res.html), status).toContain(`Issued by ${org.name}`);
      expect(mainText(res.html), status).toContain(`Issuer ${org.name}`);
      // The page it would have linked to is indeed missing.
      expect((await visit(`/o/${org.slug}`)).status, status).toBe(404);
    }
  });

  it('shows Download QR only when the issuer’s plan has QR codes', async () => {
    const pro = await issuer({ plan: 'professional' });
    const c = await seedCredential(t.laurel.deps, pro.org, pro.badge);
    const qr = link((await visit(`/verify/${c.shortId}`)).html, 'Download QR');
    expect(qr.href).toBe(`/api/credentials/${c.shortId}/qr`);
    expect(qr.attrs).toContain('download=');
    const free = await issuer();
    const d = await seedCredential(t.laurel.deps, free.org, free.badge);
    expect(links((await visit(`/verify/${d.shortId}`)).html, 'Download QR')).toHaveLength(0);
  });

  it('answers 404 for an unknown id', async () => {
    for (const id of ['CRD-ZZZZZZZZ', '00000000-0000-4000-8000-000000000000', 'nonsense']) {
      const res = await visit(`/verify/${id}`);
      expect(res.status).toBe(404);
      expect(mainText(res.html)).toContain('Credential not found');
    }
  });
});

describe('revocation and renewal', () => {
  it('a revoked credential shows "Revoked on" with the reason, no claim button, and refuses a claim', async () => {
    const { org, owner, badge } = await issuer();
    const email = uniqueEmail('revoked');
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientEmail: email });
    const reason = 'Issued in error — wrong recipient email.';
    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, c, { reason, revokedBy: owner.id }, new Date()),
    );
    await seedUser(t.laurel.deps, { email });
    const recipient = await signedInClient(t.url, email);
    const { html } = await recipient.get(`/verify/${c.shortId}`);
    const text = mainText(html);
    const revoked = await t.database.db
      .selectFrom('credentials')
      .select('revoked_at')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(text).toContain(`Revoked on ${day(new Date(revoked.revoked_at!))}`);
    expect(text).toContain(`Reason: ${reason}`);
    expect(text).toMatch(/Revocation Failed \S/);
    expect(html).not.toContain('Claim This Credential');
    expect(links(html, 'Sign In to Claim')).toHaveLength(0);

    const before = await snapshotTables(t.database.db);
    const res = await recipient.post(`/verify/${c.shortId}/claim`);
    expect(res.status).toBe(409);
    expect(mainText(res.html)).toContain('revoked, so it can no longer be claimed');
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('links a renewal and the credential it supersedes both ways', async () => {
    const { org, owner, badge } = await issuer({ expiresInDays: 365 });
    const email = uniqueEmail('renewed');
    const issue = async () => {
      const r = await issueCredential(t.laurel.deps, userActor(owner.id), org.id, {
        badgeId: badge.id,
        recipientName: 'Rene Newal',
        recipientEmail: email,
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value.credential;
    };
    const first = await issue();
    const renewal = await issue();
    expect(renewal.supersedesCredentialId).toBe(first.id);

    const old = mainText((await visit(`/verify/${first.shortId}`)).html);
    expect(old).toContain(`Superseded by ${renewal.shortId}`);
    expect(link((await visit(`/verify/${first.shortId}`)).html, renewal.shortId).href).toBe(
      `/verify/${renewal.shortId}`,
    );
    const current = (await visit(`/verify/${renewal.shortId}`)).html;
    expect(mainText(current)).toContain(`Supersedes ${first.shortId}`);
    expect(link(current, first.shortId).href).toBe(`/verify/${first.shortId}`);
  });
});

describe('a private credential', () => {
  async function privateCredential() {
    const { org, badge } = await issuer();
    const email = uniqueEmail('quentin');
    const c = await seedCredential(t.laurel.deps, org, badge, {
      recipientName: 'Quentin Quietly',
      recipientEmail: email,
      isPublic: false,
    });
    return { org, badge, c, email, hash: await identityHash(c) };
  }

  it('shows visitors and other accounts only a "Private credential" notice, by CRD- id or UUID', async () => {
    const { c, email, hash } = await privateCredential();
    const outsider = await seedUser(t.laurel.deps);
    const viewers = [new WebClient(t.url), await signedInClient(t.url, outsider.email)];
    for (const client of viewers) {
      for (const id of [c.shortId, c.id]) {
        const res = await client.get(`/verify/${id}`);
        expect(res.status).toBe(403);
        expect(res.html).toMatch(/<h1[^>]*>Private credential<\/h1>/);
        expect(res.html).toContain('<title>Private credential · Laurel</title>');
        for (const secret of [
          'Quentin Quietly',
          email,
          email.split('@')[0]!,
          'Cloud Practitioner',
          c.shortId,
          c.id,
          hash,
        ]) {
          expect(res.html, `leaks ${secret}`).not.toContain(secret);
        }
        expect(res.html).not.toMatch(/property="og:|name="twitter:/);
      }
    }
    expect(await events(c.id)).toHaveLength(0);

    // Claiming it from outside is refused with the same notice, and changes nothing.
    const before = await snapshotTables(t.database.db);
    const claim = await viewers[1]!.post(`/verify/${c.shortId}/claim`);
    expect(claim.status).toBe(403);
    expect(claim.html).toMatch(/<h1[^>]*>Private credential<\/h1>/);
    for (const secret of ['Quentin Quietly', 'Cloud Practitioner', hash])
      expect(claim.html).not.toContain(secret);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('the visitor’s "Sign in" comes back to the page as requested', async () => {
    const { c } = await privateCredential();
    const visitor = new WebClient(t.url);
    const { html } = await visitor.get(`/verify/${c.id}`);
    expect(link(mainHtml(html), 'Sign in').href).toBe('?sign-in');
    const res = await visitor.get(`/verify/${c.id}?sign-in`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/login?redirect=${encodeURIComponent(`/verify/${c.id}`)}`);
  });

  it('shows the recipient and the organization’s members everything, without Open Graph data', async () => {
    const { org, c, email } = await privateCredential();
    await seedUser(t.laurel.deps, { email });
    const member = await addMember(t.laurel.deps, org.id, 'viewer');
    for (const client of [
      await signedInClient(t.url, email),
      await signedInClient(t.url, member.email),
    ]) {
      const res = await client.get(`/verify/${c.shortId}`);
      expect(res.status).toBe(200);
      const text = mainText(res.html);
      for (const words of [
        'Cloud Practitioner',
        'Quentin Quietly',
        c.shortId,
        'Only its recipient and the issuing organization',
      ])
        expect(text).toContain(words);
      expect(res.html).not.toMatch(/property="og:|name="twitter:/);
      // No embed code or public posts for a private credential, the recipient's own included.
      expect(mainText(res.html)).toContain('sharing is limited');
      expect(res.html).not.toContain('f-embed-code');
      for (const owned of ['Add to Profile', 'Share to LinkedIn', 'Share to X'])
        expect(links(res.html, owned), owned).toHaveLength(0);
      expect(res.html).toContain('data-copy-target="f-verification-link"');
    }
  });
});

describe('claiming', () => {
  async function pending() {
    const { org, badge } = await issuer();
    const email = uniqueEmail('claimer');
    const c = await seedCredential(t.laurel.deps, org, badge, {
      recipientName: 'Clara Claimer',
      recipientEmail: email,
    });
    const recipient = await seedUser(t.laurel.deps, {
      email,
      firstName: 'Clara',
      lastName: 'Claimer',
    });
    return { org, badge, c, email, recipient };
  }

  it('offers a visitor Sign In to Claim and Create an Account, coming back to the page, without the email in the URL', async () => {
    const { c, email } = await pending();
    const { html } = await visit(`/verify/${c.id}`);
    expect(link(html, 'Sign In to Claim').href).toBe(
      `/login?redirect=${encodeURIComponent(`/verify/${c.shortId}`)}`,
    );
    const register = link(html, 'Create an Account').href;
    expect(new URL(register, t.url).searchParams.get('redirect')).toBe(`/verify/${c.shortId}`);
    expect(register).not.toContain(email.split('@')[0]!);
    expect(html).not.toContain('Claim This Credential');
  });

  it('lets the signed-in recipient claim: Valid, "Claimed on", Add to Profile; a second claim is ALREADY_CLAIMED', async () => {
    const { org, c, email, recipient } = await pending();
    const client = await signedInClient(t.url, email);
    const page = await client.get(`/verify/${c.shortId}`);
    expect(page.html).toMatch(
      new RegExp(`<form [^>]*action="/verify/${c.shortId}/claim" method="post"`),
    );
    expect(page.html).toContain('Claim This Credential');

    const res = await client.post(`/verify/${c.shortId}/claim`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/verify/${c.shortId}`);
    const row = await claimRow(c.id);
    expect(row.claimed_by).toBe(recipient.id);
    expect(row.claimed_at).not.toBeNull();

    const after = await client.get(`/verify/${c.shortId}`);
    const text = mainText(after.html);
    expect(text).toContain('Valid');
    expect(text).not.toContain('Pending');
    expect(text).toContain(`Claimed on ${day(new Date(row.claimed_at!))}`);
    expect(text).toContain('This credential is yours');
    expect(after.html).not.toContain('Claim This Credential');
    const add = new URL(link(after.html, 'Add to Profile').href);
    expect(add.origin + add.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(add.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Cloud Practitioner',
      organizationName: org.name,
      issueYear: String(c.issuedAt.getUTCFullYear()),
      issueMonth: String(c.issuedAt.getUTCMonth() + 1),
      certUrl: `${t.url}/verify/${c.shortId}`,
      certId: c.shortId,
    });
    expect(link(after.html, 'Add to Profile').attrs).toContain('target="_blank"');

    const before = await snapshotTables(t.database.db);
    const again = await client.post(`/verify/${c.shortId}/claim`);
    expect(again.status).toBe(409);
    expect(mainText(again.html)).toContain('ALREADY_CLAIMED');
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });

  it('refuses another account with EMAIL_MISMATCH and both fixes, changing nothing', async () => {
    const { c } = await pending();
    const other = await seedUser(t.laurel.deps);
    const client = await signedInClient(t.url, other.email);
    const before = await snapshotTables(t.database.db);
    const res = await client.post(`/verify/${c.shortId}/claim`);
    expect(res.status).toBe(403);
    const text = mainText(res.html);
    expect(text).toContain('EMAIL_MISMATCH');
    expect(text).toContain('signing in with the email address the credential was sent to');
    expect(text).toContain('Asking the issuer to re-send it');
    expect(res.html).toContain('role="alert"');
    expect(await snapshotTables(t.database.db)).toEqual(before);
    expect((await claimRow(c.id)).claimed_by).toBeNull();
  });

  it('sends a signed-out claim to sign-in and refuses one without the CSRF token, changing nothing', async () => {
    const { c, email } = await pending();
    const client = await signedInClient(t.url, email);
    const before = await snapshotTables(t.database.db);
    const visitor = new WebClient(t.url);
    const res = await visitor.post(`/verify/${c.shortId}/claim`);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/login?redirect=${encodeURIComponent(`/verify/${c.shortId}`)}`);
    const forged = await client.post(`/verify/${c.shortId}/claim`, { _csrf: 'forged' });
    expect(forged.status).toBe(403);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });
});

describe('verification events', () => {
  const verifyApi = (id: string, method = 'GET') => fetch(`${t.url}/api/verify/${id}`, { method });

  it('a page view adds one "page" event, /api/verify one "api" event, and the issuer’s list shows the count', async () => {
    const { org, owner, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    expect(await events(c.id)).toHaveLength(0);
    await visit(`/verify/${c.shortId}`);
    expect(await events(c.id)).toEqual([{ channel: 'page', organization_id: org.id }]);
    expect((await verifyApi(c.shortId)).status).toBe(200);
    const after = await events(c.id);
    expect(after).toHaveLength(2);
    expect(after.filter((e) => e.channel === 'api')).toHaveLength(1);

    // Each row has its own count (read for the whole page at once): 2, 1, and a never-verified 0.
    const once = await seedCredential(t.laurel.deps, org, badge);
    const never = await seedCredential(t.laurel.deps, org, badge);
    await visit(`/verify/${once.shortId}`);
    await t.laurel.deps.verificationLog.flush();

    const client = await signedInClient(t.url, owner.email);
    const list = await client.get(`/organizations/${org.id}/credentials`);
    const row = (shortId: string) => {
      const start = list.html.indexOf(`>${shortId}</a>`);
      return list.html
        .slice(start, list.html.indexOf('</tr>', start))
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ');
    };
    expect(row(c.shortId)).toContain('Verified 2 times');
    expect(row(once.shortId)).toContain('Verified 1 time');
    expect(row(never.shortId)).toContain('Verified 0 times');
    expect(await events(c.id)).toHaveLength(2);
  });

  it('a HEAD request to the page or the API counts nothing', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const page = await fetch(`${t.url}/verify/${c.shortId}`, { method: 'HEAD' });
    expect(page.status).toBe(200);
    expect((await verifyApi(c.shortId, 'HEAD')).status).toBe(200);
    expect(await events(c.id)).toHaveLength(0);
    await visit(`/verify/${c.shortId}`);
    expect(await events(c.id)).toHaveLength(1);
  });

  it('the issuing organization’s members count nothing; its recipient and other accounts count', async () => {
    const { org, owner, badge } = await issuer();
    const email = uniqueEmail('counted');
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientEmail: email });
    const members = [
      await signedInClient(t.url, owner.email),
      await signedInClient(t.url, (await addMember(t.laurel.deps, org.id, 'viewer')).email),
    ];
    for (const member of members) {
      expect((await member.get(`/verify/${c.shortId}`)).status).toBe(200);
      expect((await member.get(`/api/verify/${c.shortId}`)).status).toBe(200);
    }
    expect(await events(c.id)).toHaveLength(0);

    await seedUser(t.laurel.deps, { email });
    const outsider = await seedUser(t.laurel.deps);
    for (const viewer of [
      await signedInClient(t.url, email),
      await signedInClient(t.url, outsider.email),
    ]) {
      await viewer.get(`/verify/${c.shortId}`);
      await viewer.get(`/api/verify/${c.shortId}`);
    }
    expect((await events(c.id)).map((e) => e.channel).sort()).toEqual([
      'api',
      'api',
      'page',
      'page',
    ]);
  });

  it('a refused view of a private credential counts nothing for it', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, { isPublic: false });
    const outsider = await signedInClient(t.url, (await seedUser(t.laurel.deps)).email);
    for (const viewer of [new WebClient(t.url), outsider]) {
      const page = await viewer.get(`/verify/${c.shortId}`);
      expect(page.html).toMatch(/<h1[^>]*>Private credential<\/h1>/);
      expect((await viewer.get(`/api/verify/${c.shortId}`)).status).toBe(403);
    }
    expect(await events(c.id)).toHaveLength(0);
  });
});
