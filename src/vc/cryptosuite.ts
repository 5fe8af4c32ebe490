import { verify, type KeyObject } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { rdfcCanonize } from './canonize.ts';
import type { Canonize, Cryptosuite, JsonLdObject } from './jsonld-types.ts';
import { publicKeyFromMultibase } from './multikey.ts';
import { Recent } from '../core/recent.ts';

/** Public keys kept decoded; far more than the keys one instance ever verifies with. */
const MAX_KEYS = 4096;

/**
 * Decoded Ed25519 public keys by verification method and key material. The library's
 * verifier rebuilds a KeyObject from the multibase on every call, a quarter of a fast
 * verification. An entry is keyed by the key bytes themselves, so it can never answer for
 * another key: a revoked key is simply no longer resolved, so its entry goes unused and
 * ages out.
 */
const keys = new Recent<string, Promise<KeyObject>>(MAX_KEYS);

function decodedKey(method: JsonLdObject): Promise<KeyObject> {
  const cacheKey = `${String(method.id)}\n${String(method.publicKeyMultibase)}`;
  return keys.getOrSet(cacheKey, () => {
    // The library checks the Multikey (type, context, multicodec header) as it always has.
    const key = Ed25519Multikey.from(method as Parameters<typeof Ed25519Multikey.from>[0]).then(
      (pair) => publicKeyFromMultibase(pair.publicKeyMultibase),
    );
    key.catch(() => keys.delete(cacheKey));
    return key;
  });
}

async function createVerifier({ verificationMethod }: { verificationMethod: JsonLdObject }) {
  const publicKey = await decodedKey(verificationMethod);
  return {
    algorithm: 'Ed25519',
    id: verificationMethod.id,
    verify: ({ data, signature }: { data: Uint8Array; signature: Uint8Array }) =>
      Promise.resolve(verify(null, data, publicKey, signature)),
  };
}

/**
 * eddsa-rdfc-2022 with the canonicalizer swappable; the hashing and proof layout stay the
 * library's so they cannot drift from the spec, and Ed25519 verification is node:crypto's
 * over a key decoded once.
 */
export function eddsaRdfc2022(canonize: Canonize = rdfcCanonize): Cryptosuite {
  return { ...cryptosuite, canonize, createVerifier };
}
