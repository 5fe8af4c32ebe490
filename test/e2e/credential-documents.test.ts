import { generateKeyPairSync } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import { createLocalFileStorage } from '../../src/main/file-storage.ts';
import { createDocumentLoader } from '../../src/vc/document-loader.ts';
import { sampleCredential } from '../../src/vc/fixtures/sample-credential.ts';
import { toPublicKeyMultibase } from '../../src/vc/multikey.ts';
import { signCredential } from '../../src/vc/sign.ts';
import { ed25519Signer } from '../../src/vc/signer.ts';
import { StatusBitstring } from '../../src/vc/status-list.ts';
import { bakeImage, extractCredential } from '../../src/vc/baking/index.ts';
import { addMember, seedBadge, seedCredential, seedIssuer, seedUser } from '../factories/index.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { signedInClient } from '../support/sign-in.ts';
import { snapshotTables } from '../support/snapshot.ts';

let t: TestApp;
let jpeg: Buffer;
beforeAll(async () => {
  jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#2e6b4f' } })
    .jpeg()
    .toBuffer();
  t = await startSetUpApp();
});
afterAll(() => t.close());

/** An issuer whose badge has a stored PNG (or SVG) image, as the badge pages will make. */
async function issuerWithImage(kind: 'png' | 'svg' | 'jpg' = 'png') {
  const { org, owner } = await seedIssuer(t.laurel.deps);
  const imagePath = `badges/${org.id}-${kind}.${kind}`;
  const storage = createLocalFileStorage(t.laurel.config.dataDir);
  const image = {
    png: () => ({ bytes: tinyPng(), type: 'image/png' }),
    svg: () => ({ bytes: Buffer.from(TINY_SVG), type: 'image/svg+xml' }),
    jpg: () => ({ bytes: jpeg, type: 'image/jpeg' }),
  }[kind]();
  await storage.put(imagePath, image.bytes, image.type);
  const badge = await seedBadge(t.laurel.deps, org.id, {
    imagePath,
    name: 'Forklift Operator',
    slug: `forklift-${kind}`,
  });
  return { org, owner, badge };
}

function uploadImage(bytes: Buffer, type: string, name = 'badge.png'): Promise<Response> {
  const form = new FormData();
  form.append('image', new Blob([bytes], { type }), name);
  return fetch(`${t.url}/api/credentials/verify-image`, { method: 'POST', body: form });
}

interface VerifyBody {
  status: string;
  credential: Record<string, unknown>;
  verification: {
    signatureValid: boolean;
    notRevoked: boolean;
    notExpired: boolean;
    checks: Record<string, { outcome: string; reason?: string }>;
  };
  ob3Credential: Record<string, unknown>;
  features: { qrCodeEnabled: boolean };
}

describe('GET /api/verify/{id}', () => {
  it('answers the documented shape by short id and by UUID, with the email masked', async () => {
    const { org, badge } = await issuerWithImage();
    const c = await seedCredential(t.laurel.deps, org, badge, {
      recipientName: 'Jane Doe',
      recipientEmail: 'jane.doe@example.com',
    });
    for (const id of [c.shortId, c.id, c.shortId.toLowerCase()]) {
      const res = await fetch(`${t.url}/api/verify/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await res.json()) as VerifyBody;
      expect(body.status).toBe('pending');
      expect(body.credential).toMatchObject({
        id: c.id,
        credentialId: c.shortId,
        recipientName: 'Jane Doe',
        recipientEmail: 'j******e@example.com',
        issuanceDate: c.issuedAt.toISOString(),
        expirationDate: null,
        revokedAt: null,
        verificationUrl: `${t.url}/verify/${c.shortId}`,
      });
      expect(body.verification).toMatchObject({
        signatureValid: true,
        notRevoked: true,
        notExpired: true,
      });
      expect(body.verification.checks.issuerStatus?.outcome).toBe('passed');
      expect(body.ob3Credential.id).toBe(`urn:uuid:${c.id}`);
      expect(body.features).toEqual({ qrCodeEnabled: false });
      expect(JSON.stringify(body)).not.toContain('jane.doe@example.com');
    }
  });

  it('shows a revocation at once, through the published status list', async () => {
    const { org, badge, owner } = await issuerWithImage();
    const c = await seedCredential(t.laurel.deps, org, badge);
    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, c, { reason: 'Issued in error', revokedBy: owner.id }, new Date()),
    );
    const body = (await (await fetch(`${t.url}/api/verify/${c.shortId}`)).json()) as VerifyBody;
    expect(body.status).toBe('revoked');
    expect(body.credential.revocationReason).toBe('Issued in error');
    expect(body.verification).toMatchObject({ signatureValid: true, notRevoked: false });
  });

  it('answers 404 for an unknown id and 403 with nothing about a private credential', async () => {
    expect((await fetch(`${t.url}/api/verify/CRD-ZZZZZZZZ`)).status).toBe(404);
    const { org, badge, owner } = await issuerWithImage();
    const c = await seedCredential(t.laurel.deps, org, badge, {
      isPublic: false,
      recipientName: 'Secret Person',
    });
    for (const path of [
      `/api/verify/${c.shortId}`,
      `/credentials/${c.shortId}/ob3`,
      `/api/credentials/${c.shortId}/baked`,
    ]) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        error: 'FORBIDDEN',
        message: 'This credential is private.',
      });
    }
    // An outsider with an account sees the same; the organization's members see it.
    const outsider = await seedUser(t.laurel.deps);
    expect(
      (await (await signedInClient(t.url, outsider.email)).get(`/api/verify/${c.shortId}`)).status,
    ).toBe(403);
    const viewer = await addMember(t.laurel.deps, org.id, 'viewer');
    expect(
      (await (await signedInClient(t.url, viewer.email)).get(`/api/verify/${c.shortId}`)).status,
    ).toBe(200);
    expect(
      (await (await signedInClient(t.url, owner.email)).get(`/credentials/${c.shortId}/ob3`))
        .status,
    ).toBe(200);
  });
});

describe('the signed document and the baked image', () => {
  it('/credentials/{id}/ob3 serves the stored bytes exactly', async () => {
    const { org, badge } = await issuerWithImage();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const stored = await t.database.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const res = await fetch(`${t.url}/credentials/${c.shortId}/ob3`);
    expect(res.headers.get('content-type')).toContain('application/ld+json');
    expect(await res.text()).toBe(stored.document);
  });

  it('bakes the PNG; uploading it back verifies it', async () => {
    const { org, badge } = await issuerWithImage('png');
    const c = await seedCredential(t.laurel.deps, org, badge);
    const res = await fetch(`${t.url}/api/credentials/${c.shortId}/baked`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toContain(`${c.shortId}.png`);
    const png = Buffer.from(await res.arrayBuffer());
    const stored = await t.database.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    expect(extractCredential(png)).toBe(stored.document);

    const verified = await uploadImage(png, 'image/png');
    expect(verified.status).toBe(200);
    const body = (await verified.json()) as {
      verification: VerifyBody['verification'];
      ob3Credential: Record<string, unknown>;
    };
    expect(body.verification).toMatchObject({
      signatureValid: true,
      notRevoked: true,
      notExpired: true,
      verified: true,
    });
    expect(body.ob3Credential.id).toBe(`urn:uuid:${c.id}`);
  });

  it('bakes an SVG badge into an SVG, which verifies too', async () => {
    const { org, badge } = await issuerWithImage('svg');
    const c = await seedCredential(t.laurel.deps, org, badge);
    const res = await fetch(`${t.url}/api/credentials/${c.shortId}/baked`);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    const svg = Buffer.from(await res.arrayBuffer());
    const body = (await (await uploadImage(svg, 'image/svg+xml', 'badge.svg')).json()) as {
      verification: { verified: boolean };
    };
    expect(body.verification.verified).toBe(true);
  });

  it('bakes a JPEG badge as a PNG', async () => {
    const { org, badge } = await issuerWithImage('jpg');
    const c = await seedCredential(t.laurel.deps, org, badge);
    const res = await fetch(`${t.url}/api/credentials/${c.shortId}/baked`);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await res.arrayBuffer());
    expect((await sharp(png).metadata()).width).toBe(4);
    const body = (await (await uploadImage(png, 'image/png')).json()) as {
      verification: { verified: boolean };
    };
    expect(body.verification.verified).toBe(true);
  });

  it('a tampered baked credential fails the signature check', async () => {
    const { org, badge } = await issuerWithImage('png');
    const c = await seedCredential(t.laurel.deps, org, badge, { recipientName: 'Honest Name' });
    const stored = await t.database.db
      .selectFrom('credentials')
      .select('document')
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const forged = bakeImage(tinyPng(), stored.document.replace('Honest Name', 'Forged Name'));
    const body = (await (await uploadImage(forged.bytes, 'image/png')).json()) as VerifyBody;
    expect(body.verification.signatureValid).toBe(false);
    expect(body.verification.checks.signature?.outcome).toBe('failed');
  });

  it("verifies another issuer's baked credential (did:key), saying which checks it could not make", async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const multibase = await toPublicKeyMultibase(publicKey);
    const did = `did:key:${multibase}`;
    const unsigned = sampleCredential();
    delete unsigned.credentialStatus;
    const subject = unsigned.credentialSubject as { achievement: { creator: { id: string } } };
    subject.achievement.creator.id = did;
    const credential = {
      ...unsigned,
      issuer: { id: did, type: ['Profile'], name: 'Elsewhere Academy' },
    };
    const signed = await signCredential(credential, {
      signer: ed25519Signer(privateKey, `${did}#${multibase}`),
      documentLoader: createDocumentLoader(),
    });
    const baked = bakeImage(tinyPng(), signed);
    const body = (await (await uploadImage(baked.bytes, 'image/png')).json()) as VerifyBody & {
      issuer: string;
    };
    expect(body.issuer).toBe(did);
    expect(body.verification.checks.signature?.outcome).toBe('passed');
    expect(body.verification.checks.issuerStatus?.outcome).toBe('could_not_check');
    expect(body.verification.checks.issuerStatus?.reason).toBeTruthy();
    expect(body.verification.signatureValid).toBe(true);
    expect(body.verification).toMatchObject({ verified: false, issuerApproved: false });
  });

  it('refuses uploads that are not baked images, with a clear error and no change', async () => {
    const before = await snapshotTables(t.database.db);
    const notImage = await uploadImage(Buffer.from('hello'), 'text/plain', 'a.txt');
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as { error: string }).error).toBe('VALIDATION_ERROR');
    const plain = await uploadImage(tinyPng(), 'image/png');
    expect(plain.status).toBe(400);
    expect(((await plain.json()) as { message: string }).message).toBe(
      'The image carries no Open Badges credential.',
    );
    const nothing = await fetch(`${t.url}/api/credentials/verify-image`, { method: 'POST' });
    expect(nothing.status).toBe(400);
    expect(await snapshotTables(t.database.db)).toEqual(before);
  });
});

describe('the status list', () => {
  it('is a signed list served with CORS, an ETag and a short cache life, re-signed when a bit changes', async () => {
    const { org, badge, owner } = await issuerWithImage();
    const c = await seedCredential(t.laurel.deps, org, badge);
    const url = `${t.url}/issuers/${org.slug}/status/1`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    expect(first.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const list = (await first.json()) as {
      id: string;
      type: string[];
      credentialSubject: { encodedList: string; statusPurpose: string };
      proof: { cryptosuite: string };
    };
    expect(list.id).toBe(url);
    expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(list.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(list.credentialSubject.statusPurpose).toBe('revocation');
    const bits = StatusBitstring.decode(list.credentialSubject.encodedList);
    expect(bits.length).toBeGreaterThanOrEqual(131_072);
    expect(bits.get(c.statusListIndex)).toBe(false);

    expect((await fetch(url, { headers: { 'if-none-match': etag! } })).status).toBe(304);

    await t.laurel.deps.uow.transaction((s) =>
      recordRevocation(s, c, { reason: 'Left the course', revokedBy: owner.id }, new Date()),
    );
    const changed = await fetch(url, { headers: { 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const after = (await changed.json()) as typeof list;
    expect(StatusBitstring.decode(after.credentialSubject.encodedList).get(c.statusListIndex)).toBe(
      true,
    );
  });

  it('answers 404 for lists and issuers that do not exist', async () => {
    const { org } = await issuerWithImage();
    expect((await fetch(`${t.url}/issuers/${org.slug}/status/9`)).status).toBe(404);
    expect((await fetch(`${t.url}/issuers/${org.slug}/status/abc`)).status).toBe(404);
    expect((await fetch(`${t.url}/issuers/no-such-org/status/1`)).status).toBe(404);
  });
});
