// Round trips over a typical Laurel credential: what we sign verifies, and any change to
// it, a wrong key, or an unbound issuer does not.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { rdfcCanonize } from './canonize.ts';
import { createDocumentLoader, UnknownDocumentError } from './document-loader.ts';
import { ISSUER_DID, sampleCredential, sampleIssuer } from './fixtures/sample-credential.ts';
import { resolverFromControllerDocuments, type ControllerDocument } from './key-resolver.ts';
import type { JsonLdObject } from './jsonld-types.ts';
import { signCredential } from './sign.ts';
import { verifyCredentialProof } from './verify.ts';

const documentLoader = createDocumentLoader();

type Path = (string | number)[];
type Leaf = string | number | boolean | null;

/** Every path to a scalar in a JSON value, proof included. */
function leafPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}

function getAt(root: unknown, path: Path): Leaf {
  return path.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown>)[key],
    root,
  ) as Leaf;
}

/** A deep copy with the leaf at `path` replaced by `value`, or removed when `value` is undefined. */
function changedAt(root: JsonLdObject, path: Path, value: Leaf | undefined): JsonLdObject {
  const copy = structuredClone(root);
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], copy);
  const key = path[path.length - 1]!;
  if (value !== undefined) (parent as Record<string | number, unknown>)[key] = value;
  else if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as Record<string, unknown>)[key];
  return copy;
}

describe('sign and verify an OB 3.0 credential', () => {
  let issuer: Awaited<ReturnType<typeof sampleIssuer>>;
  let signed: JsonLdObject;
  const verify = (doc: JsonLdObject, documents: ControllerDocument[] = [issuer.didDocument]) =>
    verifyCredentialProof(doc, {
      resolveKey: resolverFromControllerDocuments(documents),
      documentLoader,
    });

  beforeAll(async () => {
    issuer = await sampleIssuer();
    signed = await signCredential(sampleCredential(), {
      signer: issuer.signer,
      documentLoader,
      created: new Date('2025-03-01T09:00:05Z'),
    });
  });

  it('adds one eddsa-rdfc-2022 DataIntegrityProof and leaves the credential otherwise unchanged', () => {
    const { proof, ...rest } = signed;
    expect(rest).toEqual(sampleCredential());
    expect(proof).toEqual({
      type: 'DataIntegrityProof',
      created: '2025-03-01T09:00:05Z',
      verificationMethod: issuer.signer.id,
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      proofValue: expect.stringMatching(/^z[1-9A-HJ-NP-Za-km-z]{80,90}$/) as unknown,
    });
  });

  it('round trips: the signed credential verifies with the issuer DID document', async () => {
    expect(await verify(signed)).toEqual({
      verified: true,
      verificationMethod: issuer.signer.id,
      controller: ISSUER_DID,
    });
  });

  it('survives a JSON round trip (what is stored and served is what verifies)', async () => {
    expect(await verify(JSON.parse(JSON.stringify(signed)) as JsonLdObject)).toMatchObject({
      verified: true,
    });
  });

  // RDFC signs the graph, not the JSON: a change that leaves the graph the same (deleting
  // `issuer.name` while `achievement.creator`, the same node, still states it) verifies,
  // and must. So the property is: verifies if and only if the canonical graph is unchanged.
  it('fails when any single field is changed or removed, unless the signed graph is the same', async () => {
    const paths = leafPaths(signed);
    const canonical = (doc: JsonLdObject) =>
      rdfcCanonize(doc, { documentLoader }).catch(() => 'invalid');
    const original = await canonical(signed);
    let failed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.string({ minLength: 1 }), fc.boolean(), fc.integer(), fc.constant(undefined)),
        async (path, replacement) => {
          fc.pre(replacement !== getAt(signed, path));
          const changed = changedAt(signed, path, replacement);
          const result = await verify(changed);
          if (result.verified) expect(await canonical(changed)).toBe(original);
          else failed += 1;
        },
      ),
      { numRuns: 200 },
    );
    expect(failed).toBeGreaterThan(150);
  });

  it('fails when a field the graph holds once is changed', async () => {
    for (const [path, value] of [
      [['credentialSubject', 'name'], 'Mallory'],
      [['validUntil'], '2099-03-01T09:00:00Z'],
      [['credentialSubject', 'identifier', 0, 'hashed'], false],
      [['credentialStatus', 'statusListIndex'], '1'],
      [['proof', 'created'], '2025-03-01T09:00:06Z'],
    ] as [Path, Leaf][]) {
      expect(await verify(changedAt(signed, path, value)), path.join('.')).toMatchObject({
        verified: false,
      });
    }
  });

  it('still verifies when a fact stated twice is removed once (same graph)', async () => {
    expect(await verify(changedAt(signed, ['issuer', 'name'], undefined))).toMatchObject({
      verified: true,
    });
  });

  it('fails under a different key published for the same verification method id', async () => {
    const impostor = await sampleIssuer();
    const forged: ControllerDocument = {
      ...issuer.didDocument,
      verificationMethod: [
        {
          id: issuer.signer.id,
          type: 'Multikey',
          controller: ISSUER_DID,
          publicKeyMultibase: (
            impostor.didDocument.verificationMethod as { publicKeyMultibase: string }[]
          )[0]!.publicKeyMultibase,
        },
      ],
    };
    expect(await verify(signed, [forged])).toMatchObject({
      verified: false,
      failure: 'INVALID_PROOF',
    });
  });

  it("fails when signed by another issuer's valid key (issuer must control the key)", async () => {
    const other = await sampleIssuer('did:web:badges.example.org:issuers:other');
    const bySomeoneElse = await signCredential(sampleCredential(), {
      signer: other.signer,
      documentLoader,
    });
    const result = await verify(bySomeoneElse, [issuer.didDocument, other.didDocument]);
    expect(result).toMatchObject({ verified: false, failure: 'INVALID_PROOF' });
    expect(result.verified || result.message).toMatch(/issuer must match/);
  });

  it('reports an unknown verification method and a missing proof as such', async () => {
    expect(await verify(signed, [])).toMatchObject({ verified: false, failure: 'UNKNOWN_KEY' });
    expect(await verify(sampleCredential())).toMatchObject({
      verified: false,
      failure: 'NO_PROOF',
    });
  });
});

describe('signing refuses documents it could not sign faithfully', () => {
  it('rejects an undefined term (JSON-LD safe mode)', async () => {
    const { signer } = await sampleIssuer();
    const credential = sampleCredential();
    (credential.credentialSubject as JsonLdObject).favouriteColour = 'blue';
    await expect(signCredential(credential, { signer, documentLoader })).rejects.toThrow(
      /safe mode/i,
    );
  });

  it('rejects a context outside the bundle without fetching it', async () => {
    const { signer } = await sampleIssuer();
    const credential = sampleCredential();
    (credential['@context'] as string[]).push('https://example.org/contexts/unknown.jsonld');
    const error: unknown = await signCredential(credential, { signer, documentLoader }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    // jsonld.js wraps the loader's refusal; the cause shows our loader refused, not a fetch.
    expect((error as { details?: { cause?: unknown } }).details?.cause).toBeInstanceOf(
      UnknownDocumentError,
    );
  });

  it('rejects a document that is already signed', async () => {
    const { signer } = await sampleIssuer();
    await expect(
      signCredential({ ...sampleCredential(), proof: {} }, { signer, documentLoader }),
    ).rejects.toThrow(/already signed/);
  });
});

describe('the static document loader', () => {
  it('serves bundled contexts and refuses any other URL', async () => {
    const loaded = await documentLoader(
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    );
    expect(loaded.document).toHaveProperty('@context');
    await expect(documentLoader('https://www.w3.org/ns/did/v1')).rejects.toBeInstanceOf(
      UnknownDocumentError,
    );
  });
});
