import jsqr from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import type { Credential } from '../../src/core/entities.ts';
import type { PlanId } from '../../src/core/plans/plans.ts';

import { addMember, seedCredential, seedUser, uniqueEmail } from '../factories/index.ts';
import { seedIssuerWithImage } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { WebClient } from '../support/http-client.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

/**
 * The embeddable verification card (sharing-credentials.md, "Embed code") and the QR code
 * download (qr-codes.md): what each shows, who may get it, and the headers that let the card,
 * and only the card, be framed by other sites.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

/** An issuer whose badge has a stored PNG image, so the card shows it. */
function issuer(plan: PlanId = 'free') {
  return seedIssuerWithImage(t.laurel.deps, t.laurel.config.dataDir, {
    plan,
    badge: { name: 'Forklift Operator' },
  });
}

/** The card's verifications, once the batched verification log has written what it noted. */
async function embedEvents(c: Credential) {
  await t.laurel.deps.verificationLog.flush();
  return t.database.db
    .selectFrom('verification_events')
    .select(['channel', 'organization_id'])
    .where('credential_id', '=', c.id)
    .execute();
}

async function storedDocument(c: Credential): Promise<string> {
  const row = await t.database.db
    .selectFrom('credentials')
    .select('document')
    .where('id', '=', c.id)
    .executeTakeFirstOrThrow();
  return row.document;
}

function directive(csp: string | null, name: string): string | undefined {
  return csp
    ?.split(';')
    .map((d) => d.trim())
    .find((d) => d === name || d.startsWith(`${name} `));
}

describe('GET /api/embed/{id}', () => {
  it('renders a public credential as a card with its status and a link to the full page', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge, {
      recipientName: 'Grace Hopper',
      recipientEmail: 'grace@example.com',
    });
    for (const id of [c.shortId, c.id]) {
      const res = await fetch(`${t.url}/api/embed/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/html');
      const html = await res.text();
      expect(html).toMatch(/^<!doctype html><html lang="en">/);
      expect(html).toMatch(/<title>Forklift Operator: Pending credential · Laurel<\/title>/);
      expect(html).toContain('<h1 class="embed-card__title">Forklift Operator</h1>');
      expect(html).toContain('Grace Hopper');
      expect(html).toContain(org.name);
      expect(html).toMatch(
        /<p class="embed-status embed-status--pending"><span class="visually-hidden">Status: <\/span>Pending<\/p>/,
      );
      expect(html).toContain(`<time dateTime="${c.issuedAt.toISOString()}">`);
      expect(html).toMatch(
        new RegExp(
          `<img class="embed-card__image" src="/badge-images/${badge.id}\\?v=[a-z0-9]+" alt="Forklift Operator badge"`,
        ),
      );
      expect(html).toContain(
        `<a class="embed-card__link" href="${t.url}/verify/${c.shortId}" target="_blank" rel="noopener">`,
      );
      expect(html).toContain('<link rel="stylesheet" href="/assets/embed.css"/>');
      // The recipient's email is never part of the card; nothing inline the CSP would block.
      expect(html).not.toContain('grace@example.com');
      expect(html).not.toMatch(/ style=|<script|<style/);
    }
    const css = await fetch(`${t.url}/assets/embed.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('shows Valid once claimed and Revoked once revoked, never from a cache', async () => {
    const { org, badge, owner } = await issuer();
    const recipient = await seedUser(t.laurel.deps);
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientEmail: recipient.email });
    await t.laurel.deps.uow.stores.credentials.claim(c.id, recipient.id, new Date());
    const valid = await fetch(`${t.url}/api/embed/${c.shortId}`);
    expect(valid.headers.get('cache-control')).toBe('no-store');
    expect(await valid.text()).toMatch(
      /embed-status--valid"><span class="visually-hidden">Status: <\/span>Valid</,
    );

    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, c, { reason: 'Issued in error', revokedBy: owner.id }, new Date()),
    );
    const html = await (await fetch(`${t.url}/api/embed/${c.shortId}`)).text();
    expect(html).toMatch(
      /embed-status--revoked"><span class="visually-hidden">Status: <\/span>Revoked</,
    );
    expect(html).toContain('<dt>Revoked</dt>');
    expect(html).not.toContain('>Valid<');
  });

  it('may be framed by any site, while every other page keeps framing off', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const embed = await fetch(`${t.url}/api/embed/${c.shortId}`);
    const csp = embed.headers.get('content-security-policy');
    expect(directive(csp, 'frame-ancestors')).toBe('frame-ancestors *');
    expect(directive(csp, 'default-src')).toBe("default-src 'none'");
    expect(directive(csp, 'style-src')).toBe("style-src 'self'");
    expect(directive(csp, 'script-src')).toBeUndefined();
    expect(embed.headers.get('x-frame-options')).toBeNull();
    expect(embed.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    // A private or missing credential's card is framed too, so the host page shows why, not a browser error.
    const missing = await fetch(`${t.url}/api/embed/CRD-ZZZZZZZZ`);
    expect(missing.status).toBe(404);
    expect(directive(missing.headers.get('content-security-policy'), 'frame-ancestors')).toBe(
      'frame-ancestors *',
    );

    for (const path of [
      '/dashboard',
      '/login',
      '/verify-lookup',
      `/api/verify/${c.shortId}`,
      `/credentials/${c.shortId}/ob3`,
    ]) {
      const res = await fetch(`${t.url}${path}`, { redirect: 'manual' });
      expect(directive(res.headers.get('content-security-policy'), 'frame-ancestors'), path).toBe(
        "frame-ancestors 'none'",
      );
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN');
    }
  });

  it('counts each card shown as one verification through the embed channel', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    expect(await embedEvents(c)).toEqual([]);
    await fetch(`${t.url}/api/embed/${c.shortId}`);
    expect(await embedEvents(c)).toEqual([{ channel: 'embed', organization_id: org.id }]);
    await fetch(`${t.url}/api/embed/${c.id}`);
    expect(await embedEvents(c)).toHaveLength(2);
  });

  it('counts nothing for a HEAD request, which shows nobody the card', async () => {
    const { org, badge } = await issuer();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const head = await fetch(`${t.url}/api/embed/${c.shortId}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toContain('text/html');
    expect(await embedEvents(c)).toEqual([]);
  });

  it('answers 403 for a private credential, to its recipient too, with nothing about it', async () => {
    const { org, badge, owner } = await issuer();
    const email = uniqueEmail('secret');
    const recipient = await seedUser(t.laurel.deps, { email });
    const c = await seedCredential(t.laurel.deps, org, badge, {
      isPublic: false,
      recipientName: 'Secret Person',
      recipientEmail: email,
    });
    const subject = (
      JSON.parse(await storedDocument(c)) as {
        credentialSubject: { identifier: { identityHash: string }[] };
      }
    ).credentialSubject;
    const identityHash = subject.identifier[0]!.identityHash;
    // Signed in first: the sessions that makes are not the embed's doing.
    const viewers = [
      new WebClient(t.url),
      await signedInClient(t.url, recipient.email),
      await signedInClient(t.url, owner.email),
    ];
    const before = await snapshotTables(t.database.db);

    for (const viewer of viewers) {
      const res = await viewer.get(`/api/embed/${c.shortId}`);
      expect(res.status).toBe(403);
      expect(res.html).toContain('This credential is private');
      for (const secret of [
        'Secret Person',
        email,
        'Forklift Operator',
        org.name,
        c.shortId,
        c.id,
        identityHash,
        badge.id,
      ]) {
        expect(res.html).not.toContain(secret);
      }
    }
    expect(await embedEvents(c)).toEqual([]);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });
});

// jsqr is CommonJS with an ES-style default export: the decoder is its `.default`.
const jsQR = jsqr.default;

/** The QR's pixels, RGBA, and the text it decodes to. */
async function decodeQr(png: Buffer) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = new Uint8ClampedArray(data.buffer, data.byteOffset, data.length);
  const code = jsQR(pixels, info.width, info.height);
  const isWhite = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return data[i] === 255 && data[i + 1] === 255 && data[i + 2] === 255;
  };
  return { code, width: info.width, height: info.height, isWhite };
}

describe('GET /api/credentials/{id}/qr', () => {
  it('is a square PNG download of the verification URL, with a quiet zone of four modules', async () => {
    const { org, badge } = await issuer('professional');
    const c = await seedCredential(t.laurel.deps, org, badge);
    const res = await fetch(`${t.url}/api/credentials/${c.shortId.toLowerCase()}/qr`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="${c.shortId}-qr.png"`,
    );
    const qr = await decodeQr(Buffer.from(await res.arrayBuffer()));
    expect(qr.code?.data).toBe(`${t.url}/verify/${c.shortId}`);
    expect(qr.width).toBe(qr.height);

    // The symbol is 17 + 4·version modules, plus 4 on each side, spread over the image.
    const modules = 17 + 4 * qr.code!.version + 8;
    const modulePx = qr.width / modules;
    const quiet = Math.floor(4 * modulePx);
    const darkInMargin: string[] = [];
    for (let y = 0; y < qr.height; y++) {
      for (let x = 0; x < qr.width; x++) {
        const inMargin = x < quiet || y < quiet || x >= qr.width - quiet || y >= qr.height - quiet;
        if (inMargin && !qr.isWhite(x, y)) darkInMargin.push(`${x},${y}`);
      }
    }
    expect(darkInMargin.slice(0, 5)).toEqual([]);
    // …and it ends there: the top-left finder pattern's dark edge starts right after it.
    const inside = Math.ceil(4 * modulePx) + 1;
    expect(qr.isWhite(inside, inside)).toBe(false);
  });

  it('is refused on the Free plan with PLAN_REQUIRED', async () => {
    const { org, badge } = await issuer('free');
    const c = await seedCredential(t.laurel.deps, org, badge);
    const res = await fetch(`${t.url}/api/credentials/${c.shortId}/qr`);
    expect(res.status).toBe(403);
    const body = (await res.json()) as { error: string; details: { reason: string } };
    expect(body.error).toBe('FORBIDDEN');
    expect(body.details.reason).toBe('PLAN_REQUIRED');
  });

  it('answers 404 for an unknown credential', async () => {
    expect((await fetch(`${t.url}/api/credentials/CRD-ZZZZZZZZ/qr`)).status).toBe(404);
  });

  it('of a private credential: 403 with nothing about it for outsiders, the QR for its recipient and members', async () => {
    const { org, badge } = await issuer('professional');
    const email = uniqueEmail('private');
    const recipient = await seedUser(t.laurel.deps, { email });
    const c = await seedCredential(t.laurel.deps, org, badge, {
      isPublic: false,
      recipientName: 'Secret Person',
      recipientEmail: email,
    });
    const path = `/api/credentials/${c.shortId}/qr`;

    const outsiders = [
      new WebClient(t.url),
      await signedInClient(t.url, (await seedUser(t.laurel.deps)).email),
    ];
    for (const outsider of outsiders) {
      const res = await outsider.get(path);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.html)).toEqual({
        error: 'FORBIDDEN',
        message: 'This credential is private.',
      });
    }

    for (const user of [recipient, await addMember(t.laurel.deps, org.id, 'viewer')]) {
      const res = await (await signedInClient(t.url, user.email)).get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="${c.shortId}-qr.png"`,
      );
    }
  });
});
