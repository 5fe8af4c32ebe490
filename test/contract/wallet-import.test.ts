import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordRevocation } from '../../src/core/credentials/status-entries.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import type { FileStorage } from '../../src/core/ports.ts';
import type { Result } from '../../src/core/result.ts';
import { issuerDid } from '../../src/core/signing-keys/issuer-did.ts';
import { exportWallet } from '../../src/core/wallet/export.ts';
import { importedImagePath } from '../../src/core/wallet/images.ts';
import { importCredential, type WalletFiles } from '../../src/core/wallet/import.ts';
import { importedDocument, listImported, removeImported } from '../../src/core/wallet/wallet.ts';
import { prepareBadgeImage } from '../../src/http/badge-image.ts';
import { bakeImage } from '../../src/vc/baking/index.ts';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { seedCredential, seedIssuer, seedUser } from '../factories/index.ts';
import { otherIssuerCredential } from '../factories/other-issuer.ts';
import { TEST_PUBLIC_URL, createTestCore, type TestCore } from '../support/core-deps.ts';
import { testDialects } from '../support/database.ts';
import { snapshotTables } from '../support/snapshot.ts';

function value<T>(r: Result<T, ErrorCode>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function failure<T>(r: Result<T, ErrorCode>) {
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}

/** File storage in memory, so a test can see every picture that was (or was not) kept. */
function memoryStorage(): FileStorage & {
  files: Map<string, { bytes: Buffer; contentType: string }>;
} {
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  return {
    files,
    put: (key, bytes, contentType) => {
      files.set(key, { bytes, contentType });
      return Promise.resolve();
    },
    get: (key) => Promise.resolve(files.get(key)),
    delete: (key) => {
      files.delete(key);
      return Promise.resolve();
    },
  };
}

/** Importing another issuer's Open Badges 3.0 credential into a wallet, and exporting the wallet. */
describe.each(testDialects())('the wallet on %s', (dialect) => {
  let core: TestCore;
  let storage: ReturnType<typeof memoryStorage>;
  let files: WalletFiles;
  beforeAll(async () => {
    core = await createTestCore(dialect);
    storage = memoryStorage();
    files = { storage, prepareImage: prepareBadgeImage };
  });
  afterAll(() => core.destroy());

  const deps = () => core.deps;

  async function laurelCredential(opts: { isPublic?: boolean } = {}) {
    const { org, badge, owner } = await seedIssuer(deps());
    const credential = await seedCredential(deps(), org, badge, opts);
    const text = await deps().uow.stores.credentials.findDocument(credential.id);
    return { org, badge, owner, credential, text: text! };
  }

  /** Nothing in the database or in file storage changed. */
  async function expectNothingStored(run: () => Promise<unknown>) {
    const before = await snapshotTables(core.db);
    const filesBefore = [...storage.files.keys()];
    await run();
    expect(await snapshotTables(core.db)).toEqual(before);
    expect([...storage.files.keys()]).toEqual(filesBefore);
  }

  it('imports one of Laurel’s own credentials, verified locally, keeping the text as given', async () => {
    const { org, badge, credential, text } = await laurelCredential();
    const user = await seedUser(deps());
    const imported = value(await importCredential(deps(), files, user.id, { text }));
    expect(imported).toMatchObject({
      userId: user.id,
      issuerId: issuerDid(TEST_PUBLIC_URL, org.slug),
      issuerName: org.name,
      achievementName: badge.name,
      achievementDescription: badge.description,
      imagePath: null,
      validUntil: null,
    });
    expect(imported.validFrom?.toISOString()).toBe(credential.issuedAt.toISOString());
    expect(value(await importedDocument(deps(), user.id, imported.id))).toBe(text);
  });

  it('imports another issuer’s did:key credential, storing its JSON exactly as pasted', async () => {
    const { did, document } = await otherIssuerCredential();
    const pretty = `${JSON.stringify(document, null, 2)}\n`;
    const user = await seedUser(deps());
    const imported = value(await importCredential(deps(), files, user.id, { text: pretty }));
    expect(imported).toMatchObject({
      issuerId: did,
      issuerName: 'Elsewhere Academy',
      achievementName: (document.credentialSubject as { achievement: { name: string } }).achievement
        .name,
      achievementDescription: 'Lifts loads safely with correct posture and equipment.',
    });
    expect(imported.validFrom?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(imported.validUntil?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    // Only the whitespace around the JSON value is dropped: the layout inside is kept.
    expect(await deps().uow.stores.importedCredentials.listDocuments(user.id)).toEqual([
      pretty.trim(),
    ]);
  });

  it('refuses a tampered credential with the signature’s reason, storing nothing', async () => {
    const { document } = await otherIssuerCredential();
    const tampered = structuredClone(document);
    (tampered.credentialSubject as { name: string }).name = 'Mallory';
    const user = await seedUser(deps());
    await expectNothingStored(async () => {
      const refused = failure(
        await importCredential(deps(), files, user.id, { text: JSON.stringify(tampered) }),
      );
      expect(refused.code).toBe('VALIDATION_ERROR');
      expect(refused.message).toMatch(
        /^The credential’s signature could not be verified: the signature does not verify/,
      );
      expect(refused.details?.reason).toBe('SIGNATURE_NOT_VERIFIED');
    });
  });

  it('refuses a Laurel credential whose text was tampered with', async () => {
    const { text } = await laurelCredential();
    const user = await seedUser(deps());
    await expectNothingStored(async () => {
      const refused = failure(
        await importCredential(deps(), files, user.id, {
          text: text.replace('Ada Lovelace', 'Eve Forger'),
        }),
      );
      expect(refused.message).toMatch(/^The credential’s signature could not be verified: /);
    });
  });

  it('refuses what is not an Open Badges 3.0 credential, saying why', async () => {
    const user = await seedUser(deps());
    const { document } = await otherIssuerCredential();
    const unsigned = structuredClone(document);
    delete unsigned.proof;
    const cases: [string, string][] = [
      ['', 'Paste or upload an Open Badges 3.0 credential.'],
      [
        'not json at all',
        'This is not valid JSON. Paste or upload the credential’s JSON exactly as its issuer gave it.',
      ],
      ['[1, 2]', 'This is not an Open Badges 3.0 credential: expected a JSON object.'],
      [
        '{"hello": "world"}',
        'This is not an Open Badges 3.0 credential: its type does not include OpenBadgeCredential.',
      ],
      [
        JSON.stringify({
          '@context': 'https://w3id.org/openbadges/v2',
          type: 'Assertion',
          recipient: {},
          badge: 'https://x.example/b',
        }),
        'This is not an Open Badges 3.0 credential: its type does not include OpenBadgeCredential.',
      ],
      [
        JSON.stringify({ ...document, issuer: undefined }),
        'This is not an Open Badges 3.0 credential: it names no issuer.',
      ],
      [
        JSON.stringify({ ...document, credentialSubject: { name: 'A' } }),
        'This is not an Open Badges 3.0 credential: it has no credentialSubject.achievement.',
      ],
      [
        JSON.stringify(unsigned),
        'This credential carries no proof (signature), so it cannot be verified.',
      ],
      [
        JSON.stringify({ ...document, validUntil: 'next year' }),
        'The credential’s validUntil is not a date and time.',
      ],
      [
        'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl',
        'Credentials in VC-JWT form are not supported yet: import the JSON form of the credential.',
      ],
    ];
    await expectNothingStored(async () => {
      for (const [text, message] of cases) {
        const refused = failure(await importCredential(deps(), files, user.id, { text }));
        expect([refused.code, refused.message]).toEqual(['VALIDATION_ERROR', message]);
      }
    });
  });

  it('imports a credential once per wallet, however its JSON is laid out', async () => {
    const { text, document } = await otherIssuerCredential();
    const user = await seedUser(deps());
    value(await importCredential(deps(), files, user.id, { text }));
    await expectNothingStored(async () => {
      for (const again of [text, JSON.stringify(document, null, 4)]) {
        const refused = failure(
          await importCredential(deps(), files, user.id, { text: again, bakedImage: tinyPng() }),
        );
        expect([refused.code, refused.message]).toEqual([
          'CONFLICT',
          'This credential is already in your wallet.',
        ]);
      }
    });
    expect(await listImported(deps(), user.id)).toHaveLength(1);
    // Another wallet is another wallet.
    const other = await seedUser(deps());
    value(await importCredential(deps(), files, other.id, { text }));
  });

  it('lets only one of several simultaneous imports of the same credential in', async () => {
    const { text, document } = await otherIssuerCredential();
    const user = await seedUser(deps());
    // The same signed credential in six layouts: the database alone could not tell them apart.
    const layouts = [
      text,
      ...[1, 2, 3, 4, 5].map((indent) => JSON.stringify(document, null, indent)),
    ];
    const results = await Promise.all(
      layouts.map((layout) => importCredential(deps(), files, user.id, { text: layout })),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'ok',
    ]);
    expect(await listImported(deps(), user.id)).toHaveLength(1);
  });

  it('refuses one of Laurel’s credentials the user already claimed: it is in the wallet', async () => {
    const { credential, text } = await laurelCredential({ isPublic: false });
    const user = await seedUser(deps());
    expect(
      await deps().uow.stores.credentials.claim(credential.id, user.id, deps().clock.now()),
    ).toBe(true);
    await expectNothingStored(async () => {
      expect(failure(await importCredential(deps(), files, user.id, { text })).code).toBe(
        'CONFLICT',
      );
    });
  });

  it('refuses a revoked credential with the issuer’s reason, and accepts an expired one', async () => {
    const { credential, owner, text } = await laurelCredential();
    await deps().uow.transaction((s) =>
      recordRevocation(
        s,
        credential,
        { reason: 'Issued in error', revokedBy: owner.id },
        deps().clock.now(),
      ),
    );
    const user = await seedUser(deps());
    // The status list is re-signed on first use after the revocation; let that happen outside the comparison.
    await deps().verifier.verify(JSON.parse(text));
    await expectNothingStored(async () => {
      const refused = failure(await importCredential(deps(), files, user.id, { text }));
      expect(refused.code).toBe('VALIDATION_ERROR');
      expect(refused.message).toBe(
        'This credential cannot be imported: the issuer has revoked the credential.',
      );
      expect(refused.details?.reason).toBe('REVOKED');
    });

    const expired = await otherIssuerCredential((c) => {
      c.validUntil = '2026-01-01T00:00:00Z';
    });
    expect((await deps().verifier.verify(expired.document)).expiration.outcome).toBe('failed');
    const imported = value(await importCredential(deps(), files, user.id, { text: expired.text }));
    expect(imported.validUntil?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('keeps an embedded data: image, checked, and nothing of an image that is not one', async () => {
    const png = tinyPng();
    const withImage = await otherIssuerCredential((c) => {
      const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
        .achievement;
      achievement.image = { id: `data:image/png;base64,${png.toString('base64')}`, type: 'Image' };
    });
    const user = await seedUser(deps());
    const imported = value(
      await importCredential(deps(), files, user.id, { text: withImage.text }),
    );
    expect(imported.imagePath).not.toBeNull();
    expect(storage.files.get(imported.imagePath!)).toEqual({
      bytes: png,
      contentType: 'image/png',
    });
    expect(importedImagePath(imported)).toBe(
      `/imported-images/${imported.imagePath!.slice('imported/'.length)}`,
    );

    // Says PNG, is text: the credential comes in, the "image" does not.
    const lying = await otherIssuerCredential((c) => {
      const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
        .achievement;
      achievement.image = `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`;
    });
    const keys = storage.files.size;
    expect(
      value(await importCredential(deps(), files, user.id, { text: lying.text })).imagePath,
    ).toBeNull();
    expect(storage.files.size).toBe(keys);
  });

  it('never fetches an image that is a URL', async () => {
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const remote = await otherIssuerCredential((c) => {
        const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
          .achievement;
        achievement.image = { id: `https://127.0.0.1:${port}/badge.png`, type: 'Image' };
      });
      const user = await seedUser(deps());
      const imported = value(await importCredential(deps(), files, user.id, { text: remote.text }));
      expect(imported.imagePath).toBeNull();
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps the baked image a credential came in as its picture (an SVG as a PNG)', async () => {
    const user = await seedUser(deps());
    const fromPng = await otherIssuerCredential();
    const baked = bakeImage(tinyPng(), fromPng.text).bytes;
    const a = value(
      await importCredential(deps(), files, user.id, { text: fromPng.text, bakedImage: baked }),
    );
    expect(storage.files.get(a.imagePath!)).toEqual({ bytes: baked, contentType: 'image/png' });
    const fromSvg = await otherIssuerCredential();
    const bakedSvg = bakeImage(Buffer.from(TINY_SVG), fromSvg.text).bytes;
    const b = value(
      await importCredential(deps(), files, user.id, { text: fromSvg.text, bakedImage: bakedSvg }),
    );
    expect(storage.files.get(b.imagePath!)?.contentType).toBe('image/png');
  });

  it('removes an imported credential and its picture for its owner only', async () => {
    const { text } = await otherIssuerCredential();
    const owner = await seedUser(deps());
    const stranger = await seedUser(deps());
    const imported = value(
      await importCredential(deps(), files, owner.id, { text, bakedImage: tinyPng() }),
    );
    await expectNothingStored(async () => {
      expect(failure(await removeImported(deps(), storage, stranger.id, imported.id)).code).toBe(
        'NOT_FOUND',
      );
      expect(failure(await importedDocument(deps(), stranger.id, imported.id)).code).toBe(
        'NOT_FOUND',
      );
    });
    value(await removeImported(deps(), storage, owner.id, imported.id));
    expect(await listImported(deps(), owner.id)).toEqual([]);
    expect(storage.files.has(imported.imagePath!)).toBe(false);
    expect(failure(await removeImported(deps(), storage, owner.id, imported.id)).code).toBe(
      'NOT_FOUND',
    );
  });

  it('exports the wallet as an unsigned presentation: claimed credentials as issued, then imported ones', async () => {
    const user = await seedUser(deps());
    const privateOne = await laurelCredential({ isPublic: false });
    const publicOne = await laurelCredential();
    const unclaimed = await laurelCredential();
    for (const c of [privateOne, publicOne])
      await deps().uow.stores.credentials.claim(c.credential.id, user.id, deps().clock.now());
    const first = await otherIssuerCredential();
    const second = await otherIssuerCredential();
    value(await importCredential(deps(), files, user.id, { text: first.text }));
    core.advance(1000);
    value(await importCredential(deps(), files, user.id, { text: second.text }));

    const vp = await exportWallet(deps(), user.id);
    expect(vp['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vp.type).toEqual(['VerifiablePresentation']);
    expect(vp).not.toHaveProperty('proof');
    const claimed = vp.verifiableCredential.slice(0, 2);
    expect(claimed).toHaveLength(2);
    expect(claimed).toEqual(
      expect.arrayContaining([JSON.parse(privateOne.text), JSON.parse(publicOne.text)]),
    );
    expect(vp.verifiableCredential.slice(2)).toEqual([first.document, second.document]);
    expect(vp.verifiableCredential).not.toContainEqual(JSON.parse(unclaimed.text));
    for (const c of vp.verifiableCredential)
      expect((await deps().verifier.verify(c)).signature.outcome).toBe('passed');
    expect((await exportWallet(deps(), (await seedUser(deps())).id)).verifiableCredential).toEqual(
      [],
    );
  });
});
