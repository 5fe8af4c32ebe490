// Published vectors: our loader, canonicalizer, signer and verifier must reproduce other
// implementations' bytes exactly, or nobody else could verify what we sign.
import { describe, expect, it } from 'vitest';
import { rdfcCanonize } from './canonize.ts';
import { createShapeCanonize } from './shape-canonize.ts';
import { createDocumentLoader } from './document-loader.ts';
import { EXAMPLES_CONTEXTS, fixtureJson, fixtureText } from './fixtures/load.ts';
import {
  didKeyResolver,
  resolverFromControllerDocuments,
  type ControllerDocument,
} from './key-resolver.ts';
import type { Canonize, DocumentLoader, JsonLdObject } from './jsonld-types.ts';
import { privateKeyFromMultibase } from './multikey.ts';
import { signCredential } from './sign.ts';
import { ed25519Signer } from './signer.ts';
import { verifyCredentialProof } from './verify.ts';
import { countingCanonize, proofConfig } from './fixtures/canonize-probes.ts';

/**
 * The shape canonicalizer over the vectors' contexts, counting what it leaves to the
 * standard path, so a test can show the fast path itself produced the published bytes.
 */
function fastPath(extraContexts: ReadonlyMap<string, JsonLdObject> = new Map()) {
  const standard = countingCanonize(rdfcCanonize);
  const canonize = createShapeCanonize({ extraContexts, standard: standard.canonize });
  return { canonize, standardCalls: standard.calls };
}

function withoutProof(document: JsonLdObject): JsonLdObject {
  const rest = { ...document };
  delete rest.proof;
  return rest;
}

describe('W3C vc-di-eddsa eddsa-rdfc-2022 vector', () => {
  const dir = './w3c-vc-di-eddsa/';
  const signed = fixtureJson(`${dir}eddsa-rdfc-2022_signedDataInt.json`);
  const keyPair = fixtureJson<
    { publicKeyMultibase: string; privateKeyMultibase: string } & JsonLdObject
  >(`${dir}keyPair.json`);
  const documentLoader = createDocumentLoader(EXAMPLES_CONTEXTS);

  it('canonicalizes the unsigned document to the published N-Quads', async () => {
    const nquads = await rdfcCanonize(withoutProof(signed), { documentLoader });
    expect(nquads).toBe(fixtureText(`${dir}eddsa-rdfc-2022_canonDocDataInt.txt`));
  });

  it('verifies the signed document with the did:key of keyPair.json', async () => {
    const vm = (signed.proof as JsonLdObject).verificationMethod;
    expect(vm).toBe(`did:key:${keyPair.publicKeyMultibase}#${keyPair.publicKeyMultibase}`);
    // The vector's issuer is not the key's controller, so only assertionMethod is bound.
    const result = await verifyCredentialProof(signed, {
      resolveKey: didKeyResolver,
      documentLoader,
      binding: 'assertion',
    });
    expect(result).toMatchObject({ verified: true });
  });

  /** The vector's document signed again with its private key, proof config and `created`. */
  const resign = async (canonize?: Canonize) => {
    const config = fixtureJson(`${dir}eddsa-rdfc-2022_proofConfigDataInt.json`);
    const privateKey = await privateKeyFromMultibase(
      keyPair.publicKeyMultibase,
      keyPair.privateKeyMultibase,
    );
    return signCredential(withoutProof(signed), {
      signer: ed25519Signer(privateKey, config.verificationMethod as string),
      documentLoader,
      created: new Date(config.created as string),
      ...(canonize ? { canonize } : {}),
    });
  };

  it('reproduces the published signature from the private key (Ed25519 is deterministic)', async () => {
    const resigned = await resign();
    const proof = resigned.proof as JsonLdObject;
    expect(proof.proofValue).toBe(fixtureText(`${dir}eddsa-rdfc-2022_sigBTC58DataInt.txt`).trim());
    expect(resigned).toEqual(signed);
  });

  it('gives the published N-Quads and signature through the shape canonicalizer', async () => {
    const fast = fastPath(EXAMPLES_CONTEXTS);
    expect(await fast.canonize(withoutProof(signed), { documentLoader })).toBe(
      fixtureText(`${dir}eddsa-rdfc-2022_canonDocDataInt.txt`),
    );
    const resigned = await resign(fast.canonize);
    expect(resigned).toEqual(signed);
    const verified = await verifyCredentialProof(signed, {
      resolveKey: didKeyResolver,
      documentLoader,
      canonize: fast.canonize,
      binding: 'assertion',
    });
    expect(verified).toMatchObject({ verified: true });
    expect(fast.standardCalls()).toBe(0);
  });
});

describe('1EdTech Open Badges 3.0 vector', () => {
  const dir = './1edtech-ob3/';
  const signed = fixtureJson(`${dir}signed-credential.json`);
  const controller = fixtureJson<ControllerDocument>(`${dir}issuer-controller-document.json`);
  const documentLoader: DocumentLoader = createDocumentLoader();

  it('names the OB 3.0.3 context, which the loader bundles', () => {
    expect(signed['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
  });

  it('canonicalizes the document and the proof configuration to the published N-Quads', async () => {
    const doc = await rdfcCanonize(withoutProof(signed), { documentLoader });
    const proof = await rdfcCanonize(proofConfig(signed), { documentLoader });
    expect(doc).toBe(fixtureText(`${dir}document-canon.txt`));
    expect(proof).toBe(fixtureText(`${dir}proof-canon.txt`));
  });

  it('verifies against the issuer controller document, issuer bound to the key', async () => {
    const result = await verifyCredentialProof(signed, {
      resolveKey: resolverFromControllerDocuments([controller]),
      documentLoader,
    });
    expect(result).toEqual({
      verified: true,
      verificationMethod: (signed.proof as JsonLdObject).verificationMethod,
      controller: 'https://example.edu/issuers/565049',
    });
  });

  it('gives the published N-Quads and verifies through the shape canonicalizer', async () => {
    const fast = fastPath();
    expect(await fast.canonize(withoutProof(signed), { documentLoader })).toBe(
      fixtureText(`${dir}document-canon.txt`),
    );
    expect(await fast.canonize(proofConfig(signed), { documentLoader })).toBe(
      fixtureText(`${dir}proof-canon.txt`),
    );
    const result = await verifyCredentialProof(signed, {
      resolveKey: resolverFromControllerDocuments([controller]),
      documentLoader,
      canonize: fast.canonize,
    });
    expect(result).toMatchObject({ verified: true });
    expect(fast.standardCalls()).toBe(0);
  });
});
