import { userActor } from '../../src/core/authz/actor.ts';
import { memoryFileStore } from '../support/memory-files.ts';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../src/core/errors.ts';
import type { Result } from '../../src/core/result.ts';
import type { CoreDeps } from '../../src/core/deps.ts';
import { verificationUrl } from '../../src/core/public-urls.ts';
import { exportWallet } from '../../src/core/wallet/export.ts';
import { importedImagePath } from '../../src/core/wallet/images.ts';
import { MAX_IMPORTED_CREDENTIALS, importCredential } from '../../src/core/wallet/import.ts';
import { importedDocument, listImported, removeImported } from '../../src/core/wallet/wallet.ts';
import { bakeImage, extractCredential } from '../../src/vc/baking/index.ts';
import type { JsonLdObject } from '../../src/vc/jsonld-types.ts';
import sharp from 'sharp';
import { TINY_SVG, tinyPng } from '../factories/images.ts';
import { seedCredential, seedIssuer, seedUser, uniqueEmail } from '../factories/index.ts';
import { otherIssuerCredential, type OtherIssuerRecipient } from '../factories/other-issuer.ts';
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

/** A plain `email` on the subject; the OB 3.0 context has no such term, so the credential defines it. */
function withEmail(credential: JsonLdObject, email: string): void {
  credential['@context'] = [
    ...(credential['@context'] as unknown[]),
    { email: 'https://schema.org/email' },
  ];
  (credential.credentialSubject as Record<string, unknown>).email = email;
}

/** Importing another issuer's Open Badges 3.0 credential into a wallet, and exporting the wallet. */
describe.each(testDialects())('the wallet on %s', (dialect) => {
  let core: TestCore;
  let storage: ReturnType<typeof memoryFileStore>;
  let withStorage: CoreDeps;
  beforeAll(async () => {
    core = await createTestCore(dialect);
    storage = memoryFileStore();
    withStorage = { ...core.deps, files: storage };
  });
  afterAll(() => core.destroy());

  const deps = () => withStorage;

  async function laurelCredential(opts: { isPublic?: boolean; recipientEmail?: string } = {}) {
    const { org, badge, owner } = await seedIssuer(deps());
    const credential = await seedCredential(deps(), org, badge, opts);
    const text = await deps().uow.stores.credentials.findDocument(credential.id);
    return { org, badge, owner, credential, text: text! };
  }

  /** A user, and another issuer's credential naming their email address. */
  async function userWithCredential(
    opts: { hashed?: boolean; edit?: (credential: JsonLdObject) => void } = {},
  ) {
    const user = await seedUser(deps());
    const credential = await otherIssuerCredential({
      recipient: { email: user.email, hashed: opts.hashed },
      edit: opts.edit,
    });
    return { user, ...credential };
  }

  /** A picture as stored: a PNG that carries no credential, and its size. */
  async function storedPicture(imagePath: string | null) {
    const stored = storage.files.get(imagePath!)!;
    expect(stored.contentType).toBe('image/png');
    expect(extractCredential(stored.bytes)).toBeUndefined();
    const { format, width, height } = await sharp(stored.bytes).metadata();
    expect(format).toBe('png');
    return { bytes: stored.bytes, width, height };
  }

  /** Nothing in the database or in file storage changed. */
  async function expectNothingStored(run: () => Promise<unknown>) {
    const before = await snapshotTables(core.db);
    const filesBefore = [...storage.files.keys()];
    await run();
    expect(await snapshotTables(core.db)).toEqual(before);
    expect([...storage.files.keys()]).toEqual(filesBefore);
  }

  it('imports another issuer’s did:key credential, storing its JSON exactly as pasted', async () => {
    const { user, did, document } = await userWithCredential();
    const pretty = `${JSON.stringify(document, null, 2)}\n`;
    const imported = value(await importCredential(deps(), userActor(user.id), { text: pretty }));
    expect(imported).toMatchObject({
      userId: user.id,
      issuerId: did,
      issuerName: 'Elsewhere Academy',
      achievementName: (document.credentialSubject as { achievement: { name: string } }).achievement
        .name,
      achievementDescription: 'Lifts loads safely with correct posture and equipment.',
      imagePath: null,
    });
    expect(imported.validFrom?.toISOString()).toBe('2025-03-01T09:00:00.000Z');
    expect(imported.validUntil?.toISOString()).toBe('2027-03-01T09:00:00.000Z');
    // Only the whitespace around the JSON value is dropped: the layout inside is kept.
    expect(await deps().uow.stores.importedCredentials.listDocuments(user.id)).toEqual([
      pretty.trim(),
    ]);
    expect(value(await importedDocument(deps(), userActor(user.id), imported.id))).toBe(
      pretty.trim(),
    );
  });

  it('imports a credential naming the user’s address, hashed or plain, in any capitals, or naming no address', async () => {
    const user = await seedUser(deps());
    const shouting = `  ${user.email.toUpperCase()} `;
    const recipients: OtherIssuerRecipient[] = [
      { email: user.email },
      { email: user.email, hashed: false },
      { email: shouting, hashed: false },
      // Only a DID: the signature still proves the issuer, and there is no address to compare.
      { did: 'did:example:holder-1' },
    ];
    for (const recipient of recipients) {
      const { text } = await otherIssuerCredential({ recipient });
      value(await importCredential(deps(), userActor(user.id), { text }));
    }
    // A plain `email` on the subject counts like an identifier.
    const byEmail = await otherIssuerCredential({
      recipient: { did: 'did:example:holder-2' },
      edit: (c) => {
        withEmail(c, shouting);
      },
    });
    value(await importCredential(deps(), userActor(user.id), { text: byEmail.text }));
    expect(await listImported(deps(), userActor(user.id))).toHaveLength(5);
  });

  it('refuses a credential issued to another address, storing nothing', async () => {
    const user = await seedUser(deps());
    const stranger = uniqueEmail();
    const others = [
      await otherIssuerCredential({ recipient: { email: stranger } }),
      await otherIssuerCredential({ recipient: { email: stranger, hashed: false } }),
      // The sample's own hashed address, which is nobody's here.
      await otherIssuerCredential(),
      await otherIssuerCredential({
        recipient: { did: 'did:example:holder-3' },
        edit: (c) => {
          withEmail(c, stranger);
        },
      }),
      // The hash of the user's address with another salt is not the user's address.
      await otherIssuerCredential({
        recipient: { email: user.email },
        edit: (c) => {
          const [identity] = (c.credentialSubject as { identifier: { salt: string }[] }).identifier;
          identity!.salt = 'another-salt';
        },
      }),
    ];
    await expectNothingStored(async () => {
      for (const { text } of others) {
        const refused = failure(
          await importCredential(deps(), userActor(user.id), { text, bakedImage: tinyPng() }),
        );
        expect([refused.code, refused.message, refused.details?.reason]).toEqual([
          'VALIDATION_ERROR',
          'This credential was issued to a different email address than yours.',
          'RECIPIENT_MISMATCH',
        ]);
      }
    });
  });

  it('refuses Laurel’s own credentials, naming their verification page only to someone who may see it', async () => {
    const user = await seedUser(deps());
    const generic =
      'Credentials issued on this Laurel are claimed from their verification page, not imported.';
    const claimHere = (shortId: string) =>
      `This credential was issued on this Laurel: claim it from its verification page instead, ${verificationUrl(TEST_PUBLIC_URL, shortId)}`;
    const publicOne = await laurelCredential({ isPublic: true });
    const someoneElses = await laurelCredential({ isPublic: false });
    const forTheUser = await laurelCredential({ isPublic: false, recipientEmail: user.email });
    const claimed = await laurelCredential({ isPublic: false, recipientEmail: user.email });
    expect(
      await deps().uow.stores.credentials.claim(claimed.credential.id, user.id, deps().clock.now()),
    ).toBe(true);
    // Our issuer's DID on a credential we have no record of: still ours to claim, not to import.
    const unknownId = someoneElses.text.replace(
      someoneElses.credential.id,
      '00000000-0000-4000-8000-000000000000',
    );
    const cases: [string, string][] = [
      [publicOne.text, claimHere(publicOne.credential.shortId)],
      [forTheUser.text, claimHere(forTheUser.credential.shortId)],
      [claimed.text, claimHere(claimed.credential.shortId)],
      [someoneElses.text, generic],
      // Tampering does not make it someone else’s credential.
      [someoneElses.text.replace('Ada Lovelace', 'Eve Forger'), generic],
      [unknownId, generic],
    ];
    await expectNothingStored(async () => {
      for (const [text, message] of cases) {
        const refused = failure(
          await importCredential(deps(), userActor(user.id), { text, bakedImage: tinyPng() }),
        );
        expect([refused.code, refused.message, refused.details?.reason]).toEqual([
          'CONFLICT',
          message,
          'ISSUED_HERE',
        ]);
      }
    });
    expect(unknownId).not.toBe(someoneElses.text);
  });

  it('refuses a tampered credential with the signature’s reason, storing nothing', async () => {
    const { user, document } = await userWithCredential();
    const tampered = structuredClone(document);
    (tampered.credentialSubject as { name: string }).name = 'Mallory';
    await expectNothingStored(async () => {
      const refused = failure(
        await importCredential(deps(), userActor(user.id), { text: JSON.stringify(tampered) }),
      );
      expect(refused.code).toBe('VALIDATION_ERROR');
      expect(refused.message).toMatch(
        /^The credential’s signature could not be verified: the signature does not verify/,
      );
      expect(refused.details?.reason).toBe('SIGNATURE_NOT_VERIFIED');
    });
  });

  it('refuses what is not an Open Badges 3.0 credential, saying why', async () => {
    const { user, document } = await userWithCredential();
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
        const refused = failure(await importCredential(deps(), userActor(user.id), { text }));
        expect([refused.code, refused.message]).toEqual(['VALIDATION_ERROR', message]);
      }
    });
  });

  it('imports a credential once per wallet, however its JSON is laid out', async () => {
    // Naming only a DID, so that two people may both import it.
    const { text, document } = await otherIssuerCredential({
      recipient: { did: 'did:example:shared' },
    });
    const user = await seedUser(deps());
    value(await importCredential(deps(), userActor(user.id), { text }));
    await expectNothingStored(async () => {
      for (const again of [text, JSON.stringify(document, null, 4)]) {
        const refused = failure(
          await importCredential(deps(), userActor(user.id), {
            text: again,
            bakedImage: tinyPng(),
          }),
        );
        expect([refused.code, refused.message]).toEqual([
          'CONFLICT',
          'This credential is already in your wallet.',
        ]);
      }
    });
    expect(await listImported(deps(), userActor(user.id))).toHaveLength(1);
    // Another wallet is another wallet.
    const other = await seedUser(deps());
    value(await importCredential(deps(), userActor(other.id), { text }));
  });

  it('lets only one of several simultaneous imports of the same credential in', async () => {
    const { user, text, document } = await userWithCredential();
    // The same signed credential in six layouts: the database alone could not tell them apart.
    const layouts = [
      text,
      ...[1, 2, 3, 4, 5].map((indent) => JSON.stringify(document, null, indent)),
    ];
    const results = await Promise.all(
      layouts.map((layout) => importCredential(deps(), userActor(user.id), { text: layout })),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual([
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'CONFLICT',
      'ok',
    ]);
    expect(await listImported(deps(), userActor(user.id))).toHaveLength(1);
  });

  it('refuses a revoked credential with the issuer’s reason, and accepts an expired one', async () => {
    const revoked = await userWithCredential();
    const { user } = revoked;
    // Another issuer's status list lives on a server of theirs: the verifier's report stands in for it.
    const reportingRevoked: CoreDeps = {
      ...deps(),
      verifier: {
        verify: async (document) => ({
          ...(await deps().verifier.verify(document, 'presented')),
          revocation: { outcome: 'failed', reason: 'the issuer has revoked the credential' },
        }),
      },
    };
    await expectNothingStored(async () => {
      const refused = failure(
        await importCredential(reportingRevoked, userActor(user.id), { text: revoked.text }),
      );
      expect(refused.code).toBe('VALIDATION_ERROR');
      expect(refused.message).toBe(
        'This credential cannot be imported: the issuer has revoked the credential.',
      );
      expect(refused.details?.reason).toBe('REVOKED');
    });
    // The same credential, reported as not revoked, comes in: the refusal was the revocation's.
    value(await importCredential(deps(), userActor(user.id), { text: revoked.text }));

    const expired = await otherIssuerCredential({
      recipient: { email: user.email },
      edit: (c) => {
        c.validUntil = '2026-01-01T00:00:00Z';
      },
    });
    expect((await deps().verifier.verify(expired.document, 'presented')).expiration.outcome).toBe(
      'failed',
    );
    const imported = value(
      await importCredential(deps(), userActor(user.id), { text: expired.text }),
    );
    expect(imported.validUntil?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it(`holds at most ${MAX_IMPORTED_CREDENTIALS} imported credentials per wallet`, async () => {
    const user = await seedUser(deps());
    await deps().uow.transaction(async (s) => {
      for (let i = 1; i < MAX_IMPORTED_CREDENTIALS; i++) {
        await s.importedCredentials.create(
          {
            userId: user.id,
            document: JSON.stringify({ filler: i }),
            issuerId: 'did:example:filler',
            issuerName: 'Filler',
            achievementName: `Filler ${i}`,
            achievementDescription: null,
            imagePath: null,
            validFrom: null,
            validUntil: null,
          },
          deps().clock.now(),
        );
      }
    });
    const last = await otherIssuerCredential({ recipient: { email: user.email } });
    value(await importCredential(deps(), userActor(user.id), { text: last.text }));
    const oneTooMany = await otherIssuerCredential({ recipient: { email: user.email } });
    await expectNothingStored(async () => {
      const refused = failure(
        await importCredential(deps(), userActor(user.id), {
          text: oneTooMany.text,
          bakedImage: tinyPng(),
        }),
      );
      expect([refused.code, refused.message, refused.details?.reason]).toEqual([
        'CONFLICT',
        `Your wallet holds ${MAX_IMPORTED_CREDENTIALS} imported credentials, the most it can hold. Remove one to import another.`,
        'WALLET_FULL',
      ]);
    });
    expect(await listImported(deps(), userActor(user.id))).toHaveLength(MAX_IMPORTED_CREDENTIALS);
    // Another wallet is not full.
    const other = await userWithCredential();
    value(await importCredential(deps(), userActor(other.user.id), { text: other.text }));
  });

  it('keeps an embedded data: image, checked, and nothing of an image that is not one', async () => {
    const png = tinyPng();
    const { user, text } = await userWithCredential({
      edit: (c) => {
        const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
          .achievement;
        achievement.image = {
          id: `data:image/png;base64,${png.toString('base64')}`,
          type: 'Image',
        };
      },
    });
    const imported = value(await importCredential(deps(), userActor(user.id), { text }));
    expect(imported.imagePath).not.toBeNull();
    // Drawn again, the same 2×2 picture.
    expect(await storedPicture(imported.imagePath)).toMatchObject({ width: 2, height: 2 });
    expect(importedImagePath(imported)).toBe(
      `/imported-images/${imported.imagePath!.slice('imported/'.length)}`,
    );

    // Says PNG, is text: the credential comes in, the "image" does not.
    const lying = await otherIssuerCredential({
      recipient: { email: user.email },
      edit: (c) => {
        const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
          .achievement;
        achievement.image = `data:image/png;base64,${Buffer.from('<script>alert(1)</script>').toString('base64')}`;
      },
    });
    const keys = storage.files.size;
    expect(
      value(await importCredential(deps(), userActor(user.id), { text: lying.text })).imagePath,
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
      const { user, text } = await userWithCredential({
        edit: (c) => {
          const achievement = (c.credentialSubject as { achievement: Record<string, unknown> })
            .achievement;
          achievement.image = { id: `https://127.0.0.1:${port}/badge.png`, type: 'Image' };
        },
      });
      const imported = value(await importCredential(deps(), userActor(user.id), { text }));
      expect(imported.imagePath).toBeNull();
      expect(connections).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('keeps the baked image a credential came in as its picture, drawn again without the credential in it', async () => {
    const user = await seedUser(deps());
    const recipient = { email: user.email };
    const fromPng = await otherIssuerCredential({ recipient });
    const baked = bakeImage(tinyPng(), fromPng.text).bytes;
    expect(extractCredential(baked)).toBe(fromPng.text);
    const a = value(
      await importCredential(deps(), userActor(user.id), { text: fromPng.text, bakedImage: baked }),
    );
    expect(await storedPicture(a.imagePath)).toMatchObject({ width: 2, height: 2 });
    const fromSvg = await otherIssuerCredential({ recipient });
    const bakedSvg = bakeImage(Buffer.from(TINY_SVG), fromSvg.text).bytes;
    expect(extractCredential(bakedSvg)).toBe(fromSvg.text);
    const b = value(
      await importCredential(deps(), userActor(user.id), {
        text: fromSvg.text,
        bakedImage: bakedSvg,
      }),
    );
    expect((await storedPicture(b.imagePath)).width).toBeGreaterThan(0);
  });

  it('removes an imported credential and its picture for its owner only', async () => {
    const { user: owner, text } = await userWithCredential();
    const stranger = await seedUser(deps());
    const imported = value(
      await importCredential(deps(), userActor(owner.id), { text, bakedImage: tinyPng() }),
    );
    await expectNothingStored(async () => {
      expect(failure(await removeImported(deps(), userActor(stranger.id), imported.id)).code).toBe(
        'NOT_FOUND',
      );
      expect(
        failure(await importedDocument(deps(), userActor(stranger.id), imported.id)).code,
      ).toBe('NOT_FOUND');
    });
    value(await removeImported(deps(), userActor(owner.id), imported.id));
    expect(await listImported(deps(), userActor(owner.id))).toEqual([]);
    expect(storage.files.has(imported.imagePath!)).toBe(false);
    expect(failure(await removeImported(deps(), userActor(owner.id), imported.id)).code).toBe(
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
    const first = await otherIssuerCredential({ recipient: { email: user.email } });
    const second = await otherIssuerCredential({ recipient: { email: user.email } });
    value(await importCredential(deps(), userActor(user.id), { text: first.text }));
    core.advance(1000);
    value(await importCredential(deps(), userActor(user.id), { text: second.text }));

    const vp = await exportWallet(deps(), userActor(user.id));
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
      expect((await deps().verifier.verify(c, 'presented')).signature.outcome).toBe('passed');
    expect(
      (await exportWallet(deps(), userActor((await seedUser(deps())).id))).verifiableCredential,
    ).toEqual([]);
  });
});
