// An immutable document's valid proof is not checked twice with the same key; everything that
// could change the answer (the key, its controller, the binding) is still looked at each time.
import { describe, expect, it } from 'vitest';
import { shapeCanonize } from './canonize.ts';
import { createDocumentLoader } from './document-loader.ts';
import { sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { resolverFromControllerDocuments } from './key-resolver.ts';
import { signCredential } from './sign.ts';
import { immutableDocument, verifyCredentialProof } from './verify.ts';
import { countingCanonize } from './fixtures/canonize-probes.ts';

const documentLoader = createDocumentLoader();

async function setUp() {
  const issuer = await sampleIssuer();
  const signed = await signCredential(sampleCredential(), {
    signer: issuer.signer,
    documentLoader,
    canonize: shapeCanonize,
  });
  const { canonize, calls } = countingCanonize(shapeCanonize);
  return { issuer, signed, canonize, count: calls };
}

describe('verifyCredentialProof on an immutable document', () => {
  it('checks the signature once for the same key, and every time for a document that is not immutable, even if frozen at the top', async () => {
    const { issuer, signed, canonize, count } = await setUp();
    const resolveKey = resolverFromControllerDocuments([issuer.didDocument]);
    const frozen = immutableDocument({ ...signed });
    for (let i = 0; i < 3; i += 1) {
      expect(
        await verifyCredentialProof(frozen, { resolveKey, documentLoader, canonize }),
      ).toMatchObject({
        verified: true,
      });
    }
    expect(count()).toBe(2); // the document and its proof configuration, once
    await verifyCredentialProof({ ...signed }, { resolveKey, documentLoader, canonize });
    expect(count()).toBe(4);
    // frozen at the top only: its proof could still be changed, so it is checked each time
    const shallow = Object.freeze({ ...signed });
    await verifyCredentialProof(shallow, { resolveKey, documentLoader, canonize });
    await verifyCredentialProof(shallow, { resolveKey, documentLoader, canonize });
    expect(count()).toBe(8);
  });

  it('still refuses it once its key is no longer published', async () => {
    const { issuer, signed, canonize } = await setUp();
    const frozen = immutableDocument({ ...signed });
    const published = resolverFromControllerDocuments([issuer.didDocument]);
    await verifyCredentialProof(frozen, { resolveKey: published, documentLoader, canonize });
    const revoked = resolverFromControllerDocuments([
      { ...issuer.didDocument, verificationMethod: [], assertionMethod: [] },
    ]);
    expect(
      await verifyCredentialProof(frozen, { resolveKey: revoked, documentLoader, canonize }),
    ).toMatchObject({ verified: false, failure: 'UNKNOWN_KEY' });
  });

  it('checks again with another key, which fails, and never remembers a failure', async () => {
    const { signed, canonize, count } = await setUp();
    const other = await sampleIssuer();
    // The other issuer's document claims the same key id with a different key.
    const method = (signed.proof as JsonLdObject).verificationMethod as string;
    const forged = {
      ...other.didDocument,
      verificationMethod: [
        { ...(other.didDocument.verificationMethod as JsonLdObject[])[0], id: method },
      ],
      assertionMethod: [method],
    };
    const resolveKey = resolverFromControllerDocuments([forged]);
    const frozen = immutableDocument({ ...signed });
    for (let i = 0; i < 2; i += 1) {
      expect(
        await verifyCredentialProof(frozen, { resolveKey, documentLoader, canonize }),
      ).toMatchObject({
        verified: false,
      });
    }
    expect(count()).toBe(4);
  });
});
