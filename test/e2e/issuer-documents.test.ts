import { OPERATOR, userActor } from '../../src/core/authz/actor.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyBinding } from '../../src/core/signing-keys/issuer-did.ts';
import {
  generateSigningKeys,
  revokeSigningKey,
  rotateSigningKey,
} from '../../src/core/signing-keys/signing-keys.ts';
import { createDocumentLoader } from '../../src/vc/document-loader.ts';
import type { JsonLdObject, Signer } from '../../src/vc/jsonld-types.ts';
import {
  resolverFromControllerDocuments,
  type ControllerDocument,
} from '../../src/vc/key-resolver.ts';
import { signCredential } from '../../src/vc/sign.ts';
import { verifyCredentialProof } from '../../src/vc/verify.ts';
import { sampleCredential } from '../../src/vc/fixtures/sample-credential.ts';
import { addMember, seedBadge, seedOrg } from '../factories/index.ts';
import { startSetUpApp, type TestApp } from '../support/app.ts';
import { signedInClient } from '../support/sign-in.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startSetUpApp();
});
afterAll(() => t.close());

async function vaultSigner(orgId: string, keyId: string, did: string): Promise<Signer> {
  const row = await t.database.db
    .selectFrom('signing_keys')
    .select('sealed_private_key')
    .where('organization_id', '=', orgId)
    .where('key_id', '=', keyId)
    .executeTakeFirstOrThrow();
  return {
    id: `${did}#${keyId}`,
    algorithm: 'Ed25519',
    sign: ({ data }) =>
      t.laurel.deps.keyVault.sign(row.sealed_private_key, keyBinding(orgId, keyId), data),
  };
}

describe('the issuer documents verifiers fetch', () => {
  it('publish the DID document with every key; what each key signed verifies with only what is served', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps, { name: 'Acme Academy' });
    const host = new URL(t.url).host;
    const did = `did:web:${encodeURIComponent(host)}:issuers:${org.slug}`;

    // The Owner generates keys from the organization page; an Admin may not.
    const admin = await addMember(t.laurel.deps, org.id, 'admin');
    const asAdmin = await signedInClient(t.url, admin.email);
    expect((await asAdmin.post(`/organizations/${org.id}/signing-keys`)).status).toBe(403);
    const asOwner = await signedInClient(t.url, owner.email);
    const page = await asOwner.get(`/organizations/${org.id}`);
    expect(page.html).toContain('Generate signing keys');
    expect((await asOwner.post(`/organizations/${org.id}/signing-keys`)).status).toBe(303);
    expect((await asOwner.get(`/organizations/${org.id}`)).html).toContain(
      `/issuers/${org.slug}/did.json`,
    );

    const fetchDid = async () => {
      const res = await fetch(`${t.url}/issuers/${org.slug}/did.json`);
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('content-type')).toContain('application/did+json');
      return (await res.json()) as ControllerDocument & {
        verificationMethod: { id: string }[];
        assertionMethod: string[];
      };
    };
    const doc1 = await fetchDid();
    expect(doc1.id).toBe(did);
    expect(doc1.verificationMethod.map((m) => m.id)).toEqual([`${did}#key-1`]);
    expect(doc1.assertionMethod).toEqual([`${did}#key-1`]);

    const credential = (): JsonLdObject => ({
      ...sampleCredential(),
      issuer: { id: did, type: ['Profile'], name: org.name },
    });
    const loader = createDocumentLoader();
    const signedByKey1 = await signCredential(credential(), {
      signer: await vaultSigner(org.id, 'key-1', did),
      documentLoader: loader,
    });

    // After rotation both keys are published, and the old signature still verifies.
    expect((await rotateSigningKey(t.laurel.deps, OPERATOR, org.id)).ok).toBe(true);
    const doc2 = await fetchDid();
    expect(doc2.assertionMethod).toEqual([`${did}#key-1`, `${did}#key-2`]);
    const signedByKey2 = await signCredential(credential(), {
      signer: await vaultSigner(org.id, 'key-2', did),
      documentLoader: loader,
    });
    const resolveKey = resolverFromControllerDocuments([doc2]);
    for (const signed of [signedByKey1, signedByKey2]) {
      const check = await verifyCredentialProof(signed, { resolveKey, documentLoader: loader });
      expect(check.verified).toBe(true);
    }
    // A key of another issuer does not verify against this document.
    const other = await seedOrg(t.laurel.deps);
    await generateSigningKeys(t.laurel.deps, userActor(other.owner.id), other.org.id);
    const otherDid = `did:web:${encodeURIComponent(host)}:issuers:${other.org.slug}`;
    const forged = await signCredential(credential(), {
      signer: { ...(await vaultSigner(other.org.id, 'key-1', otherDid)), id: `${did}#key-1` },
      documentLoader: loader,
    });
    expect(
      (await verifyCredentialProof(forged, { resolveKey, documentLoader: loader })).verified,
    ).toBe(false);
  });

  it('serve the Open Badges issuer profile with the DID as its id', async () => {
    const { org } = await seedOrg(t.laurel.deps, { name: 'Profile Org' });
    const bare = (await (await fetch(`${t.url}/issuers/${org.slug}`)).json()) as Record<
      string,
      unknown
    >;
    expect(Object.keys(bare).sort()).toEqual(['@context', 'id', 'name', 'type']);
    const stores = t.laurel.deps.uow.stores;
    const now = new Date();
    await stores.organizations.updateDetails(
      org.id,
      {
        name: 'Profile Org',
        slug: org.slug,
        website: 'https://profile.example.org',
        description: 'We teach.',
        linkedinCompanyId: null,
      },
      now,
    );
    await stores.organizations.setLogo(org.id, 'logos/profile.png', now);
    const res = await fetch(`${t.url}/issuers/${org.slug}`);
    expect(res.status).toBe(200);
    const profile = (await res.json()) as Record<string, unknown>;
    expect(profile.id).toBe(
      `did:web:${encodeURIComponent(new URL(t.url).host)}:issuers:${org.slug}`,
    );
    expect(profile.type).toEqual(['Profile']);
    expect(profile.name).toBe('Profile Org');
    expect(profile).toMatchObject({
      url: 'https://profile.example.org',
      description: 'We teach.',
      image: { id: `${t.url}/logos/${org.id}`, type: 'Image' },
    });
    expect((await fetch(`${t.url}/issuers/no-such-org/did.json`)).status).toBe(404);
  });

  it("serve each badge as an OB 3.0 Achievement and the issuer's active badges as a collection", async () => {
    const { org } = await seedOrg(t.laurel.deps, { name: 'Achievement Org' });
    const host = new URL(t.url).host;
    const did = `did:web:${encodeURIComponent(host)}:issuers:${org.slug}`;
    const active = await seedBadge(t.laurel.deps, org.id, {
      name: 'Forklift Operator',
      slug: 'forklift',
      tags: ['safety'],
      externalUrl: 'https://example.org/forklift',
      imagePath: 'badges/x.png',
    });
    const retired = await seedBadge(t.laurel.deps, org.id, {
      name: 'Old Course',
      slug: 'old-course',
    });
    await t.database.db
      .updateTable('badges')
      .set({ is_active: 0 })
      .where('id', '=', retired.id)
      .execute();

    const one = await fetch(`${t.url}/achievements/${org.slug}/forklift`);
    expect(one.status).toBe(200);
    expect(one.headers.get('access-control-allow-origin')).toBe('*');
    expect(one.headers.get('content-type')).toContain('application/ld+json');
    const achievement = (await one.json()) as Record<string, unknown>;
    expect(achievement).toMatchObject({
      id: `${t.url}/achievements/${org.slug}/forklift`,
      type: ['Achievement'],
      name: 'Forklift Operator',
      criteria: { narrative: active.criteria },
      image: { id: `${t.url}/badge-images/${active.id}`, type: 'Image' },
      tag: ['safety'],
      creator: { id: did, type: ['Profile'], name: 'Achievement Org' },
    });
    // A deactivated badge keeps its document: credentials issued from it name that URL.
    expect((await fetch(`${t.url}/achievements/${org.slug}/old-course`)).status).toBe(200);
    expect((await fetch(`${t.url}/achievements/${org.slug}/nothing`)).status).toBe(404);

    const list = (await (await fetch(`${t.url}/issuers/${org.slug}/achievements`)).json()) as {
      '@context': string[];
      achievements: { id: string }[];
    };
    expect(list.achievements.map((a) => a.id)).toEqual([
      `${t.url}/achievements/${org.slug}/forklift`,
    ]);
    const contextUrl = list['@context'].find((c) => c.includes('/contexts/laurel/'));
    expect(contextUrl).toBe(`${t.url}/contexts/laurel/v1.jsonld`);
    const context = await fetch(contextUrl!);
    expect(context.status).toBe(200);
    expect(
      ((await context.json()) as { '@context': Record<string, unknown> })['@context']
        .AchievementCollection,
    ).toBe('https://schema.org/ItemList');
  });

  it('stop publishing a revoked key', async () => {
    const { org, owner } = await seedOrg(t.laurel.deps);
    await generateSigningKeys(t.laurel.deps, userActor(owner.id), org.id);
    await rotateSigningKey(t.laurel.deps, OPERATOR, org.id);
    expect((await revokeSigningKey(t.laurel.deps, OPERATOR, org.id, 'key-1')).ok).toBe(true);
    const doc = (await (await fetch(`${t.url}/issuers/${org.slug}/did.json`)).json()) as {
      verificationMethod: { id: string }[];
      assertionMethod: string[];
    };
    expect(doc.verificationMethod.map((m) => m.id.split('#')[1])).toEqual(['key-2']);
    expect(doc.assertionMethod.map((m) => m.split('#')[1])).toEqual(['key-2']);
  });
});
